#include "domain/auth/auth_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/audit/audit_log.h"
#include "domain/auth/login_throttle.h"
#include "domain/auth/password.h"
#include "domain/auth/tokens.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Value;

constexpr Micros kTouchEvery = 60LL * 1'000'000;
constexpr std::size_t kMaxCached = 10'000;
constexpr std::string_view kBadLogin = "the email or the password is wrong";

Error Unauthenticated(std::string message) { return Error{ErrorCode::kUnauthenticated, std::move(message), {}}; }

Error BadField(std::string_view field, std::string problem) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{} {}", field, problem), {{std::string(field), problem}}};
}

// A hash to verify against when the email is unknown, so that the answer takes as long as for a
// known one and does not tell which emails exist.
const std::string& DecoyHash() {
  static const std::string hash = [] {
    auto h = HashPassword(RandomToken(16));
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

// The user columns every principal query reads, after `prefix` columns of its own: id, email, name,
// role, active (1/0; a NULL active counts as active, as the field's default).
constexpr std::string_view kUserColumns =
    "u.id, u.email, u.name, u.role, CASE WHEN u.active = FALSE THEN 0 ELSE 1 END";

// Fills the user part of a principal from kUserColumns starting at column `at`; false when the
// user may not sign in (inactive).
bool ReadUser(const store::ResultSet& rows, std::size_t at, Principal& p) {
  p.user_id = rows.Int(0, at);
  p.email = std::string(rows.Text(0, at + 1));
  p.name = std::string(rows.Text(0, at + 2));
  p.role = Role::kReadOnly;  // a user without a role (from before roles existed) may only read
  ParseRole(rows.Text(0, at + 3), p.role);
  p.level = RoleLevel(p.role);
  return rows.Int(0, at + 4) == 1;
}

Status ReadTeams(store::Connection& conn, Principal& p) {
  auto rows = conn.Query(
      "SELECT target_id FROM record_links WHERE object = 'user' AND field = 'teams' AND record_id = $1 "
      "ORDER BY target_id",
      {Value(p.user_id)});
  if (!rows.ok()) return std::move(rows).error();
  p.teams.clear();
  for (std::size_t r = 0; r < rows->rows(); ++r) p.teams.push_back(rows->Int(r, 0));
  // Teammates decide which records the user sees (domain/access/caller.h).
  auto mates = conn.Query(
      "SELECT DISTINCT other.record_id FROM record_links mine JOIN record_links other ON other.object = 'user' "
      "AND other.field = 'teams' AND other.target_id = mine.target_id "
      "WHERE mine.object = 'user' AND mine.field = 'teams' AND mine.record_id = $1 ORDER BY 1",
      {Value(p.user_id)});
  if (!mates.ok()) return std::move(mates).error();
  p.teammates = {p.user_id};
  for (std::size_t r = 0; r < mates->rows(); ++r) {
    if (mates->Int(r, 0) != p.user_id) p.teammates.push_back(mates->Int(r, 0));
  }
  return {};
}

Status Done(const Result<std::int64_t>& exec) {
  if (!exec.ok()) return exec.error();
  return {};
}

Status SavePassword(store::Connection& conn, std::int64_t user_id, const std::string& hash, Micros now) {
  return Done(conn.Exec(
      "INSERT INTO user_credentials (user_id, password_hash, changed_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, changed_at = excluded.changed_at",
      {Value(user_id), Value(hash), Value(now)}));
}

ApiKeyInfo ReadKey(const store::ResultSet& rows, std::size_t r) {
  ApiKeyInfo k;
  k.id = rows.Int(r, 0);
  k.user_id = rows.Int(r, 1);
  k.name = std::string(rows.Text(r, 2));
  k.prefix = std::string(rows.Text(r, 3));
  ParseAccessLevel(rows.Text(r, 4), k.scope);
  k.created_at = rows.Int(r, 5);
  if (!store::IsNull(rows.at(r, 6))) k.created_by = rows.Int(r, 6);
  if (!store::IsNull(rows.at(r, 7))) k.last_used_at = rows.Int(r, 7);
  if (!store::IsNull(rows.at(r, 8))) k.revoked_at = rows.Int(r, 8);
  return k;
}

constexpr std::string_view kKeyColumns =
    "id, user_id, name, prefix, scope, created_at, created_by, last_used_at, revoked_at";

}  // namespace

AuthService::AuthService(store::Database& db, RecordService& records, const Clock& clock, AuthOptions options)
    : db_(db), records_(records), clock_(clock), options_(options) {}

std::optional<Principal> AuthService::FromCache(const std::string& hash) {
  std::lock_guard lock(mu_);
  auto it = cache_.find(hash);
  if (it == cache_.end()) return std::nullopt;
  if (it->second.until < std::chrono::steady_clock::now()) {
    cache_.erase(it);
    return std::nullopt;
  }
  return it->second.principal;
}

void AuthService::Remember(const std::string& hash, const Principal& principal) {
  std::lock_guard lock(mu_);
  if (cache_.size() >= kMaxCached) cache_.clear();
  cache_[hash] = Cached{principal, std::chrono::steady_clock::now() + kCacheFor};
}

void AuthService::Forget() {
  std::lock_guard lock(mu_);
  cache_.clear();
}

Result<Principal> AuthService::LoadUser(store::Connection& conn, std::int64_t user_id) {
  auto rows = conn.Query(fmt::format("SELECT {} FROM users u WHERE u.id = $1 AND u.deleted_at IS NULL", kUserColumns),
                         {Value(user_id)});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return Error{ErrorCode::kNotFound, fmt::format("there is no user {}", user_id), {}};
  Principal p;
  ReadUser(*rows, 0, p);
  if (auto teams = ReadTeams(conn, p); !teams.ok()) return teams.error();
  return p;
}

Result<Session> AuthService::Login(const LoginRequest& request) {
  const Micros now = clock_.Now();
  const std::string account = AccountSubject(request.email);
  const std::string address = AddressSubject(request.ip);
  struct Found {
    Micros locked_until = 0;
    std::int64_t user_id = 0;
    std::string hash;
    bool active = false;
  };
  // Read first: argon2 takes tens of milliseconds and must not hold the write lock.
  auto found = store::ReadValue(db_, [&](store::Connection& conn) -> Result<Found> {
    Found f;
    for (const std::string* subject : {&account, &address}) {
      auto until = LockedUntil(conn, *subject, now);
      if (!until.ok()) return std::move(until).error();
      f.locked_until = std::max(f.locked_until, *until);
    }
    auto rows = conn.Query(
        "SELECT u.id, c.password_hash, CASE WHEN u.active = FALSE THEN 0 ELSE 1 END FROM users u "
        "LEFT JOIN user_credentials c ON c.user_id = u.id WHERE lower(u.email) = lower($1) AND u.deleted_at IS NULL",
        {Value(request.email)});
    if (!rows.ok()) return std::move(rows).error();
    if (!rows->empty()) {
      f.user_id = rows->Int(0, 0);
      f.hash = std::string(rows->Text(0, 1));
      f.active = rows->Int(0, 2) == 1;
    }
    return f;
  });
  if (!found.ok()) return std::move(found).error();
  if (found->locked_until > now) {
    int seconds = static_cast<int>((found->locked_until - now + 999'999) / 1'000'000);
    Error locked{ErrorCode::kResourceExhausted,
                 fmt::format("too many failed sign-ins; try again in {} s", seconds), {}};
    locked.retry_after = seconds;
    return locked;
  }
  bool verified = VerifyPassword(found->hash.empty() ? DecoyHash() : found->hash, request.password);
  bool ok = verified && !found->hash.empty() && found->active;
  // The delay runs from when the failure is known: argon2 on a loaded machine may take longer than
  // the first delays, which would otherwise be over before they are written.
  const Micros failed_at = clock_.Now();

  Session session;
  auto written = db_.Write([&](store::Connection& conn) -> Status {
    AuditEntry entry;
    entry.at = now;
    entry.ip = request.ip;
    entry.request_id = request.request_id;
    if (found->user_id != 0) {
      entry.actor = found->user_id;
      entry.object = "user";
      entry.record = found->user_id;
    }
    if (!ok) {
      if (auto s = RecordFailure(conn, account, kAccountThrottle, failed_at); !s.ok()) return s;
      if (auto s = RecordFailure(conn, address, kAddressThrottle, failed_at); !s.ok()) return s;
      // The address tried: a failure may come from someone who is not a user at all.
      entry.action = "auth.login_failed";
      entry.detail = bj::object{{"email", request.email.substr(0, 254)}};
      return AppendAudit(conn, entry);
    }
    entry.action = "auth.login";
    if (auto s = AppendAudit(conn, entry); !s.ok()) return s;
    if (auto s = ClearFailures(conn, account); !s.ok()) return s;
    // Sessions of this user that have ended are removed here, where they are cheap to find.
    if (auto s = Done(conn.Exec("DELETE FROM auth_sessions WHERE user_id = $1 AND (expires_at < $2 OR last_seen_at < $3)",
                                {Value(found->user_id), Value(now), Value(now - options_.session_idle)}));
        !s.ok()) {
      return s;
    }
    auto principal = LoadUser(conn, found->user_id);
    if (!principal.ok()) return std::move(principal).error();
    session.token = RandomToken();
    session.expires_at = now + options_.session_lifetime;
    session.principal = std::move(*principal);
    session.principal.via = Principal::Via::kSession;
    session.principal.credential = TokenHash(session.token);
    session.principal.csrf_token = RandomToken(24);
    return Done(conn.Exec(
        "INSERT INTO auth_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, "
        "user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
        {Value(session.principal.credential), Value(found->user_id), Value(session.principal.csrf_token), Value(now),
         Value(session.expires_at), Value(request.ip), Value(request.user_agent.substr(0, 500))}));
  });
  if (!written.ok()) return std::move(written).error();
  if (!ok) return Unauthenticated(std::string(kBadLogin));
  return session;
}

Status AuthService::Logout(const Principal& principal) {
  if (principal.via != Principal::Via::kSession) return {};
  Status done = db_.Write([&](store::Connection& conn) {
    return Done(conn.Exec("DELETE FROM auth_sessions WHERE token_hash = $1", {Value(principal.credential)}));
  });
  Forget();
  return done;
}

Result<Principal> AuthService::AuthenticateSession(std::string_view token, bool& touch) {
  touch = false;
  std::string hash = TokenHash(token);
  if (auto cached = FromCache(hash)) return *cached;
  const Micros now = clock_.Now();
  Micros last_seen = 0;
  auto principal = store::ReadValue(db_, [&](store::Connection& conn) -> Result<Principal> {
    auto rows = conn.Query(fmt::format("SELECT s.csrf_token, s.last_seen_at, s.expires_at, {} FROM auth_sessions s "
                                       "JOIN users u ON u.id = s.user_id AND u.deleted_at IS NULL "
                                       "WHERE s.token_hash = $1",
                                       kUserColumns),
                           {Value(hash)});
    if (!rows.ok()) return std::move(rows).error();
    if (rows->empty()) return Unauthenticated("the session has ended; sign in again");
    last_seen = rows->Int(0, 1);
    if (rows->Int(0, 2) < now || last_seen < now - options_.session_idle) {
      return Unauthenticated("the session has expired; sign in again");
    }
    Principal p;
    if (!ReadUser(*rows, 3, p)) return Unauthenticated("the user is disabled");
    p.via = Principal::Via::kSession;
    p.credential = hash;
    p.csrf_token = std::string(rows->Text(0, 0));
    if (auto teams = ReadTeams(conn, p); !teams.ok()) return teams.error();
    return p;
  });
  if (!principal.ok()) return principal;
  touch = now - last_seen > kTouchEvery;
  Remember(hash, *principal);
  return principal;
}

Result<Principal> AuthService::AuthenticateApiKey(std::string_view key, bool& touch) {
  touch = false;
  std::string hash = TokenHash(key);
  if (auto cached = FromCache(hash)) return *cached;
  const Micros now = clock_.Now();
  std::optional<Micros> last_used;
  auto principal = store::ReadValue(db_, [&](store::Connection& conn) -> Result<Principal> {
    auto rows = conn.Query(fmt::format("SELECT k.id, k.scope, k.last_used_at, {} FROM api_keys k "
                                       "JOIN users u ON u.id = k.user_id AND u.deleted_at IS NULL "
                                       "WHERE k.key_hash = $1 AND k.revoked_at IS NULL",
                                       kUserColumns),
                           {Value(hash)});
    if (!rows.ok()) return std::move(rows).error();
    if (rows->empty()) return Unauthenticated("the API key is unknown or revoked");
    if (!store::IsNull(rows->at(0, 2))) last_used = rows->Int(0, 2);
    Principal p;
    if (!ReadUser(*rows, 3, p)) return Unauthenticated("the API key's user is disabled");
    AccessLevel scope = AccessLevel::kRead;
    ParseAccessLevel(rows->Text(0, 1), scope);
    p.level = std::min(p.level, scope);
    p.via = Principal::Via::kApiKey;
    p.credential = hash;
    p.api_key_id = rows->Int(0, 0);
    if (auto teams = ReadTeams(conn, p); !teams.ok()) return teams.error();
    return p;
  });
  if (!principal.ok()) return principal;
  touch = !last_used || now - *last_used > kTouchEvery;
  Remember(hash, *principal);
  return principal;
}

Status AuthService::Touch(const Principal& principal) {
  const Micros now = clock_.Now();
  return db_.Write([&](store::Connection& conn) {
    if (principal.via == Principal::Via::kSession) {
      return Done(conn.Exec("UPDATE auth_sessions SET last_seen_at = $2 WHERE token_hash = $1",
                            {Value(principal.credential), Value(now)}));
    }
    return Done(conn.Exec("UPDATE api_keys SET last_used_at = $2 WHERE id = $1",
                          {Value(principal.api_key_id), Value(now)}));
  });
}

Status AuthService::ChangePassword(const Principal& principal, std::string_view current_password,
                                   std::string_view new_password, const Caller& origin) {
  auto stored = store::ReadValue(db_, [&](store::Connection& conn) -> Result<std::string> {
    auto rows = conn.Query("SELECT password_hash FROM user_credentials WHERE user_id = $1", {Value(principal.user_id)});
    if (!rows.ok()) return std::move(rows).error();
    return rows->empty() ? std::string() : std::string(rows->Text(0, 0));
  });
  if (!stored.ok()) return std::move(stored).error();
  if (stored->empty() || !VerifyPassword(*stored, current_password)) {
    return Error{ErrorCode::kFailedPrecondition, "current_password is wrong", {{"current_password", "is wrong"}}};
  }
  if (auto problem = PasswordProblem(new_password, principal.email)) return BadField("new_password", *problem);
  auto hash = HashPassword(new_password);
  if (!hash.ok()) return std::move(hash).error();
  const Micros now = clock_.Now();
  Status done = db_.Write([&](store::Connection& conn) -> Status {
    if (auto s = SavePassword(conn, principal.user_id, *hash, now); !s.ok()) return s;
    AuditEntry entry = AuditOf(origin, "auth.password_changed", now);
    entry.actor = principal.user_id;
    entry.object = "user";
    entry.record = principal.user_id;
    if (auto s = AppendAudit(conn, entry); !s.ok()) return s;
    return Done(conn.Exec("DELETE FROM auth_sessions WHERE user_id = $1 AND token_hash <> $2",
                          {Value(principal.user_id), Value(principal.credential)}));
  });
  Forget();
  return done;
}

Status AuthService::SetPassword(std::int64_t user_id, std::string_view new_password, const Caller& origin) {
  auto user = store::ReadValue(db_, [&](store::Connection& conn) { return LoadUser(conn, user_id); });
  if (!user.ok()) return std::move(user).error();
  if (auto problem = PasswordProblem(new_password, user->email)) return BadField("password", *problem);
  auto hash = HashPassword(new_password);
  if (!hash.ok()) return std::move(hash).error();
  const Micros now = clock_.Now();
  Status done = db_.Write([&](store::Connection& conn) -> Status {
    if (auto s = SavePassword(conn, user_id, *hash, now); !s.ok()) return s;
    AuditEntry entry = AuditOf(origin, "auth.password_set", now);
    entry.object = "user";
    entry.record = user_id;
    if (auto s = AppendAudit(conn, entry); !s.ok()) return s;
    return Done(conn.Exec("DELETE FROM auth_sessions WHERE user_id = $1", {Value(user_id)}));
  });
  Forget();
  return done;
}

Result<NewApiKey> AuthService::CreateApiKey(const Principal& by, std::int64_t user_id, std::string_view name,
                                            AccessLevel scope, const Caller& origin) {
  if (user_id == 0) user_id = by.user_id;
  if (user_id != by.user_id && by.level < AccessLevel::kAdmin) {
    return Error{ErrorCode::kPermissionDenied, "only an admin may create an API key for another user", {}};
  }
  if (scope > by.level) {
    return Error{ErrorCode::kPermissionDenied,
                 fmt::format("a key cannot have more access than its creator: scope {} is above {}",
                             AccessLevelName(scope), AccessLevelName(by.level)),
                 {{"scope", "is above the creator's access"}}};
  }
  if (name.empty() || name.size() > 200) return BadField("name", "is required, at most 200 characters");
  NewApiKey out;
  out.key = std::string(kApiKeyPrefix) + RandomToken();
  out.info.user_id = user_id;
  out.info.name = std::string(name);
  out.info.prefix = out.key.substr(0, kApiKeyPrefix.size() + 8);
  out.info.scope = scope;
  out.info.created_at = clock_.Now();
  out.info.created_by = by.user_id;
  Status done = db_.Write([&](store::Connection& conn) -> Status {
    auto user = LoadUser(conn, user_id);
    if (!user.ok()) {
      if (user.error().code == ErrorCode::kNotFound) return BadField("user", "is not a live user");
      return std::move(user).error();
    }
    auto rows = conn.Query(
        "INSERT INTO api_keys (user_id, name, prefix, key_hash, scope, created_at, created_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        {Value(user_id), Value(out.info.name), Value(out.info.prefix), Value(TokenHash(out.key)),
         Value(std::string(AccessLevelName(scope))), Value(out.info.created_at), Value(by.user_id)});
    if (!rows.ok()) return std::move(rows).error();
    out.info.id = rows->Int(0, 0);
    AuditEntry entry = AuditOf(origin, "auth.api_key_created", out.info.created_at);
    entry.actor = by.user_id;
    entry.object = "user";
    entry.record = user_id;
    entry.detail = bj::object{{"key", out.info.id}, {"name", out.info.name}, {"scope", AccessLevelName(scope)}};
    return AppendAudit(conn, entry);
  });
  if (!done.ok()) return std::move(done).error();
  return out;
}

Result<std::vector<ApiKeyInfo>> AuthService::ListApiKeys(const Principal& by, bool all) {
  const bool everyone = all && by.level >= AccessLevel::kAdmin;
  return store::ReadValue(db_, [&](store::Connection& conn) -> Result<std::vector<ApiKeyInfo>> {
    auto rows = everyone ? conn.Query(fmt::format("SELECT {} FROM api_keys ORDER BY id", kKeyColumns))
                         : conn.Query(fmt::format("SELECT {} FROM api_keys WHERE user_id = $1 ORDER BY id", kKeyColumns),
                                      {Value(by.user_id)});
    if (!rows.ok()) return std::move(rows).error();
    std::vector<ApiKeyInfo> out;
    for (std::size_t r = 0; r < rows->rows(); ++r) out.push_back(ReadKey(*rows, r));
    return out;
  });
}

Status AuthService::RevokeApiKey(const Principal& by, std::int64_t id) {
  const bool admin = by.level >= AccessLevel::kAdmin;
  auto changed = store::WriteValue(db_, [&](store::Connection& conn) {
    return conn.Exec(
        "UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL AND (user_id = $3 OR $4 = 1)",
        {Value(id), Value(clock_.Now()), Value(by.user_id), Value(std::int64_t{admin ? 1 : 0})});
  });
  if (!changed.ok()) return std::move(changed).error();
  Forget();
  if (*changed == 0) return Error{ErrorCode::kNotFound, fmt::format("there is no live API key {} of yours", id), {}};
  return {};
}

Result<std::int64_t> AuthService::AddUser(const NewUser& user) {
  std::optional<std::string> hash;
  if (user.password) {
    if (auto problem = PasswordProblem(*user.password, user.email)) return BadField("password", *problem);
    auto h = HashPassword(*user.password);
    if (!h.ok()) return std::move(h).error();
    hash = std::move(*h);
  }
  std::int64_t id = 0;
  Status done = records_.WriteBatch(Caller::System(), [&](BatchWriter& batch) -> Status {
    const meta::ObjectDef* user_def = batch.registry().FindObject("user");
    const meta::ObjectDef* team_def = batch.registry().FindObject("team");
    if (user_def == nullptr || team_def == nullptr) return Error{ErrorCode::kInternal, "no user or team object", {}};
    bj::array teams;
    for (const std::string& name : user.teams) {
      auto rows = batch.conn().Query(
          "SELECT id FROM teams WHERE lower(name) = lower($1) AND deleted_at IS NULL", {Value(name)});
      if (!rows.ok()) return std::move(rows).error();
      if (!rows->empty()) {
        teams.emplace_back(rows->Int(0, 0));
        continue;
      }
      bj::object values{{"name", name}};
      if (auto errors = batch.ValidateCreate(*team_def, values); !errors.empty()) {
        return Error{ErrorCode::kInvalidArgument, fmt::format("team {}", errors.front().problem), errors};
      }
      auto team = batch.Create(*team_def, std::move(values));
      if (!team.ok()) return std::move(team).error();
      teams.emplace_back(team->at("id").as_int64());
    }
    bj::object values{{"email", user.email}, {"name", user.name}, {"role", RoleName(user.role)},
                      {"teams", std::move(teams)}};
    if (auto errors = batch.ValidateCreate(*user_def, values); !errors.empty()) {
      return Error{ErrorCode::kInvalidArgument, fmt::format("{} {}", errors.front().field, errors.front().problem),
                   errors};
    }
    auto created = batch.Create(*user_def, std::move(values));
    if (!created.ok()) return std::move(created).error();
    id = created->at("id").as_int64();
    if (hash) return SavePassword(batch.conn(), id, *hash, batch.now());
    return {};
  });
  if (!done.ok()) return std::move(done).error();
  Forget();
  return id;
}

Result<Principal> AuthService::FindUser(std::string_view email) {
  return store::ReadValue(db_, [&](store::Connection& conn) -> Result<Principal> {
    auto rows = conn.Query("SELECT id FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL",
                           {Value(std::string(email))});
    if (!rows.ok()) return std::move(rows).error();
    if (rows->empty()) return Error{ErrorCode::kNotFound, fmt::format("there is no user {}", email), {}};
    return LoadUser(conn, rows->Int(0, 0));
  });
}

Result<std::optional<FirstAdmin>> AuthService::EnsureFirstAdmin(std::string_view email, std::string_view password) {
  auto anyone = store::ReadValue(db_, [&](store::Connection& conn) -> Result<bool> {
    auto rows = conn.Query(
        "SELECT 1 FROM user_credentials c JOIN users u ON u.id = c.user_id AND u.deleted_at IS NULL LIMIT 1");
    if (!rows.ok()) return std::move(rows).error();
    return !rows->empty();
  });
  if (!anyone.ok()) return std::move(anyone).error();
  if (*anyone) return std::optional<FirstAdmin>();
  FirstAdmin admin{std::string(email), std::nullopt};
  std::string secret(password);
  if (secret.empty()) {
    secret = GeneratePassword();
    admin.generated_password = secret;
  }
  auto existing = FindUser(email);
  if (existing.ok()) {
    Status promoted = records_.WriteBatch(Caller::System(), [&](BatchWriter& batch) -> Status {
      const meta::ObjectDef* user_def = batch.registry().FindObject("user");
      bj::object patch{{"role", "admin"}, {"active", true}};
      if (auto errors = batch.ValidatePatch(*user_def, patch); !errors.empty()) {
        return Error{ErrorCode::kInvalidArgument, errors.front().problem, errors};
      }
      auto updated = batch.Update(*user_def, existing->user_id, std::move(patch));
      if (!updated.ok()) return std::move(updated).error();
      return {};
    });
    if (!promoted.ok()) return std::move(promoted).error();
    if (auto set = SetPassword(existing->user_id, secret); !set.ok()) return std::move(set).error();
    return std::optional<FirstAdmin>(std::move(admin));
  }
  if (existing.error().code != ErrorCode::kNotFound) return std::move(existing).error();
  NewUser user{std::string(email), "Administrator", Role::kAdmin, {}, secret};
  auto id = AddUser(user);
  if (!id.ok()) return std::move(id).error();
  return std::optional<FirstAdmin>(std::move(admin));
}

}  // namespace rapport::domain
