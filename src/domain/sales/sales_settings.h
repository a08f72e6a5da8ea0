// The thresholds of the sales rules (lifecycle from purchases, the base currency of the derived
// purchase figures): rows of the `settings` table (key, value), a default for every key that has
// no row. Read inside the transaction that applies them.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "common/result.h"
#include "store/store.h"

namespace rapport::domain {

struct SalesSettings {
  std::string base_currency = "EUR";        // sales.base_currency: revenue, margin and AOV are in it
  std::int64_t repeat_window_days = 180;    // lifecycle.repeat_window_days: 2nd purchase within -> repeat
  std::int64_t loyal_purchases = 5;         // lifecycle.loyal_purchases: this many purchases -> loyal
  std::int64_t loyal_revenue_micros = 5'000'000'000;  // lifecycle.loyal_revenue_micros: or this revenue
  std::int64_t churn_days = 365;            // lifecycle.churn_days: no purchase nor touch for so long -> churned

  boost::json::object ToJson() const;
};

Result<SalesSettings> LoadSalesSettings(store::Connection& conn);

// Sets the keys of `changes` (names as in ToJson); kInvalidArgument naming an unknown key or a
// bad value. Writes nothing unless every member is good.
Status SaveSalesSettings(store::Connection& conn, const boost::json::object& changes, std::int64_t now);

}  // namespace rapport::domain
