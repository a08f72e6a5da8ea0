#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/record_services.h"
#include "common/logging.h"
#include "domain/demo/demo_data.h"
#include "domain/meta/meta_service.h"

namespace rapport::cli {

Run AddDemoCommand(CLI::App& app, CommonSettings& common) {
  auto options = std::make_shared<domain::DemoOptions>();
  auto if_empty = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand(
      "demo", "Fill the database with a realistic CRM to try things on (people, organizations, a history)");
  command->add_option("--people", options->people, "how many people")->capture_default_str()->check(CLI::Range(0, 1000000));
  command->add_option("--organizations", options->organizations, "how many organizations")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  command->add_option("--seed", options->seed, "the same seed gives the same CRM")->capture_default_str();
  command->add_flag("--if-empty", *if_empty, "do nothing when the database has people already");
  AddCommonOptions(*command, common);
  return [&common, options, if_empty] {
    logging::Init(common.log_level);
    auto services = RecordServices::Open(common);
    if (!services) return 1;
    if (*if_empty) {
      domain::ListRequest one;
      one.limit = 1;
      auto people = services->records->List(domain::Caller::System(), "person", one);
      if (!people.ok()) {
        std::cerr << "rapport: " << people.error().message << "\n";
        return 1;
      }
      if (!people->records.empty()) {
        std::cerr << "demo: the database has people already; nothing added\n";
        return 0;
      }
    }
    domain::MetaService meta(*services->db, *services->registry, services->clock);
    const auto start = std::chrono::steady_clock::now();
    const bool tty = isatty(fileno(stderr)) != 0;
    options->on_progress = [&](std::int64_t records) {
      if (!tty) return;
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "\rdemo: %lld records (%.0f/s)", static_cast<long long>(records), records / secs);
    };
    auto summary = domain::FillDemo(*services->records, meta, services->clock, *options);
    if (tty) std::fprintf(stderr, "\r\033[K");
    if (!summary.ok()) {
      std::cerr << "rapport: demo: " << summary.error().message << "\n";
      return 1;
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "demo: " << summary->people << " people, " << summary->organizations << " organizations, "
              << summary->interactions << " interactions; " << summary->records << " records in " << secs << " s\n";
    return 0;
  };
}

}  // namespace rapport::cli
