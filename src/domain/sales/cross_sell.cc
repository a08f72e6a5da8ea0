#include "domain/sales/cross_sell.h"

#include <fmt/format.h>

#include <algorithm>

namespace rapport::domain {
namespace {

using store::Value;

constexpr std::int64_t kDay = 86'400'000'000;

// The paid, live orders placed since $1.
constexpr std::string_view kPaidOrders =
    "paid AS (SELECT o.id, o.person_id, o.organization_id FROM orders o "
    "WHERE o.status = 'paid' AND o.deleted_at IS NULL AND o.ordered_at >= $1)";

double Ratio(std::int64_t a, std::int64_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }

}  // namespace

Result<std::vector<ProductPair>> BoughtTogether(store::Database& db, Micros now, const CrossSellOptions& options) {
  const std::string sql = fmt::format(
      "WITH {}, "
      "lines AS (SELECT DISTINCT l.order_id, l.product_id FROM order_lines l JOIN paid p ON p.id = l.order_id "
      "WHERE l.deleted_at IS NULL AND l.product_id IS NOT NULL), "
      "counts AS (SELECT product_id, COUNT(*) AS n FROM lines GROUP BY product_id), "
      "pairs AS (SELECT x.product_id AS a, y.product_id AS b, COUNT(*) AS n FROM lines x "
      "JOIN lines y ON y.order_id = x.order_id AND y.product_id > x.product_id "
      "GROUP BY x.product_id, y.product_id HAVING COUNT(*) >= $2) "
      "SELECT pairs.a, pa.name, pairs.b, pb.name, pairs.n, ca.n, cb.n, (SELECT COUNT(DISTINCT order_id) FROM lines) "
      "FROM pairs JOIN counts ca ON ca.product_id = pairs.a JOIN counts cb ON cb.product_id = pairs.b "
      "JOIN products pa ON pa.id = pairs.a JOIN products pb ON pb.id = pairs.b",
      kPaidOrders);
  auto rows = store::ReadValue(db, [&](store::Connection& conn) {
    return conn.Query(sql, {Value(now - options.days * kDay), Value(options.min_orders)});
  });
  if (!rows.ok()) return std::move(rows).error();
  std::vector<ProductPair> out;
  for (std::size_t r = 0; r < rows->rows(); ++r) {
    ProductPair p;
    p.a = rows->Int(r, 0);
    p.a_name = std::string(rows->Text(r, 1));
    p.b = rows->Int(r, 2);
    p.b_name = std::string(rows->Text(r, 3));
    p.orders = rows->Int(r, 4);
    const std::int64_t na = rows->Int(r, 5), nb = rows->Int(r, 6), total = rows->Int(r, 7);
    p.support = Ratio(p.orders, total);
    p.confidence_ab = Ratio(p.orders, na);
    p.confidence_ba = Ratio(p.orders, nb);
    p.lift = Ratio(p.orders * total, na * nb);
    if (p.lift > 1.0) out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const ProductPair& x, const ProductPair& y) {
    if (x.lift != y.lift) return x.lift > y.lift;
    if (x.orders != y.orders) return x.orders > y.orders;
    return std::pair(x.a, x.b) < std::pair(y.a, y.b);
  });
  if (out.size() > static_cast<std::size_t>(options.limit)) out.resize(static_cast<std::size_t>(options.limit));
  return out;
}

