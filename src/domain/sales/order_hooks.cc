#include "domain/sales/order_hooks.h"

#include <fmt/format.h>

#include <set>

#include "domain/record/record_json.h"
#include "domain/sales/purchase_figures.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Value;

// Well-formed input that the product or order refuses (currency mismatch, a quantity below 1):
// 422 (kFailedPrecondition), like a link to a missing record.
Error Bad(std::string field, std::string problem) {
  std::string message = field + " " + problem;
  return Error{ErrorCode::kFailedPrecondition, std::move(message), {{std::move(field), std::move(problem)}}};
}

std::optional<std::int64_t> IdOf(const bj::value& v) {
  if (v.is_null()) return std::nullopt;
  return v.to_number<std::int64_t>();
}


// Refreshes the purchase figures of the parties that `records` (orders, as before and after a
// change) name.
Status RefreshParties(WriteContext& ctx, std::initializer_list<const bj::object*> records) {
  std::set<std::pair<std::string, std::int64_t>> parties;
  for (const bj::object* r : records) {
    if (r == nullptr) continue;
    for (const char* object : {"person", "organization"}) {
      if (auto id = IdOf(Member(r, object))) parties.emplace(object, *id);
    }
  }
  if (parties.empty()) return {};
  auto settings = LoadSalesSettings(ctx.conn);
  if (!settings.ok()) return std::move(settings).error();
  for (const auto& [object, id] : parties) {
    const meta::ObjectDef* def = ctx.registry.FindObject(object);
    auto rows = ctx.conn.Query(
        fmt::format("SELECT lifecycle_stage FROM {} WHERE id = $1 AND deleted_at IS NULL", def->table), {Value(id)});
    if (!rows.ok()) return std::move(rows).error();
    if (rows->rows() == 0) continue;  // a deleted party: `rapport recompute purchases` after a restore
    const Value& stage = rows->at(0, 0);
    auto patch = PurchasePatch(ctx.conn, *settings, object, id,
                               store::IsNull(stage) ? std::string() : std::get<std::string>(stage));
    if (!patch.ok()) return std::move(patch).error();
    auto updated = ctx.writer.UpdateIn(ctx, object, id, std::move(*patch));
    if (!updated.ok()) return std::move(updated).error();
  }
  return {};
}

// The order's total, cost and line count from its live lines.
Status RefreshOrder(WriteContext& ctx, std::int64_t order) {
  auto currency = ctx.conn.Query("SELECT currency FROM orders WHERE id = $1 AND deleted_at IS NULL", {Value(order)});
  if (!currency.ok()) return std::move(currency).error();
  if (currency->rows() == 0) return {};
  const std::string code = std::get<std::string>(currency->at(0, 0));
  auto sums = ctx.conn.Query(
      "SELECT COUNT(*), SUM(total_micros), SUM(cost_micros) FROM order_lines WHERE order_id = $1 AND deleted_at IS NULL",
      {Value(order)});
  if (!sums.ok()) return std::move(sums).error();
  bj::object patch{{"line_count", store::IntOf(sums->at(0, 0)).value_or(0)},
                   {"total", bj::object{{"micros", store::IntOf(sums->at(0, 1)).value_or(0)}, {"currency", code}}},
                   {"cost", bj::object{{"micros", store::IntOf(sums->at(0, 2)).value_or(0)}, {"currency", code}}}};
  auto updated = ctx.writer.UpdateIn(ctx, "order", order, std::move(patch));
  if (!updated.ok()) return std::move(updated).error();
  return {};
}

