#include <iostream>

#include "api/openapi.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "common/json.h"
#include "common/logging.h"
#include "common/version.h"
#include "domain/meta/meta_service.h"

namespace rapport::cli {

Run AddOpenApiCommand(CLI::App& app, CommonSettings& common) {
  CLI::App* command = app.add_subcommand(
      "openapi",
      "Print the OpenAPI 3.1 document of the REST API for the database's metadata (custom objects and "
      "fields included) and exit");
  AddCommonOptions(*command, common);
  return [&common] {
    logging::Init(common.log_level);
    auto db = OpenAndMigrate(common);
    if (!db) return 1;
    auto registry = domain::MetaService::Load(*db);
    if (!registry.ok()) {
      std::cerr << "rapport: cannot load the metadata: " << registry.error().message << "\n";
      return 1;
    }
    std::cout << json::Write(api::BuildOpenApi(**registry, kVersion)) << "\n";
    return 0;
  };
}

}  // namespace rapport::cli
