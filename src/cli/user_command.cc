// rapport user add|list|set-role|set-password|disable: users from the command line, for the first
// steps on a server and for scripts. Users are records of the `user` object: the changes go through
// the record pipeline, so they are validated and leave outbox events like changes made in the web app.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/record_services.h"
#include "common/logging.h"
#include "domain/auth/auth_service.h"
#include "domain/auth/password.h"

namespace rapport::cli {
namespace {

namespace bj = boost::json;

struct UserSettings {
  std::string email;
  std::string name;
  std::string role = "agent";
  std::vector<std::string> teams;
  std::string password;  // empty: generated and printed (add, set-password)
};

int Fail(const Error& error) {
  std::cerr << "rapport user: " << error.message << "\n";
  for (const FieldError& f : error.fields) std::cerr << "  " << f.field << ": " << f.problem << "\n";
  return 1;
}

// Changes fields of the user with `email` through the record pipeline.
int Patch(RecordServices& services, domain::AuthService& auth, const std::string& email, bj::object patch) {
  auto user = auth.FindUser(email);
  if (!user.ok()) return Fail(user.error());
  auto updated = services.records->Update(domain::Caller::System(), "user", user->user_id, std::move(patch), std::nullopt);
  if (!updated.ok()) return Fail(updated.error());
  return 0;
}

int RunUser(const CommonSettings& common, const UserSettings& s, const std::string& action) {
  logging::Init(common.log_level);
  auto services = RecordServices::Open(common);
  if (!services) return 1;
  domain::AuthService auth(*services->db, *services->records, services->clock);
  if (action == "list") {
    domain::ListRequest request;
    request.limit = domain::RecordService::kMaxPageSize;
    request.sort = "email";
    fmt::print("{:<6} {:<32} {:<24} {:<10} {:<7} {}\n", "id", "email", "name", "role", "active", "teams");
    do {
      auto page = services->records->List(domain::Caller::System(), "user", request);
      if (!page.ok()) return Fail(page.error());
      for (const bj::object& u : page->records) {
        std::string teams;
        for (const bj::value& t : u.at("teams").as_array()) teams += (teams.empty() ? "" : ",") + bj::serialize(t);
        fmt::print("{:<6} {:<32} {:<24} {:<10} {:<7} {}\n", u.at("id").as_int64(), bj::value_to<std::string>(u.at("email")),
                   bj::value_to<std::string>(u.at("name")),
                   u.at("role").is_string() ? std::string(u.at("role").as_string()) : "",
                   u.at("active").is_bool() && !u.at("active").as_bool() ? "no" : "yes", teams);
      }
      request.after = page->next.value_or("");
    } while (!request.after.empty());
    return 0;
  }
  if (action == "set-role") {
    Role role;
    if (!ParseRole(s.role, role)) return Fail(Error{ErrorCode::kInvalidArgument, "--role must be admin, manager, agent or read_only", {}});
    return Patch(*services, auth, s.email, bj::object{{"role", s.role}});
  }
  if (action == "disable" || action == "enable") {
    return Patch(*services, auth, s.email, bj::object{{"active", action == "enable"}});
  }
  std::string password = s.password.empty() ? domain::GeneratePassword() : s.password;
  if (action == "set-password") {
    auto user = auth.FindUser(s.email);
    if (!user.ok()) return Fail(user.error());
    Status set = auth.SetPassword(user->user_id, password);
    if (!set.ok()) return Fail(set.error());
  } else {  // add
    domain::NewUser user{s.email, s.name.empty() ? s.email.substr(0, s.email.find('@')) : s.name, Role::kAgent,
                         s.teams, password};
    if (!ParseRole(s.role, user.role)) return Fail(Error{ErrorCode::kInvalidArgument, "--role must be admin, manager, agent or read_only", {}});
    auto id = auth.AddUser(user);
    if (!id.ok()) return Fail(id.error());
    std::cout << "user " << *id << " " << s.email << " (" << s.role << ")\n";
  }
  if (s.password.empty()) std::cout << "password: " << password << "\n";
  return 0;
}

}  // namespace

Run AddUserCommand(CLI::App& app, CommonSettings& common) {
  auto settings = std::make_shared<UserSettings>();
  CLI::App* command = app.add_subcommand("user", "Add, list and change users (sign-in, role, teams)");
  command->require_subcommand(1);
  const std::string roles = "admin, manager, agent or read_only";
  auto email = [&](CLI::App* sub) { sub->add_option("--email", settings->email, "the user's email")->required(); };
  auto password = [&](CLI::App* sub) {
    sub->add_option("--password", settings->password,
                    "the new password (env RAPPORT_PASSWORD); a generated one is printed when absent");
  };
  CLI::App* add = command->add_subcommand("add", "Add a user who can sign in");
  email(add);
  add->add_option("--name", settings->name, "the user's name (default: the email's local part)");
  add->add_option("--role", settings->role, roles)->capture_default_str();
  add->add_option("--team", settings->teams, "a team the user belongs to (created if missing); repeatable");
  password(add);
  command->add_subcommand("list", "List the users");
  CLI::App* set_role = command->add_subcommand("set-role", "Change a user's role");
  email(set_role);
  set_role->add_option("--role", settings->role, roles)->required();
  CLI::App* set_password = command->add_subcommand("set-password", "Set a user's password (ends their sessions)");
  email(set_password);
  password(set_password);
  email(command->add_subcommand("disable", "Stop a user from signing in; their sessions and API keys stop working"));
  email(command->add_subcommand("enable", "Let a disabled user sign in again"));
  for (CLI::App* sub : command->get_subcommands([](CLI::App*) { return true; })) AddCommonOptions(*sub, common);
  return [&common, settings, command] {
    for (CLI::App* sub : command->get_subcommands()) return RunUser(common, *settings, sub->get_name());
    return 2;
  };
}

}  // namespace rapport::cli
