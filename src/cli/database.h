// Opening the configured database for a command: connect, migrate, report progress.
#pragma once

#include <memory>

#include "cli/commands.h"
#include "store/store.h"

namespace rapport::cli {

// Opens common.database, applies pending migrations (logging each one) and brings the object
// tables up to the metadata (domain::MetaService::Load). On failure prints the reason to stderr and
// returns null (the command exits 1).
std::unique_ptr<store::Database> OpenAndMigrate(const CommonSettings& common, const store::OpenOptions& options = {});

}  // namespace rapport::cli
