// rapport api-key create: mints an API key for a user from the command line (an integration's
// first key, or a script's) and prints it; only its hash is stored.
#include <iostream>

#include "cli/commands.h"
#include "cli/record_services.h"
#include "common/logging.h"
#include "domain/auth/auth_service.h"

namespace rapport::cli {
namespace {

struct ApiKeySettings {
  std::string user;
  std::string name;
  std::string scope = "read";
};

}  // namespace

Run AddApiKeyCommand(CLI::App& app, CommonSettings& common) {
  auto settings = std::make_shared<ApiKeySettings>();
  CLI::App* command = app.add_subcommand("api-key", "Create API keys");
  command->require_subcommand(1);
  CLI::App* create = command->add_subcommand("create", "Create an API key for a user and print it (shown once)");
  create->add_option("--user", settings->user, "the email of the user the key acts for")->required();
  create->add_option("--name", settings->name, "what the key is for (\"billing sync\")")->required();
  create->add_option("--scope", settings->scope, "read, write or admin (at most the user's role allows)")
      ->check(CLI::IsMember({"read", "write", "admin"}))
      ->capture_default_str();
  AddCommonOptions(*create, common);
  return [&common, settings] {
    logging::Init(common.log_level);
    auto services = RecordServices::Open(common);
    if (!services) return 1;
    domain::AuthService auth(*services->db, *services->records, services->clock);
    auto user = auth.FindUser(settings->user);
    if (!user.ok()) {
      std::cerr << "rapport api-key: " << user.error().message << "\n";
      return 1;
    }
    AccessLevel scope = AccessLevel::kRead;
    ParseAccessLevel(settings->scope, scope);
    // The command line acts as the user: the key's scope is capped by the user's own role.
    auto key = auth.CreateApiKey(*user, user->user_id, settings->name, scope);
    if (!key.ok()) {
      std::cerr << "rapport api-key: " << key.error().message << "\n";
      return 1;
    }
    std::cout << key->key << "\n";
    return 0;
  };
}

}  // namespace rapport::cli
