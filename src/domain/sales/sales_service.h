// Sales work that is not a hook of one record: the default pipeline at startup, recomputing every
// party's purchase figures from scratch, the inactivity sweep of the lifecycle (-> churned), the
// sales settings, and the forecast. Thread-safe; every call blocks on the database.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/record/record_service.h"
#include "domain/sales/sales_settings.h"

namespace rapport::domain {

// Creates the "Sales" pipeline with its stages when there is no pipeline at all (startup).
Status EnsureDefaultPipeline(RecordService& records);

// Sets the purchase figures (and lifecycle stage they earn) of every person and organization from
// their orders, in batches of one transaction each. The number of records that changed.
Result<std::int64_t> RecomputePurchases(RecordService& records);

// Moves every customer, repeat or loyal person and organization with neither a purchase nor a
// touch (an interaction) for `churn_days` before `now` to `churned`, with the reason. The number
// moved.
Result<std::int64_t> SweepLifecycle(RecordService& records, Micros now);

// Converts lead (or prospect) `person` into a customer and, when `deal` is given (deal fields; the
// person and their organization by default), opens that deal, in one transaction: when either
// fails neither is written. {"person": ..., "deal": ... or null}. kFailedPrecondition when the
// person is a customer already; problems of the deal name their field as "deal.<field>".
Result<boost::json::object> ConvertLead(RecordService& records, const Caller& caller, std::int64_t person,
                                        std::optional<boost::json::object> deal, std::optional<std::string> reason);

Result<SalesSettings> ReadSalesSettings(store::Database& db);
Status WriteSalesSettings(store::Database& db, const boost::json::object& changes, Micros now);

// Open deal value weighted by stage probability plus won value per `group` (month of the expected
// close date, owner or pipeline) and currency: {"group": ..., "data": [{"key", "currency", "open",
// "weighted", "won", "deals"}]}. kInvalidArgument naming `group` for another grouping.
Result<boost::json::object> Forecast(RecordService& records, const Caller& caller, std::string_view group);

}  // namespace rapport::domain
