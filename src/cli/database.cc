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
  return std::move(*db);
}

}  // namespace rapport::cli
