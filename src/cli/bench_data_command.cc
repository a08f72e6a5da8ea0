#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "cli/bench_data.h"
#include "cli/bench_sales_data.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "cli/record_services.h"
#include "common/logging.h"
#include "domain/meta/meta_service.h"
#include "domain/sales/deal_sums.h"
#include "domain/sales/sales_service.h"

namespace rapport::cli {

Run AddBenchDataCommand(CLI::App& app, CommonSettings& common) {
  auto options = std::make_shared<BenchDataOptions>();
  auto sales = std::make_shared<SalesBenchOptions>();
  CLI::App* command = app.add_subcommand(
      "bench-data",
      "For benchmarks: fill the database with generated organizations, people and interactions (seeded)");
  command->group("");  // hidden from the main help: a tool for `make bench`, not for users
  AddCommonOptions(*command, common);
  command->add_option("--people", options->people, "people to add")->capture_default_str();
  command->add_option("--interactions", options->interactions, "interactions to add")->capture_default_str();
  command->add_option("--organizations", options->organizations, "organizations to add")->capture_default_str();
  command->add_option("--products", sales->products, "products to add (sales data, issue 6)")->capture_default_str();
  command->add_option("--deals", sales->deals, "open deals to add (and a tenth as many won or lost)")
      ->capture_default_str();
  command->add_option("--order-lines", sales->order_lines, "order lines to add, in orders of the people")
      ->capture_default_str();
  command->add_option("--lines-per-order", sales->lines_per_order, "order lines per order on average")
      ->capture_default_str();
  command->add_option("--seed", options->seed, "the same seed gives the same rows")->capture_default_str();
  command->add_option("--rows-per-transaction", options->rows_per_transaction, "rows per write transaction")
      ->capture_default_str();
  return [&common, options, sales] {
    logging::Init(common.log_level);
    auto db = OpenAndMigrate(common, store::OpenOptions{.pool_size = 1});
    if (!db) return 1;
    auto registry = domain::MetaService::Load(*db);
    if (!registry.ok()) {
      std::cerr << "rapport: cannot load the metadata: " << registry.error().message << "\n";
      return 1;
    }
    auto start = std::chrono::steady_clock::now();
    auto phase_start = start;
    std::string phase;
    options->progress = [&](std::string_view name, std::int64_t done, std::int64_t total) {
      auto now = std::chrono::steady_clock::now();
      if (name != phase) {
        phase = name;
        phase_start = start;
      }
      double secs = std::chrono::duration<double>(now - phase_start).count();
      std::cerr << fmt::format("\rbench-data: {} {}/{} ({:.0f} rows/s)   ", name, done, total,
                               secs > 0 ? static_cast<double>(done) / secs : 0.0);
      if (done == total) {
        std::cerr << "\n";
        start = now;
      }
    };
    auto times = GenerateBenchData(*db, **registry, *options);
    if (!times.ok()) {
      std::cerr << "\nrapport: bench-data failed: " << times.error().message << "\n";
      return 1;
    }
    std::cerr << fmt::format(
        "bench-data: {} organizations in {:.1f} s, {} people in {:.1f} s, {} interactions in {:.1f} s, "
        "statistics in {:.1f} s\n",
        options->organizations, times->organizations_s, options->people, times->people_s, options->interactions,
        times->interactions_s, times->finish_s);
    if (sales->products == 0 && sales->deals == 0) return 0;
    // Deals go on the default pipeline, which the server makes at its first start.
    if (auto services = RecordServices::Open(common, store::OpenOptions{.pool_size = 1}); !services) {
      return 1;
    } else if (Status seeded = domain::EnsureDefaultPipeline(*services->records); !seeded.ok()) {
      std::cerr << "rapport: bench-data: no default pipeline: " << seeded.error().message << "\n";
      return 1;
    }
    sales->seed = options->seed;
    sales->rows_per_transaction = options->rows_per_transaction;
    sales->progress = options->progress;
    auto sold = GenerateSalesBenchData(*db, *sales);
    if (!sold.ok()) {
      std::cerr << "\nrapport: bench-data failed: " << sold.error().message << "\n";
      return 1;
    }
    // The deals were written in bulk, past the hooks that keep the forecast's sums.
    if (Status counted = db->Write([](store::Connection& conn) { return domain::RebuildDealSums(conn); });
        !counted.ok()) {
      std::cerr << "rapport: bench-data: cannot count the forecast's sums: " << counted.error().message << "\n";
      return 1;
    }
    std::cerr << fmt::format(
        "bench-data: {} products in {:.1f} s, {} open deals in {:.1f} s, {} orders with {} lines in {:.1f} s, "
        "statistics in {:.1f} s\n",
        sales->products, sold->products_s, sales->deals, sold->deals_s, sold->orders, sold->order_lines,
        sold->orders_s, sold->finish_s);
    return 0;
  };
}

}  // namespace rapport::cli
