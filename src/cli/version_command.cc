#include <iostream>

#include "cli/commands.h"
#include "common/version.h"

namespace rapport::cli {

Run AddVersionCommand(CLI::App& app) {
  app.add_subcommand("version", "Print the version and exit");
  return [] {
    std::cout << "rapport " << kVersion << "\n";
    return 0;
  };
}

}  // namespace rapport::cli
