// A fresh database with its schema and metadata, and the record pipeline over it: what unit tests
// of domain code start from. Header-only (the unit tests link the domain; test_support does not).
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "domain/builtin_hooks.h"
#include "domain/meta/meta_service.h"
#include "domain/record/record_service.h"
#include "store/migrations.h"
#include "tests/support/test_database.h"

namespace rapport::testing {

class RecordTestBed {
 public:
  // Throws when `kind` is PostgreSQL and there is no test cluster (check PostgresAdminUrl first).
  explicit RecordTestBed(TestDatabase::Kind kind = TestDatabase::Kind::kSqlite) : database_(kind) {}

  // Opens and migrates the database and loads the metadata; call from a fixture's SetUp (it
  // asserts).
  void SetUp() {
    auto db = store::Open(database_.url());
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_, store::EmbeddedMigrations(db_->dialect())).ok());
    auto registry = domain::MetaService::Load(*db_);
    ASSERT_TRUE(registry.ok()) << registry.error().message;
    registry_ = std::make_unique<meta::RegistryHolder>(*registry);
    records_ = std::make_unique<domain::RecordService>(*db_, *registry_, clock_, hooks_);
  }

  store::Database& db() { return *db_; }
  FakeClock& clock() { return clock_; }
  domain::RecordService& records() { return *records_; }

 private:
  TestDatabase database_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{1'700'000'000'000'000};
  domain::HookRegistry hooks_ = domain::BuiltinHooks();
  std::unique_ptr<meta::RegistryHolder> registry_;
  std::unique_ptr<domain::RecordService> records_;
};

}  // namespace rapport::testing
