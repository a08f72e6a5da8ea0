#include "store/migrations.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "common/embedded.h"
#include "common/clock.h"

namespace rapport::embedded {
std::span<const EmbeddedFile> SqliteMigrationFiles();
std::span<const EmbeddedFile> PostgresMigrationFiles();
}  // namespace rapport::embedded

namespace rapport::store {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

// Any fixed number: the key of the PostgreSQL advisory lock that serializes migrating nodes.
constexpr std::int64_t kMigrationLockKey = 7243350001;

}  // namespace

std::vector<Migration> EmbeddedMigrations(Dialect dialect) {
  auto files = dialect == Dialect::kSqlite ? embedded::SqliteMigrationFiles() : embedded::PostgresMigrationFiles();
  std::vector<Migration> out;
  for (const EmbeddedFile& f : files) {
    std::string_view name = f.path.substr(0, f.path.rfind('.'));
    int version = 0;
    std::from_chars(name.data(), name.data() + name.size(), version);
    out.push_back(Migration{version, std::string(name), f.data});
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

Result<int> CurrentVersion(Database& db) {
  RAPPORT_RETURN_IF_ERROR(db.Write([](Connection& c) { return c.Exec(kCreateTable).status(); }));
  return ReadValue(db, [](Connection& c) -> Result<int> {
    auto rows = c.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!rows.ok()) return std::move(rows).error();
    return static_cast<int>(rows->Int(0, 0));
  });
}

Status Migrate(Database& db, const std::vector<Migration>& migrations,
               const std::function<void(const Migration&)>& on_applied) {
  RAPPORT_RETURN_IF_ERROR(db.Write([](Connection& c) { return c.Exec(kCreateTable).status(); }));
  SystemClock clock;
  for (const Migration& m : migrations) {
    bool applied_now = false;
    Status status = db.Write([&](Connection& c) -> Status {
      applied_now = false;
      if (c.dialect() == Dialect::kPostgres) {
        RAPPORT_RETURN_IF_ERROR(c.Query("SELECT pg_advisory_xact_lock($1)", {Value(kMigrationLockKey)}));
      }
      auto seen = c.Query("SELECT 1 FROM schema_migrations WHERE version = $1", {Value(std::int64_t{m.version})});
      if (!seen.ok()) return seen.status();
      if (!seen->empty()) return {};
      RAPPORT_RETURN_IF_ERROR(c.ExecScript(m.sql));
      RAPPORT_RETURN_IF_ERROR(c.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                                     {Value(std::int64_t{m.version}), Value(m.name), Value(clock.Now())}));
      applied_now = true;
      return {};
    });
    if (!status.ok()) {
      Error error = std::move(status).error();
      error.message = fmt::format("migration {} failed, nothing of it was applied: {}", m.name, error.message);
      return error;
    }
    if (applied_now && on_applied) on_applied(m);
  }
  return {};
}

}  // namespace rapport::store