Result<std::vector<Suggestion>> SuggestFor(RecordService& records, const Caller& caller, std::string_view object,
                                           std::int64_t id, Micros now, const CrossSellOptions& options) {
  if (object != "person" && object != "organization") {
    return Error{ErrorCode::kNotFound, fmt::format("{} records have no purchases", object), {}};
  }
  auto customer = records.Find(caller, object, id, false);
  if (!customer.ok()) return std::move(customer).error();
  if (!customer->has_value()) return Error{ErrorCode::kNotFound, fmt::format("no {} with id {}", object, id), {}};
  // The column is one of two fixed names, never request text.
  const std::string_view column = object == "person" ? "person_id" : "organization_id";
  const std::string sql = fmt::format(
      "WITH {0}, "
      "mine AS (SELECT DISTINCT l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id "
      "WHERE o.{1} = $2 AND o.status = 'paid' AND o.deleted_at IS NULL AND l.deleted_at IS NULL "
      "AND l.product_id IS NOT NULL), "
      "peer_orders AS (SELECT DISTINCT l.order_id FROM order_lines l JOIN paid p ON p.id = l.order_id "
      "WHERE l.deleted_at IS NULL AND l.product_id IN (SELECT product_id FROM mine) "
      "AND (p.{1} IS NULL OR p.{1} <> $2)), "
      "together AS (SELECT l.product_id, COUNT(DISTINCT l.order_id) AS n FROM order_lines l "
      "WHERE l.deleted_at IS NULL AND l.order_id IN (SELECT order_id FROM peer_orders) "
      "AND l.product_id IS NOT NULL AND l.product_id NOT IN (SELECT product_id FROM mine) "
      "GROUP BY l.product_id HAVING COUNT(DISTINCT l.order_id) >= $3), "
      "base AS (SELECT l.product_id, COUNT(DISTINCT l.order_id) AS n FROM order_lines l JOIN paid p ON p.id = l.order_id "
      "WHERE l.deleted_at IS NULL AND l.product_id IN (SELECT product_id FROM together) GROUP BY l.product_id) "
      "SELECT t.product_id, pr.name, t.n, b.n, (SELECT COUNT(*) FROM peer_orders), (SELECT COUNT(*) FROM paid) "
      "FROM together t JOIN base b ON b.product_id = t.product_id JOIN products pr ON pr.id = t.product_id "
      "WHERE pr.deleted_at IS NULL AND pr.active",
      kPaidOrders, column);
  auto rows = store::ReadValue(records.db(), [&](store::Connection& conn) {
    return conn.Query(sql, {Value(now - options.days * kDay), Value(id), Value(options.min_orders)});
  });
  if (!rows.ok()) return std::move(rows).error();
  std::vector<Suggestion> out;
  for (std::size_t r = 0; r < rows->rows(); ++r) {
    Suggestion s;
    s.product = rows->Int(r, 0);
    s.name = std::string(rows->Text(r, 1));
    s.orders = rows->Int(r, 2);
    const std::int64_t base = rows->Int(r, 3), peers = rows->Int(r, 4), total = rows->Int(r, 5);
    s.confidence = Ratio(s.orders, peers);
    s.lift = s.confidence / Ratio(base, total);
    if (s.lift > 1.0) out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const Suggestion& x, const Suggestion& y) {
    if (x.lift != y.lift) return x.lift > y.lift;
    if (x.orders != y.orders) return x.orders > y.orders;
    return x.product < y.product;
  });
  if (out.size() > static_cast<std::size_t>(options.limit)) out.resize(static_cast<std::size_t>(options.limit));
  return out;
}

Result<std::vector<CustomerSuggestion>> SuggestForOwner(RecordService& records, const Caller& caller,
                                                        std::int64_t owner, Micros now,
                                                        const CrossSellOptions& options) {
  auto customers = store::ReadValue(records.db(), [&](store::Connection& conn) {
    return conn.Query(
        "SELECT 'person', id, TRIM(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')), last_purchase_at "
        "FROM people WHERE owner_id = $1 AND deleted_at IS NULL AND purchase_count > 0 "
        "UNION ALL SELECT 'organization', id, name, last_purchase_at "
        "FROM organizations WHERE owner_id = $1 AND deleted_at IS NULL AND purchase_count > 0 "
        "ORDER BY 4 DESC, 2 LIMIT $2",
        {Value(owner), Value(std::int64_t{kOwnerCustomers})});
  });
  if (!customers.ok()) return std::move(customers).error();
  CrossSellOptions best_only = options;
  best_only.limit = 1;
  std::vector<CustomerSuggestion> out;
  for (std::size_t r = 0; r < customers->rows(); ++r) {
    CustomerSuggestion c{std::string(customers->Text(r, 0)), customers->Int(r, 1), std::string(customers->Text(r, 2)), {}};
    auto found = SuggestFor(records, caller, c.object, c.id, now, best_only);
    if (!found.ok() && found.error().code == ErrorCode::kNotFound) continue;  // not the caller's to see
    if (!found.ok()) return std::move(found).error();
    if (found->empty()) continue;
    c.best = std::move(found->front());
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const CustomerSuggestion& x, const CustomerSuggestion& y) { return x.best.lift > y.best.lift; });
  if (out.size() > static_cast<std::size_t>(options.limit)) out.resize(static_cast<std::size_t>(options.limit));
  return out;
}

}  // namespace rapport::domain
