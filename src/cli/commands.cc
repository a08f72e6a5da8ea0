#include "cli/commands.h"

#include <iostream>
#include <utility>
#include <vector>

#include "cli/options.h"
#include "common/logging.h"

namespace rapport::cli {

void AddCommonOptions(CLI::App& command, CommonSettings& common) {
  command.add_option("--database", common.database, "sqlite:PATH or postgresql://user@host:port/db")
      ->capture_default_str();
  command.add_option("--config", common.config, "a TOML file of `option = value` lines (env RAPPORT_CONFIG)")
      ->envname("RAPPORT_CONFIG");
  command.add_option("--log-level", common.log_level, "debug, info, warn or error")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
}

int Main(int argc, char** argv) {
  CLI::App app{"Rapport: a self-hosted CRM. One binary: web app, REST API, SQLite or PostgreSQL."};
  app.require_subcommand(1);
  CommonSettings common;
  std::vector<std::pair<std::string, Run>> runs = {
      {"serve", AddServeCommand(app, common)},
      {"migrate", AddMigrateCommand(app, common)},
      {"import", AddImportCommand(app, common)},
      {"export", AddExportCommand(app, common)},
      {"demo", AddDemoCommand(app, common)},
      {"user", AddUserCommand(app, common)},
      {"api-key", AddApiKeyCommand(app, common)},
      {"recompute", AddRecomputeCommand(app, common)},
      {"lifecycle", AddLifecycleCommand(app, common)},
      {"openapi", AddOpenApiCommand(app, common)},
      {"version", AddVersionCommand(app)},
      {"bench-data", AddBenchDataCommand(app, common)},
  };
  try {
    app.parse(argc, argv);
    ApplyEnvironmentAndConfig(app, common.config);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  int status = 2;
  for (auto& [name, run] : runs) {
    if (app.get_subcommand(name)->parsed()) status = run();
  }
  logging::Shutdown();
  return status;
}

}  // namespace rapport::cli
