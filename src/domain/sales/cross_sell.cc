#include "domain/sales/cross_sell.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>

namespace rapport::domain {
namespace {

using store::Value;

constexpr std::int64_t kDay = 86'400'000'000;

double Ratio(std::int64_t a, std::int64_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }

// The distinct (order, product) pairs of the paid, live orders placed since $1.
constexpr std::string_view kWindowLines =
    "lines AS (SELECT DISTINCT l.order_id, l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id "
    "WHERE o.status = 'paid' AND o.deleted_at IS NULL AND o.ordered_at >= $1 AND l.deleted_at IS NULL "
    "AND l.product_id IS NOT NULL)";

Result<std::optional<CrossSellWindow>> StoredWindow(store::Connection& conn) {
  auto rows = conn.Query("SELECT days, since, orders, refreshed_at FROM cross_sell_window WHERE id = 1");
  if (!rows.ok()) return std::move(rows).error();
  if (rows->rows() == 0) return std::optional<CrossSellWindow>();
  return std::optional<CrossSellWindow>(CrossSellWindow{static_cast<int>(rows->Int(0, 0)), rows->Int(0, 1),
                                                        rows->Int(0, 2), rows->Int(0, 3)});
}

template <typename T>
void Rank(std::vector<T>& out, int limit, auto tie) {
  std::sort(out.begin(), out.end(), [&](const T& x, const T& y) {
    if (x.lift != y.lift) return x.lift > y.lift;
    if (x.orders != y.orders) return x.orders > y.orders;
    return tie(x) < tie(y);
  });
  if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
}

// Inserts rows of `width` values into `table_columns` ("t (a, b)"), many rows a statement.
Status InsertRows(store::Connection& conn, std::string_view table_columns, std::size_t width,
                  const std::vector<Value>& values) {
  constexpr std::size_t kRowsPerStatement = 500;
  for (std::size_t first = 0; first < values.size(); first += kRowsPerStatement * width) {
    const std::size_t count = std::min(values.size() - first, kRowsPerStatement * width);
    std::string sql = fmt::format("INSERT INTO {} VALUES ", table_columns);
    for (std::size_t v = 0; v < count; ++v) {
      sql += fmt::format("{}${}{}", v % width == 0 ? (v ? ", (" : "(") : ", ", v + 1, v % width == width - 1 ? ")" : "");
    }
    auto done = conn.Exec(sql, std::span<const Value>(values).subspan(first, count));
    if (!done.ok()) return std::move(done).error();
  }
  return {};
}

}  // namespace

// Counted in a read snapshot, so writers wait only for the short replacement at the end.
Result<CrossSellWindow> RefreshCrossSell(store::Database& db, Micros now, int days) {
  CrossSellWindow window{days, now - days * kDay, 0, now};
  const Value since(window.since);
  std::vector<Value> products, pairs;
  RAPPORT_RETURN_IF_ERROR(db.Read([&](store::Connection& conn) -> Status {
    products.clear();
    pairs.clear();
    auto counts = conn.Query(
        fmt::format("WITH {} SELECT product_id, COUNT(*) FROM lines GROUP BY product_id", kWindowLines), {since});
    if (!counts.ok()) return std::move(counts).error();
    for (std::size_t r = 0; r < counts->rows(); ++r) {
      products.emplace_back(counts->Int(r, 0));
      products.emplace_back(counts->Int(r, 1));
    }
    // Each product's partners by the orders holding both, the most frequent kPartnersKept of them.
    auto partners = conn.Query(
        fmt::format("WITH {} SELECT a, b, n FROM (SELECT a, b, n, "
                    "ROW_NUMBER() OVER (PARTITION BY a ORDER BY n DESC, b) AS r "
                    "FROM (SELECT x.product_id AS a, y.product_id AS b, COUNT(*) AS n FROM lines x "
                    "JOIN lines y ON y.order_id = x.order_id AND y.product_id <> x.product_id "
                    "GROUP BY x.product_id, y.product_id) g) ranked WHERE r <= $2",
                    kWindowLines),
        {since, Value(std::int64_t{kPartnersKept})});
    if (!partners.ok()) return std::move(partners).error();
    for (std::size_t r = 0; r < partners->rows(); ++r) {
      for (std::size_t c = 0; c < 3; ++c) pairs.emplace_back(partners->Int(r, c));
    }
    auto orders = conn.Query(fmt::format("WITH {} SELECT COUNT(DISTINCT order_id) FROM lines", kWindowLines), {since});
    if (!orders.ok()) return std::move(orders).error();
    window.orders = orders->Int(0, 0);
    return {};
  }));
  RAPPORT_RETURN_IF_ERROR(db.Write([&](store::Connection& conn) -> Status {
    RAPPORT_RETURN_IF_ERROR(
        conn.ExecScript("DELETE FROM cross_sell_pairs; DELETE FROM cross_sell_products; DELETE FROM cross_sell_window"));
    RAPPORT_RETURN_IF_ERROR(InsertRows(conn, "cross_sell_products (product_id, orders)", 2, products));
    RAPPORT_RETURN_IF_ERROR(InsertRows(conn, "cross_sell_pairs (product_id, other_id, orders)", 3, pairs));
    auto saved = conn.Exec(
        "INSERT INTO cross_sell_window (id, days, since, orders, refreshed_at) VALUES (1, $1, $2, $3, $4)",
        {Value(std::int64_t{days}), since, Value(window.orders), Value(now)});
    if (!saved.ok()) return std::move(saved).error();
    return {};
  }));
  return window;
}

Result<std::optional<CrossSellWindow>> StoredCrossSellWindow(store::Database& db) {
  return store::ReadValue(db, [](store::Connection& conn) { return StoredWindow(conn); });
}

Result<CrossSellWindow> RefreshCrossSell(store::Database& db, Micros now) {
  auto stored = StoredCrossSellWindow(db);
  if (!stored.ok()) return std::move(stored).error();
  return RefreshCrossSell(db, now, stored->has_value() ? (*stored)->days : kDefaultCrossSellDays);
}

Result<CrossSellWindow> CurrentCrossSellWindow(store::Database& db, Micros now) {
  auto stored = StoredCrossSellWindow(db);
  if (!stored.ok()) return std::move(stored).error();
  if (stored->has_value()) return **stored;
  return RefreshCrossSell(db, now, kDefaultCrossSellDays);
}

Result<std::vector<ProductPair>> BoughtTogether(store::Database& db, const CrossSellOptions& options) {
  // A pair is kept from both sides unless one side's list was full: read it from the lower id's
  // side, or from the other when the lower one lacks it.
  auto rows = store::ReadValue(db, [&](store::Connection& conn) {
    return conn.Query(
        "SELECT x.product_id, pa.name, x.other_id, pb.name, x.orders, ca.orders, cb.orders, "
        "(SELECT orders FROM cross_sell_window WHERE id = 1) "
        "FROM cross_sell_pairs x JOIN cross_sell_products ca ON ca.product_id = x.product_id "
        "JOIN cross_sell_products cb ON cb.product_id = x.other_id "
        "JOIN products pa ON pa.id = x.product_id JOIN products pb ON pb.id = x.other_id "
        "WHERE x.orders >= $1 AND (x.product_id < x.other_id OR NOT EXISTS (SELECT 1 FROM cross_sell_pairs y "
        "WHERE y.product_id = x.other_id AND y.other_id = x.product_id))",
        {Value(options.min_orders)});
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
    std::int64_t na = rows->Int(r, 5), nb = rows->Int(r, 6);
    const std::int64_t total = rows->Int(r, 7);
    if (p.a > p.b) {
      std::swap(p.a, p.b);
      std::swap(p.a_name, p.b_name);
      std::swap(na, nb);
    }
    p.support = Ratio(p.orders, total);
    p.confidence_ab = Ratio(p.orders, na);
    p.confidence_ba = Ratio(p.orders, nb);
    p.lift = Ratio(p.orders * total, na * nb);
    if (p.lift > 1.0) out.push_back(std::move(p));
  }
  Rank(out, options.limit, [](const ProductPair& p) { return std::pair(p.a, p.b); });
  return out;
}

Result<std::vector<Suggestion>> SuggestFor(RecordService& records, const Caller& caller, std::string_view object,
                                           std::int64_t id, const CrossSellWindow& window,
                                           const CrossSellOptions& options) {
  if (object != "person" && object != "organization") {
    return Error{ErrorCode::kNotFound, fmt::format("{} records have no purchases", object), {}};
  }
  auto customer = records.Find(caller, object, id, false);
  if (!customer.ok()) return std::move(customer).error();
  if (!customer->has_value()) return Error{ErrorCode::kNotFound, fmt::format("no {} with id {}", object, id), {}};
  // The column is one of two fixed names, never request text. `mine`: every product they bought
  // (paid, ever); `own`: their orders the counts hold (in the window, placed before the refresh),
  // once per product of theirs, taken off the orders of their products so that only others' count.
  const std::string_view column = object == "person" ? "person_id" : "organization_id";
  const std::string sql = fmt::format(
      "WITH mine AS (SELECT DISTINCT l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id "
      "WHERE o.{0} = $1 AND o.status = 'paid' AND o.deleted_at IS NULL AND l.deleted_at IS NULL "
      "AND l.product_id IS NOT NULL), "
      "own AS (SELECT COUNT(*) AS n FROM (SELECT DISTINCT l.order_id, l.product_id FROM order_lines l "
      "JOIN orders o ON o.id = l.order_id WHERE o.{0} = $1 AND o.status = 'paid' AND o.deleted_at IS NULL "
      "AND o.ordered_at >= $2 AND o.created_at <= $3 AND l.deleted_at IS NULL AND l.product_id IS NOT NULL) t), "
      "together AS (SELECT x.other_id AS product_id, SUM(x.orders) AS n FROM cross_sell_pairs x "
      "WHERE x.product_id IN (SELECT product_id FROM mine) AND x.other_id NOT IN (SELECT product_id FROM mine) "
      "GROUP BY x.other_id HAVING SUM(x.orders) >= $4) "
      "SELECT t.product_id, pr.name, t.n, b.orders, "
      "(SELECT COALESCE(SUM(orders), 0) FROM cross_sell_products WHERE product_id IN (SELECT product_id FROM mine)) "
      "- (SELECT n FROM own) "
      "FROM together t JOIN cross_sell_products b ON b.product_id = t.product_id "
      "JOIN products pr ON pr.id = t.product_id WHERE pr.deleted_at IS NULL AND pr.active",
      column);
  auto rows = store::ReadValue(records.db(), [&](store::Connection& conn) {
    return conn.Query(sql, {Value(id), Value(window.since), Value(window.refreshed_at), Value(options.min_orders)});
  });
  if (!rows.ok()) return std::move(rows).error();
  std::vector<Suggestion> out;
  for (std::size_t r = 0; r < rows->rows(); ++r) {
    Suggestion s;
    s.product = rows->Int(r, 0);
    s.name = std::string(rows->Text(r, 1));
    s.orders = rows->Int(r, 2);
    // Orders placed or paid since the refresh may be theirs but not yet counted: never fewer
    // others' orders than the ones holding this product.
    const std::int64_t base = rows->Int(r, 3), peers = std::max(store::IntOf(rows->at(r, 4)).value_or(0), s.orders);
    s.confidence = Ratio(s.orders, peers);
    s.lift = s.confidence / Ratio(base, window.orders);
    if (s.lift > 1.0) out.push_back(std::move(s));
  }
  Rank(out, options.limit, [](const Suggestion& s) { return s.product; });
  return out;
}

Result<std::vector<CustomerSuggestion>> SuggestForOwner(RecordService& records, const Caller& caller,
                                                        std::int64_t owner, const CrossSellWindow& window,
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
    auto found = SuggestFor(records, caller, c.object, c.id, window, best_only);
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
