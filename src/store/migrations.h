// Versioned schema migrations per dialect, embedded in the binary from
// store/<dialect>/migrations/NNNN_name.sql; applied at `serve` start and by `rapport migrate`.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace rapport::store {

struct Migration {
  int version = 0;         // NNNN from the file name
  std::string name;        // the file name without ".sql"
  std::string_view sql;
};

// The embedded migrations of `dialect`, by ascending version.
std::vector<Migration> EmbeddedMigrations(Dialect dialect);

// Applies, in order and each in its own transaction, every migration of `migrations` not yet
// recorded in schema_migrations; `on_applied` is told of each one. A failing migration is rolled
// back whole and the error names it (kInternal, or the store's code). Safe to run from several
// nodes at once on PostgreSQL (an advisory lock serializes them). Blocks.
Status Migrate(Database& db, const std::vector<Migration>& migrations,
               const std::function<void(const Migration&)>& on_applied = {});

// The highest applied version, 0 for an empty database.
Result<int> CurrentVersion(Database& db);

}  // namespace rapport::store
