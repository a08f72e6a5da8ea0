// Command-line options with their RAPPORT_* environment variables and config-file keys, applied
// in that order of precedence: a flag beats the environment, which beats the config file, which
// beats the built-in default.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace rapport::cli {

// For every option of `app` and its chosen subcommands that was not given as a flag, takes its
// value from RAPPORT_<NAME> (dashes become underscores) or else from `config_file` (TOML `key =
// value`, keys as the long option names), when that file is not empty. Throws CLI::Error (the
// caller prints it) on an unreadable file or a value that does not convert.
void ApplyEnvironmentAndConfig(CLI::App& app, const std::string& config_file);

}  // namespace rapport::cli
