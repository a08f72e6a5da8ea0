#include <iostream>

#include "cli/commands.h"
#include "cli/database.h"
#include "common/logging.h"
#include "store/migrations.h"

namespace rapport::cli {

Run AddMigrateCommand(CLI::App& app, CommonSettings& common) {
  CLI::App* command = app.add_subcommand("migrate", "Apply pending schema migrations and exit");
  AddCommonOptions(*command, common);
  return [&common] {
    logging::Init(common.log_level);
    auto db = OpenAndMigrate(common);
    if (!db) return 1;
    auto version = store::CurrentVersion(*db);
    if (!version.ok()) {
      std::cerr << "rapport: " << version.error().message << "\n";
      return 1;
    }
    std::cout << "schema at version " << *version << "\n";
    return 0;
  };
}

}  // namespace rapport::cli
