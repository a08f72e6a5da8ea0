// Sign-in and credentials: users' passwords, server-side sessions, API keys, and turning a cookie or
// a bearer key into the Principal of a request. Users themselves are records of the `user` object
// (role, teams, active), written through the record pipeline; this service keeps what must never
// be a readable field: password hashes, session and key hashes, failed-attempt counts.
//
// Authenticate answers from a small in-process cache (kCacheFor) so that a request costs no extra
// database read; Forget() empties it, and the API calls it after every change to a user, a team,
// a session or a key made on this node. Another node sees such a change within kCacheFor.
// Thread-safe; every call but the cache hit blocks on the database.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "common/principal.h"
#include "common/result.h"
#include "domain/record/record_service.h"
#include "store/store.h"

namespace rapport::domain {

struct AuthOptions {
  Micros session_idle = 8LL * 3600 * 1'000'000;           // signed out after this long unused
  Micros session_lifetime = 7LL * 24 * 3600 * 1'000'000;  // and after this long in any case
};

struct LoginRequest {
  std::string email;
  std::string password;
  std::string ip;
  std::string user_agent;
  std::string request_id;  // for the audit log
};

// A new session: `token` goes into the cookie and nowhere else.
struct Session {
  std::string token;
  Micros expires_at = 0;
  Principal principal;
};

struct ApiKeyInfo {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;
  std::string prefix;  // the first characters of the key, to tell keys apart in a list
  AccessLevel scope = AccessLevel::kRead;
  Micros created_at = 0;
  std::optional<std::int64_t> created_by;
  std::optional<Micros> last_used_at;
  std::optional<Micros> revoked_at;
};

struct NewApiKey {
  ApiKeyInfo info;
  std::string key;  // shown once: only its hash is stored
};

struct NewUser {
  std::string email;
  std::string name;
  Role role = Role::kAgent;
  std::vector<std::string> teams;     // team names; missing teams are created
  std::optional<std::string> password;  // none: the user cannot sign in until one is set
};

struct FirstAdmin {
  std::string email;
  std::optional<std::string> generated_password;  // set when the password was made up: print it once
};

class AuthService {
 public:
  static constexpr std::chrono::seconds kCacheFor{2};
  static constexpr std::string_view kApiKeyPrefix = "rk_";

  AuthService(store::Database& db, RecordService& records, const Clock& clock, AuthOptions options = {});

  // kUnauthenticated for an unknown email, a wrong password, an inactive user or one without a
  // password (one message for all, so that it does not tell which); kResourceExhausted with
  // Error::retry_after while the account or the address is locked (domain/auth/login_throttle.h).
  Result<Session> Login(const LoginRequest& request);
  // Ends the session of `principal` (a no-op for API keys).
  Status Logout(const Principal& principal);

  // The principal of a session cookie's token or a bearer API key; kUnauthenticated when unknown,
  // expired, revoked or its user inactive. `touch` is set when the caller should call Touch
  // afterwards, off the request path, to move last-seen/last-used forward (at most once a minute).
  Result<Principal> AuthenticateSession(std::string_view token, bool& touch);
  Result<Principal> AuthenticateApiKey(std::string_view key, bool& touch);
  Status Touch(const Principal& principal);
  // Drops every cached principal (after a change to users, teams, sessions or keys).
  void Forget();

  // kFailedPrecondition naming `current_password` when it is wrong, kInvalidArgument naming
  // `new_password` when it breaks the rules. Ends the user's other sessions.
  Status ChangePassword(const Principal& principal, std::string_view current_password, std::string_view new_password,
                        const Caller& origin = {});
  // An admin's reset: ends all of the user's sessions. kNotFound for no such live user.
  Status SetPassword(std::int64_t user_id, std::string_view new_password, const Caller& origin = {});

  // Creates a key for `user_id` (0: the caller). Only an admin may create one for another user, and
  // no key may have a scope above its creator's level (kPermissionDenied).
  // `origin` gives the audit entry its IP and request id.
  Result<NewApiKey> CreateApiKey(const Principal& by, std::int64_t user_id, std::string_view name, AccessLevel scope,
                                 const Caller& origin = {});
  // The caller's keys; an admin's call with `all` lists every user's.
  Result<std::vector<ApiKeyInfo>> ListApiKeys(const Principal& by, bool all);
  // kNotFound for a key that is not the caller's (unless an admin asks) or already revoked.
  Status RevokeApiKey(const Principal& by, std::int64_t id);

  // For the CLI and the first start: a user record (through the record pipeline) with its
  // password in one transaction. Errors as RecordService::Create, and kInvalidArgument naming
  // `password` for a password that breaks the rules.
  Result<std::int64_t> AddUser(const NewUser& user);
  // The live user with this email (case ignored); kNotFound when there is none.
  Result<Principal> FindUser(std::string_view email);
  // On a database where nobody can sign in yet, makes `email` an admin who can: the user is created
  // (or promoted, when the email exists) with `password`, or with a generated one when it is empty.
  // nullopt when someone can already sign in.
  Result<std::optional<FirstAdmin>> EnsureFirstAdmin(std::string_view email, std::string_view password);

 private:
  struct Cached {
    Principal principal;
    std::chrono::steady_clock::time_point until;
  };
  std::optional<Principal> FromCache(const std::string& hash);
  void Remember(const std::string& hash, const Principal& principal);
  Result<Principal> LoadUser(store::Connection& conn, std::int64_t user_id);

  store::Database& db_;
  RecordService& records_;
  const Clock& clock_;
  AuthOptions options_;
  std::mutex mu_;
  std::unordered_map<std::string, Cached> cache_;
};

}  // namespace rapport::domain
