#include "cli/database.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "common/logging.h"
#include "domain/meta/meta_service.h"
#include "store/migrations.h"

namespace rapport::cli {

std::unique_ptr<store::Database> OpenAndMigrate(const CommonSettings& common, const store::OpenOptions& options) {
  auto db = store::Open(common.database, options);
  if (!db.ok()) {
    std::cerr << "rapport: cannot open the database: " << db.error().message << "\n";
    return nullptr;
  }
  Status migrated = store::Migrate(**db, store::EmbeddedMigrations((*db)->dialect()), [](const store::Migration& m) {
    logging::Info("migration applied", {{"version", m.version}, {"name", m.name}});
  });
  if (!migrated.ok()) {
    std::cerr << "rapport: " << migrated.error().message << "\n";
    return nullptr;
  }
  // Object tables are not in the migration files: they follow the metadata (built-in and custom).
  auto registry = domain::MetaService::Load(**db);
  if (!registry.ok()) {
    std::cerr << "rapport: cannot bring the tables up to the metadata: " << registry.error().message << "\n";
    return nullptr;
  }
  // SQLite plans queries from statistics; without them a filter on an enum field can pick the
  // enum's index and sort half the table instead of walking the sort field's index. They persist in
  // the file and are gathered (ANALYZE) when the people table has reached 10,000 rows, or ten times
  // the rows they were gathered at: statistics of an empty database would mislead later, and
  // gathering costs seconds on millions of rows. PostgreSQL's autovacuum keeps its own.
  if ((*db)->dialect() == store::Dialect::kSqlite) {
    Status analyzed = (*db)->Write([](store::Connection& conn) -> Status {
      auto has_stats = conn.Query("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'");
      if (!has_stats.ok()) return std::move(has_stats).error();
      std::int64_t gathered_at = 0;
      if (has_stats->Int(0, 0) > 0) {
        // The first number of a row of sqlite_stat1 is the table's row count when it was gathered.
        auto stat = conn.Query("SELECT stat FROM sqlite_stat1 WHERE tbl = 'people' LIMIT 1");
        if (!stat.ok()) return std::move(stat).error();
        if (!stat->empty()) gathered_at = std::atoll(std::string(stat->Text(0, 0)).c_str());
      }
      const std::int64_t threshold = std::max<std::int64_t>(10'000, 10 * gathered_at);
      auto rows = conn.Query("SELECT count(*) FROM (SELECT 1 FROM people LIMIT $1)", {store::Value(threshold)});
      if (!rows.ok()) return std::move(rows).error();
      if (rows->Int(0, 0) < threshold) return {};
      logging::Info("gathering query planner statistics", {{"people_at_least", rows->Int(0, 0)}});
      return conn.ExecScript("ANALYZE");
    });
    if (!analyzed.ok()) logging::Warn("could not gather query planner statistics", {{"error", analyzed.error().message}});
  }
  return std::move(*db);
}

}  // namespace rapport::cli
