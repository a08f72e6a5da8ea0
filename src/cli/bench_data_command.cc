#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "cli/bench_data.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "common/logging.h"
#include "domain/meta/meta_service.h"

namespace rapport::cli {

Run AddBenchDataCommand(CLI::App& app, CommonSettings& common) {
  auto options = std::make_shared<BenchDataOptions>();
  CLI::App* command = app.add_subcommand(
      "bench-data",
      "For benchmarks: fill the database with generated organizations, people and interactions (seeded)");
  command->group("");  // hidden from the main help: a tool for `make bench`, not for users
  AddCommonOptions(*command, common);
  command->add_option("--people", options->people, "people to add")->capture_default_str();
  command->add_option("--interactions", options->interactions, "interactions to add")->capture_default_str();
  command->add_option("--organizations", options->organizations, "organizations to add")->capture_default_str();
  command->add_option("--seed", options->seed, "the same seed gives the same rows")->capture_default_str();
  command->add_option("--rows-per-transaction", options->rows_per_transaction, "rows per write transaction")
      ->capture_default_str();
  return [&common, options] {
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
    return 0;
  };
}

}  // namespace rapport::cli
