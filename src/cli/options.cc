#include "cli/options.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>

namespace rapport::cli {
namespace {

std::string EnvName(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return c == '-' ? '_' : static_cast<char>(std::toupper(c));
  });
  return "RAPPORT_" + name;
}

std::map<std::string, std::vector<std::string>> ReadConfig(const std::string& path) {
  std::map<std::string, std::vector<std::string>> values;
  if (path.empty()) return values;
  std::ifstream in(path);
  if (!in) throw CLI::FileError::Missing(path);
  for (const CLI::ConfigItem& item : CLI::ConfigTOML().from_config(in)) {
    std::string key = item.name;
    for (auto it = item.parents.rbegin(); it != item.parents.rend(); ++it) key = *it + "." + key;
    values[key] = item.inputs;
  }
  return values;
}

void Apply(CLI::App& app, const std::map<std::string, std::vector<std::string>>& config) {
  for (CLI::Option* opt : app.get_options()) {
    const std::string& name = opt->get_single_name();
    if (opt->count() > 0 || name.empty() || name == "help" || name == "config") continue;
    std::vector<std::string> values;
    if (const char* env = std::getenv(EnvName(name).c_str()); env != nullptr && *env != '\0') {
      values = {env};
    } else if (auto it = config.find(name); it != config.end()) {
      values = it->second;
    } else {
      continue;
    }
    if (opt->get_type_size() == 0) {  // a flag: "true"/"1" sets it, "false"/"0" leaves it unset
      if (values.empty() || values[0] == "0" || values[0] == "false") continue;
      values = {"true"};
    }
    opt->clear();
    for (auto& v : values) opt->add_result(v);
    try {
      opt->run_callback();
    } catch (const CLI::Error& e) {
      throw CLI::ConversionError(name + ": " + e.what() + " (from " + EnvName(name) + " or the config file)");
    }
  }
  for (CLI::App* sub : app.get_subcommands()) Apply(*sub, config);
}

}  // namespace

void ApplyEnvironmentAndConfig(CLI::App& app, const std::string& config_file) {
  Apply(app, ReadConfig(config_file));
}

}  // namespace rapport::cli
