#include "cli/database.h"

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
  // the file: gathered once the data is large enough to matter (statistics of an empty database
  // would mislead later), then kept current by PRAGMA optimize. PostgreSQL's autovacuum keeps its own.
  if ((*db)->dialect() == store::Dialect::kSqlite) {
    Status analyzed = (*db)->Write([](store::Connection& conn) -> Status {
      auto stats = conn.Query("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'");
      if (!stats.ok()) return std::move(stats).error();
      if (stats->Int(0, 0) > 0) return conn.ExecScript("PRAGMA optimize");
      auto people = conn.Query("SELECT count(*) FROM (SELECT 1 FROM people LIMIT 10000)");
      if (!people.ok()) return std::move(people).error();
      if (people->Int(0, 0) < 10000) return {};
      logging::Info("gathering query planner statistics", {});
      return conn.ExecScript("ANALYZE");
    });
    if (!analyzed.ok()) logging::Warn("could not gather query planner statistics", {{"error", analyzed.error().message}});
  }
  return std::move(*db);
}

}  // namespace rapport::cli
