#include "cli/bench_sales_data.h"

#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/text_fold.h"

namespace rapport::cli {
namespace {

using bench::Below;
using bench::Chance;
using bench::Pick;
using bench::RowBatch;
using store::Value;

constexpr Micros kAnchor = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z, as bench_data.cc
constexpr Micros kDay = 86'400'000'000;
// Orders from 400 days before the anchor to 320 after, in id order: about half fall in a 365-day
// window ending in late 2026.
constexpr Micros kOrdersFrom = kAnchor - 400 * kDay;
constexpr Micros kOrdersSpan = 720 * kDay;
constexpr std::int64_t kCategories = 50;
constexpr int kSameCategoryPercent = 70;

constexpr std::array kAdjectives = {"Classic", "Compact", "Deluxe", "Eco", "Pro", "Mini", "Smart", "Solid", "Light",
                                    "Premium"};
constexpr std::array kNouns = {"Desk lamp", "Office chair", "Notebook", "Printer paper", "Toner", "Headset",
                               "Monitor arm", "Coffee beans", "Water filter", "Backpack", "Cable set", "Whiteboard"};
constexpr std::array kChannels = {"web", "store", "phone", "email", "marketplace", "sales_rep"};

struct Stage {
  std::int64_t id;
  std::string kind;
};

struct Context {
  store::Database& db;
  const SalesBenchOptions& options;
  bench::Phase phase;
  std::int64_t first_person = 0, people = 0;
  std::int64_t first_product = 0, first_deal = 0, first_order = 0, first_line = 0;
  std::int64_t pipeline = 0;
  std::vector<Stage> stages;
  std::vector<std::int64_t> price, cost;  // by product index, in micros of EUR
  SalesBenchTimes times;
};

Status ReadPeopleAndPipeline(Context& ctx) {
  return ctx.db.Read([&](store::Connection& conn) -> Status {
    ctx.stages.clear();
    auto people = conn.Query("SELECT coalesce(min(id), 0), count(*) FROM people");
    if (!people.ok()) return std::move(people).error();
    ctx.first_person = people->Int(0, 0);
    ctx.people = people->Int(0, 1);
    auto stages = conn.Query(
        "SELECT s.pipeline_id, s.id, s.kind FROM pipeline_stages s WHERE s.deleted_at IS NULL AND s.pipeline_id = "
        "(SELECT id FROM pipelines WHERE deleted_at IS NULL ORDER BY CASE WHEN is_default THEN 0 ELSE 1 END, id "
        "LIMIT 1) ORDER BY s.position, s.id");
    if (!stages.ok()) return std::move(stages).error();
    for (std::size_t r = 0; r < stages->rows(); ++r) {
      ctx.pipeline = stages->Int(r, 0);
      ctx.stages.push_back({stages->Int(r, 1), std::string(stages->Text(r, 2))});
    }
    return {};
  });
}

Status Products(Context& ctx) {
  const std::int64_t total = ctx.options.products;
  ctx.price.resize(static_cast<std::size_t>(total));
  ctx.cost.resize(static_cast<std::size_t>(total));
  return bench::Chunked(ctx.phase, 11, "products", total, [&](store::Connection& conn, std::int64_t first,
                                                              std::int64_t count, std::mt19937_64& rng) -> Status {
    RowBatch batch(conn, "products",
                   {"id", "sku", "name", "price_micros", "price_currency", "cost_micros", "cost_currency", "active",
                    "version", "created_at", "updated_at", "search_text"});
    for (std::int64_t i = first; i < first + count; ++i) {
      const std::int64_t id = ctx.first_product + i;
      const std::string sku = fmt::format("BENCH-{:06d}", id);
      const std::string name = fmt::format("{} {} {}", Pick(rng, kAdjectives), Pick(rng, kNouns), id);
      const std::int64_t price = (1 + Below(rng, 500)) * 1'000'000;
      const std::int64_t cost = price * (40 + Below(rng, 40)) / 100;
      ctx.price[static_cast<std::size_t>(i)] = price;
      ctx.cost[static_cast<std::size_t>(i)] = cost;
      auto& c = batch.cells();
      for (Value v : {Value(id), Value(sku), Value(name), Value(price), Value("EUR"), Value(cost), Value("EUR"),
                      Value(true), Value(std::int64_t{1}), Value(kAnchor - 800 * kDay), Value(kAnchor - 800 * kDay),
                      Value(SearchDocument(std::vector<std::string>{sku, name}))}) {
        c.push_back(std::move(v));
      }
      RAPPORT_RETURN_IF_ERROR(batch.EndRow());
    }
    return batch.Flush();
  });
}

// `deals` open ones over the open stages, and a tenth as many won or lost.
Status Deals(Context& ctx) {
  std::vector<const Stage*> open, closed;
  for (const Stage& s : ctx.stages) (s.kind == "open" ? open : closed).push_back(&s);
  if (open.empty() || ctx.people == 0) return {};
  const std::int64_t open_deals = ctx.options.deals;
  const std::int64_t total = open_deals + (closed.empty() ? 0 : open_deals / 10);
  return bench::Chunked(ctx.phase, 12, "deals", total, [&](store::Connection& conn, std::int64_t first,
                                                           std::int64_t count, std::mt19937_64& rng) -> Status {
    RowBatch batch(conn, "deals",
                   {"id", "title", "amount_micros", "amount_currency", "expected_close", "person_id", "pipeline_id",
                    "stage_id", "position", "status", "closed_at", "version", "created_at", "updated_at",
                    "search_text"});
    for (std::int64_t i = first; i < first + count; ++i) {
      const std::int64_t id = ctx.first_deal + i;
      const Stage& stage = i < open_deals ? *open[static_cast<std::size_t>(Below(rng, static_cast<std::int64_t>(open.size())))]
                                          : *closed[static_cast<std::size_t>(Below(rng, static_cast<std::int64_t>(closed.size())))];
      const std::string title = fmt::format("Bench deal {}", id);
      const Micros created = kAnchor - Below(rng, 365) * kDay;
      const bool is_open = stage.kind == "open";
      auto& c = batch.cells();
      for (Value v : {Value(id), Value(title), Value((1 + Below(rng, 200)) * 1'000'000'000), Value("EUR"),
                      Value(FormatTimestamp(kAnchor + (Below(rng, 420) - 60) * kDay).substr(0, 10)),
                      Value(ctx.first_person + Below(rng, ctx.people)), Value(ctx.pipeline), Value(stage.id), Value(i),
                      Value(stage.kind == "open" ? "open" : stage.kind), bench::Opt(!is_open, created + 30 * kDay),
                      Value(std::int64_t{1}), Value(created), Value(created),
                      Value(SearchDocument(std::vector<std::string>{title}))}) {
        c.push_back(std::move(v));
      }
      RAPPORT_RETURN_IF_ERROR(batch.EndRow());
    }
    return batch.Flush();
  });
}

// Orders with their lines, in time order. Each order leans to one category of products.
Status Orders(Context& ctx) {
  const std::int64_t products = ctx.options.products;
  const std::int64_t per_order = std::max<std::int64_t>(1, ctx.options.lines_per_order);
  const std::int64_t total = ctx.options.order_lines / per_order;
  if (products == 0 || ctx.people == 0 || total == 0) return {};
  const std::int64_t per_category = std::max<std::int64_t>(1, products / kCategories);
  return bench::Chunked(ctx.phase, 13, "orders", total, [&](store::Connection& conn, std::int64_t first,
                                                            std::int64_t count, std::mt19937_64& rng) -> Status {
    RowBatch orders(conn, "orders",
                    {"id", "number", "person_id", "channel", "ordered_at", "status", "currency", "total_micros",
                     "total_currency", "cost_micros", "cost_currency", "line_count", "version", "created_at",
                     "updated_at", "search_text"});
    RowBatch lines(conn, "order_lines",
                   {"id", "order_id", "product_id", "quantity", "unit_price_micros", "unit_price_currency",
                    "total_micros", "total_currency", "cost_micros", "cost_currency", "version", "created_at",
                    "updated_at"});
    // Line ids continue from the chunk's first order: mean lines_per_order each, so the chunks'
    // ranges do not meet (an order has at most 2 x per_order - 1 lines).
    std::int64_t line_id = ctx.first_line + first * (2 * per_order);
    for (std::int64_t i = first; i < first + count; ++i) {
      const std::int64_t id = ctx.first_order + i;
      const Micros at = kOrdersFrom + kOrdersSpan / total * i + Below(rng, kDay / 2);
      const std::int64_t category = Below(rng, std::min(kCategories, products));
      const std::int64_t n = 1 + Below(rng, 2 * per_order - 1);
      std::vector<std::int64_t> chosen;
      std::int64_t sum = 0, sum_cost = 0;
      for (std::int64_t l = 0; l < n; ++l) {
        const std::int64_t product = Chance(rng, kSameCategoryPercent)
                                         ? std::min(products - 1, category * per_category + Below(rng, per_category))
                                         : Below(rng, products);
        if (std::find(chosen.begin(), chosen.end(), product) != chosen.end()) continue;
        chosen.push_back(product);
        const std::int64_t quantity = 1 + Below(rng, 3);
        const std::int64_t price = ctx.price[static_cast<std::size_t>(product)];
        const std::int64_t cost = ctx.cost[static_cast<std::size_t>(product)] * quantity;
        sum += price * quantity;
        sum_cost += cost;
        auto& c = lines.cells();
        for (Value v : {Value(line_id++), Value(id), Value(ctx.first_product + product), Value(quantity), Value(price),
                        Value("EUR"), Value(price * quantity), Value("EUR"), Value(cost), Value("EUR"),
                        Value(std::int64_t{1}), Value(at), Value(at)}) {
          c.push_back(std::move(v));
        }
        RAPPORT_RETURN_IF_ERROR(lines.EndRow());
      }
      const int roll = static_cast<int>(Below(rng, 100));
      const char* status = roll < 85 ? "paid" : roll < 95 ? "placed" : "refunded";
      const std::string number = fmt::format("B-{}", id);
      auto& c = orders.cells();
      for (Value v : {Value(id), Value(number), Value(ctx.first_person + Below(rng, ctx.people)),
                      Value(Pick(rng, kChannels)), Value(at), Value(status), Value("EUR"), Value(sum), Value("EUR"),
                      Value(sum_cost), Value("EUR"), Value(static_cast<std::int64_t>(chosen.size())),
                      Value(std::int64_t{1}), Value(at), Value(at),
                      Value(SearchDocument(std::vector<std::string>{number}))}) {
        c.push_back(std::move(v));
      }
      RAPPORT_RETURN_IF_ERROR(orders.EndRow());
    }
    RAPPORT_RETURN_IF_ERROR(orders.Flush());
    return lines.Flush();
  });
}

Status Finish(Context& ctx) {
  const bool pg = ctx.db.dialect() == store::Dialect::kPostgres;
  return ctx.db.Write([&](store::Connection& conn) -> Status {
    if (pg) {
      for (const char* table : {"products", "deals", "orders", "order_lines"}) {
        auto set = conn.Query(fmt::format(
            "SELECT setval(pg_get_serial_sequence('{0}', 'id'), (SELECT coalesce(max(id), 1) FROM {0}))", table));
        if (!set.ok()) return std::move(set).error();
      }
    }
    RAPPORT_RETURN_IF_ERROR(conn.ExecScript("ANALYZE"));
    auto made = conn.Query("SELECT (SELECT count(*) FROM orders WHERE id >= $1), "
                           "(SELECT count(*) FROM order_lines WHERE id >= $2)",
                           {Value(ctx.first_order), Value(ctx.first_line)});
    if (!made.ok()) return std::move(made).error();
    ctx.times.orders = made->Int(0, 0);
    ctx.times.order_lines = made->Int(0, 1);
    return {};
  });
}

}  // namespace

Result<SalesBenchTimes> GenerateSalesBenchData(store::Database& db, const SalesBenchOptions& options) {
  Context ctx{db, options, {db, options.seed, options.rows_per_transaction, options.progress}};
  RAPPORT_RETURN_IF_ERROR(ReadPeopleAndPipeline(ctx));
  for (auto [table, id] : {std::pair{"products", &ctx.first_product}, std::pair{"deals", &ctx.first_deal},
                           std::pair{"orders", &ctx.first_order}, std::pair{"order_lines", &ctx.first_line}}) {
    auto next = bench::NextId(db, table);
    if (!next.ok()) return std::move(next).error();
    *id = *next;
  }
  if (db.dialect() == store::Dialect::kSqlite) {
    // The one writer connection: a large page cache keeps the index B-trees in memory while loading.
    RAPPORT_RETURN_IF_ERROR(db.Write([](store::Connection& conn) { return conn.ExecScript("PRAGMA cache_size=-1048576"); }));
  }
  // Existing products are not reused: the generated orders pick among the new ones only.
  auto start = std::chrono::steady_clock::now();
  RAPPORT_RETURN_IF_ERROR(Products(ctx));
  ctx.times.products_s = bench::Since(start);
  start = std::chrono::steady_clock::now();
  RAPPORT_RETURN_IF_ERROR(Deals(ctx));
  ctx.times.deals_s = bench::Since(start);
  start = std::chrono::steady_clock::now();
  RAPPORT_RETURN_IF_ERROR(Orders(ctx));
  ctx.times.orders_s = bench::Since(start);
  start = std::chrono::steady_clock::now();
  RAPPORT_RETURN_IF_ERROR(Finish(ctx));
  ctx.times.finish_s = bench::Since(start);
  return ctx.times;
}

}  // namespace rapport::cli
