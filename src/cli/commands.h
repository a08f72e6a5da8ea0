// The subcommands of the `rapport` binary. Each Add* declares its options on `app` and returns
// the function that runs it once the options are final (flags, environment, config file).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace rapport::cli {

// Options every command that touches the database takes.
struct CommonSettings {
  std::string database = "sqlite:./data/rapport.db";
  std::string config;
  std::string log_level = "info";
};

using Run = std::function<int()>;

void AddCommonOptions(CLI::App& command, CommonSettings& common);
Run AddServeCommand(CLI::App& app, CommonSettings& common);
Run AddMigrateCommand(CLI::App& app, CommonSettings& common);
Run AddOpenApiCommand(CLI::App& app, CommonSettings& common);
Run AddVersionCommand(CLI::App& app);
Run AddBenchDataCommand(CLI::App& app, CommonSettings& common);
Run AddImportCommand(CLI::App& app, CommonSettings& common);
Run AddExportCommand(CLI::App& app, CommonSettings& common);
Run AddDemoCommand(CLI::App& app, CommonSettings& common);
Run AddUserCommand(CLI::App& app, CommonSettings& common);
Run AddApiKeyCommand(CLI::App& app, CommonSettings& common);
Run AddRecomputeCommand(CLI::App& app, CommonSettings& common);
Run AddLifecycleCommand(CLI::App& app, CommonSettings& common);

// Parses argv and runs the chosen command; returns the process exit code.
int Main(int argc, char** argv);

}  // namespace rapport::cli
