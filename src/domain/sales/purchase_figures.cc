#include "domain/sales/purchase_figures.h"

#include <fmt/format.h>

#include "domain/record/record_json.h"
#include "meta/time_text.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Value;

constexpr std::int64_t kDay = 86'400'000'000;

int Rank(std::string_view stage) {
  if (stage == "customer") return 1;
  if (stage == "repeat") return 2;
  if (stage == "loyal") return 3;
  return 0;  // prospect, lead, churned, none
}


bj::value Time(std::optional<std::int64_t> t) { return t ? bj::value(FormatTimestamp(*t)) : bj::value(nullptr); }

bj::value Money(std::optional<std::int64_t> micros, const std::string& currency) {
  if (!micros) return nullptr;
  return bj::object{{"micros", *micros}, {"currency", currency}};
}

std::string Amount(std::int64_t micros, const std::string& currency) {
  return fmt::format("{}.{:02} {}", micros / 1'000'000, (micros % 1'000'000) / 10'000, currency);
}

}  // namespace

bool IsPromotion(std::string_view from, std::string_view to) { return Rank(to) > Rank(from); }

std::optional<EarnedStage> StageFromPurchases(const SalesSettings& s, std::int64_t count,
                                              std::optional<std::int64_t> last,
                                              std::optional<std::int64_t> previous, std::int64_t revenue) {
  if (count <= 0) return std::nullopt;
  if (count >= s.loyal_purchases) return EarnedStage{"loyal", fmt::format("{} paid orders", count)};
  if (revenue >= s.loyal_revenue_micros) {
    return EarnedStage{"loyal", fmt::format("revenue {} reaches {}", Amount(revenue, s.base_currency),
                                            Amount(s.loyal_revenue_micros, s.base_currency))};
  }
  if (count >= 2 && last && previous && *last - *previous <= s.repeat_window_days * kDay) {
    return EarnedStage{"repeat", fmt::format("{} paid orders, the last within {} days of the one before",
                                             count, s.repeat_window_days)};
  }
  return EarnedStage{"customer", count == 1 ? "first paid order" : fmt::format("{} paid orders", count)};
}

Result<bj::object> PurchasePatch(store::Connection& conn, const SalesSettings& settings, std::string_view object,
                                 std::int64_t id, std::string_view current) {
  const std::string column = object == "person" ? "person_id" : "organization_id";
  const std::string& base = settings.base_currency;
  // Both aggregates read the orders through the (party, id) index of the link column.
  auto totals = conn.Query(
      fmt::format("SELECT COUNT(*), MIN(ordered_at), MAX(ordered_at), "
                  "SUM(CASE WHEN total_currency = $2 THEN total_micros ELSE 0 END), "
                  "SUM(CASE WHEN total_currency = $2 THEN COALESCE(total_micros, 0) - COALESCE(cost_micros, 0) ELSE 0 END), "
                  "SUM(CASE WHEN total_currency = $2 THEN 1 ELSE 0 END) "
                  "FROM orders WHERE {} = $1 AND status = 'paid' AND deleted_at IS NULL",
                  column),
      {Value(id), Value(base)});
  if (!totals.ok()) return std::move(totals).error();
  const std::int64_t count = store::IntOf(totals->at(0, 0)).value_or(0);
  const std::int64_t revenue = store::IntOf(totals->at(0, 3)).value_or(0);
  const std::int64_t margin = store::IntOf(totals->at(0, 4)).value_or(0);
  const std::int64_t in_base = store::IntOf(totals->at(0, 5)).value_or(0);
  bj::object patch{
      {"purchase_count", count},
      {"first_purchase_at", Time(store::IntOf(totals->at(0, 1)))},
      {"last_purchase_at", Time(store::IntOf(totals->at(0, 2)))},
      {"revenue", Money(count > 0 ? std::optional(revenue) : std::nullopt, base)},
      {"margin", Money(count > 0 ? std::optional(margin) : std::nullopt, base)},
      {"average_order_value", Money(in_base > 0 ? std::optional(revenue / in_base) : std::nullopt, base)},
  };
  std::optional<std::int64_t> last;
  std::optional<std::int64_t> previous;
  if (count >= 2) {
    auto recent = conn.Query(fmt::format("SELECT ordered_at FROM orders WHERE {} = $1 AND status = 'paid' AND "
                                         "deleted_at IS NULL ORDER BY ordered_at DESC, id DESC LIMIT 2",
                                         column),
                             {Value(id)});
    if (!recent.ok()) return std::move(recent).error();
    if (recent->rows() == 2) {
      last = store::IntOf(recent->at(0, 0));
      previous = store::IntOf(recent->at(1, 0));
    }
  }
  auto earned = StageFromPurchases(settings, count, last, previous, revenue);
  if (earned && IsPromotion(current, earned->stage)) {
    patch["lifecycle_stage"] = earned->stage;
    patch["stage_reason"] = earned->reason;
  }
  return patch;
}

}  // namespace rapport::domain