Status PriceLine(WriteContext& ctx, const bj::object* before, bj::object& after) {
  const std::int64_t order = after.at("order").to_number<std::int64_t>();
  const std::int64_t product = after.at("product").to_number<std::int64_t>();
  auto orders = ctx.conn.Query("SELECT currency FROM orders WHERE id = $1", {Value(order)});
  if (!orders.ok()) return std::move(orders).error();
  if (orders->rows() == 0) return Bad("order", fmt::format("no order with id {}", order));
  const std::string currency = std::get<std::string>(orders->at(0, 0));
  auto products = ctx.conn.Query(
      "SELECT price_micros, price_currency, cost_micros, cost_currency FROM products WHERE id = $1 AND deleted_at IS NULL",
      {Value(product)});
  if (!products.ok()) return std::move(products).error();
  if (products->rows() == 0) return Bad("product", fmt::format("no product with id {}", product));
  const Value& price_currency = products->at(0, 1);
  bj::value unit_price = Member(&after, "unit_price");
  // A new product without a new price takes the new product's price.
  if (before != nullptr && Member(before, "product") != after.at("product") &&
      Member(before, "unit_price") == unit_price) {
    unit_price = nullptr;
  }
  if (unit_price.is_null()) {
    if (store::IsNull(price_currency) || std::get<std::string>(price_currency) != currency) {
      return Bad("product", fmt::format("{} is priced in {}, the order is in {}", product,
                                        store::IsNull(price_currency) ? "no currency" : std::get<std::string>(price_currency),
                                        currency));
    }
    unit_price = bj::object{{"micros", store::IntOf(products->at(0, 0)).value_or(0)}, {"currency", currency}};
  } else if (unit_price.at("currency").as_string() != currency) {
    return Bad("unit_price", fmt::format("is in {}, the order is in {}", unit_price.at("currency").as_string().c_str(),
                                         currency));
  }
  const std::int64_t quantity = after.at("quantity").to_number<std::int64_t>();
  if (quantity < 1) return Bad("quantity", "must be at least 1");
  const std::int64_t price = unit_price.at("micros").to_number<std::int64_t>();
  // Cost counts only in the order's currency (no exchange rates).
  const Value& cost_currency = products->at(0, 3);
  const std::int64_t cost = !store::IsNull(cost_currency) && std::get<std::string>(cost_currency) == currency
                                ? store::IntOf(products->at(0, 2)).value_or(0)
                                : 0;
  if (price != 0 && quantity > std::numeric_limits<std::int64_t>::max() / std::max(price, cost)) {
    return Bad("quantity", "times the unit price is too large");
  }
  after["unit_price"] = unit_price;
  after["total"] = bj::object{{"micros", quantity * price}, {"currency", currency}};
  after["cost"] = bj::object{{"micros", quantity * cost}, {"currency", currency}};
  return {};
}

bool IsCurrencyCode(const bj::value& v) {
  if (!v.is_string() || v.get_string().size() != 3) return false;
  for (char c : v.get_string()) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace

void AddOrderHooks(HookRegistry& hooks) {
  RecordHooks order;
  order.before_write = [](WriteContext& ctx, const bj::object* before, bj::object& after) -> Status {
    if (!IsCurrencyCode(Member(&after, "currency"))) {
      return Error{ErrorCode::kInvalidArgument, "currency must be a code of 3 uppercase letters such as EUR",
                   {{"currency", "must be a code of 3 uppercase letters such as EUR"}}};
    }
    if (before != nullptr && Member(before, "currency") != after.at("currency")) {
      const bj::value& lines = Member(before, "line_count");
      if (lines.is_int64() && lines.get_int64() > 0) return Bad("currency", "cannot change while the order has lines");
    }
    if (Member(&after, "ordered_at").is_null()) after["ordered_at"] = FormatTimestamp(ctx.now);
    if (before == nullptr) {
      after["line_count"] = 0;
      after["total"] = bj::object{{"micros", 0}, {"currency", after.at("currency")}};
      after["cost"] = bj::object{{"micros", 0}, {"currency", after.at("currency")}};
    }
    return {};
  };
  order.after_write = [](WriteContext& ctx, const bj::object* before, const bj::object& after) -> Status {
    return RefreshParties(ctx, {before, &after});
  };
  order.after_delete = [](WriteContext& ctx, const bj::object& record) -> Status {
    return RefreshParties(ctx, {&record});
  };
  order.after_restore = order.after_delete;
  hooks.Add("order", std::move(order));

  RecordHooks line;
  line.before_write = PriceLine;
  line.after_write = [](WriteContext& ctx, const bj::object* before, const bj::object& after) -> Status {
    const std::int64_t order = after.at("order").to_number<std::int64_t>();
    if (auto old = IdOf(Member(before, "order")); old && *old != order) RAPPORT_RETURN_IF_ERROR(RefreshOrder(ctx, *old));
    return RefreshOrder(ctx, order);
  };
  line.after_delete = [](WriteContext& ctx, const bj::object& record) -> Status {
    return RefreshOrder(ctx, record.at("order").to_number<std::int64_t>());
  };
  line.after_restore = line.after_delete;
  hooks.Add("order_line", std::move(line));
}

}  // namespace rapport::domain
