// The record pipeline for a command that reads or writes records (import, export, demo): the
// database opened and migrated, its metadata, the built-in hooks and a RecordService over them.
#pragma once

#include <memory>

#include "cli/commands.h"
#include "common/clock.h"
#include "domain/record/record_hooks.h"
#include "domain/record/record_service.h"
#include "meta/registry_holder.h"
#include "store/store.h"

namespace rapport::cli {

struct RecordServices {
  // Opens common.database as OpenAndMigrate does; on failure prints the reason to stderr and
  // returns null (the command exits 1).
  static std::unique_ptr<RecordServices> Open(const CommonSettings& common, const store::OpenOptions& options = {});

  std::unique_ptr<store::Database> db;
  std::unique_ptr<meta::RegistryHolder> registry;
  SystemClock clock;
  domain::HookRegistry hooks;
  std::unique_ptr<domain::RecordService> records;
};

}  // namespace rapport::cli
