// The purchase figures a person or organization keeps (first and last purchase, purchase count,
// revenue, margin, average order value), derived from its paid orders, and the lifecycle stage
// those purchases earn (customer, repeat, loyal; settings in sales_settings.h). One function
// computes both from the orders, so the figures kept by the order hooks (same transaction as the
// order change) always equal a recomputation from scratch (`rapport recompute purchases`).
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string_view>

#include "common/result.h"
#include "domain/sales/sales_settings.h"
#include "store/store.h"

namespace rapport::domain {

// The figures of person or organization `id` from its live paid orders, and its lifecycle stage
// and stage_reason when the purchases earn a later stage than `current_stage`: a patch for the
// record pipeline (which writes nothing when nothing differs).
Result<boost::json::object> PurchasePatch(store::Connection& conn, const SalesSettings& settings,
                                          std::string_view object, std::int64_t id, std::string_view current_stage);

// The lifecycle stage that `count` purchases (the last two at `last` and `previous`) and `revenue`
// in the base currency earn, with its reason; empty when none (no purchase).
struct EarnedStage {
  std::string stage;
  std::string reason;
};
std::optional<EarnedStage> StageFromPurchases(const SalesSettings& settings, std::int64_t count,
                                              std::optional<std::int64_t> last,
                                              std::optional<std::int64_t> previous, std::int64_t revenue);

// Whether moving from lifecycle stage `from` to `to` is a step up that purchases may make
// (prospect, lead and churned are below customer < repeat < loyal).
bool IsPromotion(std::string_view from, std::string_view to);

}  // namespace rapport::domain
