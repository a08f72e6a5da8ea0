// Who makes a request: a signed-in user (session cookie) or an API key acting for its user. Set by
// the authentication middleware (api/auth_middleware.h) and read by handlers and services that
// stamp, authorize or audit. Plain data, so that every layer may hold one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

// What a caller may do, in increasing order: read, change records, administer (metadata, users).
enum class AccessLevel { kRead = 1, kWrite = 2, kAdmin = 3 };

// The roles of DESIGN 1.7. The level a role allows is RoleLevel; ownership rules come on top.
enum class Role { kReadOnly, kAgent, kManager, kAdmin };

std::string_view RoleName(Role role);
// "admin", "manager", "agent", "read_only"; false for anything else.
bool ParseRole(std::string_view text, Role& role);
AccessLevel RoleLevel(Role role);
std::string_view AccessLevelName(AccessLevel level);  // "read", "write", "admin": API key scopes
bool ParseAccessLevel(std::string_view text, AccessLevel& level);

struct Principal {
  enum class Via { kSession, kApiKey };

  std::int64_t user_id = 0;
  std::string email;
  std::string name;
  Role role = Role::kReadOnly;
  std::vector<std::int64_t> teams;
  std::vector<std::int64_t> teammates;  // the users sharing any of `teams`, this one included
  Via via = Via::kSession;
  // The lower of the role's level and, for an API key, its scope.
  AccessLevel level = AccessLevel::kRead;
  std::string credential;  // the session's or key's hash: what logout or revocation removes
  std::string csrf_token;  // sessions only: what unsafe requests must echo in X-CSRF-Token
  std::int64_t api_key_id = 0;  // API keys only
};

}  // namespace rapport
