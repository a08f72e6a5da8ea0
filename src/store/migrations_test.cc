#include "store/migrations.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/test_database.h"

namespace rapport::store {
namespace {

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Open(test_db_.url());
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
  }

  // The names of the tables in the database, sorted, as "a,b,c".
  std::string Tables() {
    auto rows = ReadValue(*db_, [](Connection& c) {
      return c.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    });
    EXPECT_TRUE(rows.ok());
    std::string out;
    for (std::size_t r = 0; rows.ok() && r < rows->rows(); ++r) {
      if (!out.empty()) out += ",";
      out += rows->Text(r, 0);
    }
    return out;
  }

  bool HasTable(std::string_view name) {
    auto rows = ReadValue(*db_, [&](Connection& c) {
      return c.Query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1", {Value(std::string(name))});
    });
    EXPECT_TRUE(rows.ok());
    return rows.ok() && !rows->empty();
  }

  // The recorded migrations as "version:name" lines.
  std::string Recorded() {
    auto rows = ReadValue(*db_, [](Connection& c) {
      return c.Query("SELECT version, name FROM schema_migrations ORDER BY version");
    });
    EXPECT_TRUE(rows.ok());
    std::string out;
    for (std::size_t r = 0; rows.ok() && r < rows->rows(); ++r) {
      out += std::to_string(rows->Int(r, 0)) + ":" + std::string(rows->Text(r, 1)) + "\n";
    }
    return out;
  }

  rapport::testing::TestDatabase test_db_{rapport::testing::TestDatabase::Kind::kSqlite};
  std::unique_ptr<Database> db_;
};

TEST_F(MigrationsTest, EmbeddedMigrationsApplyOnceOnAFreshDatabase) {
  std::vector<Migration> migrations = EmbeddedMigrations(Dialect::kSqlite);
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations.front().name, "0001_foundation");
  for (std::size_t i = 1; i < migrations.size(); ++i) EXPECT_LT(migrations[i - 1].version, migrations[i].version);

  auto before = CurrentVersion(*db_);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*before, 0);

  std::vector<std::string> applied;
  Status status = Migrate(*db_, migrations, [&](const Migration& m) { applied.push_back(m.name); });
  ASSERT_TRUE(status.ok()) << status.error().message;
  ASSERT_EQ(applied.size(), migrations.size());
  EXPECT_EQ(applied.front(), "0001_foundation");
  auto version = CurrentVersion(*db_);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, migrations.back().version);
  // Tables of the foundation; later migrations add more.
  for (const char* table : {"outbox", "outbox_consumers", "schema_migrations", "tags"}) {
    EXPECT_TRUE(HasTable(table)) << table;
  }

  // A second run finds everything applied: no callback, same version, same rows.
  std::string recorded = Recorded();
  applied.clear();
  status = Migrate(*db_, migrations, [&](const Migration& m) { applied.push_back(m.name); });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_TRUE(applied.empty());
  version = CurrentVersion(*db_);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, migrations.back().version);
  EXPECT_EQ(Recorded(), recorded);
}

TEST_F(MigrationsTest, FailingMigrationLeavesTheDatabaseAsItWas) {
  std::vector<Migration> migrations = {
      {1, "0001_good", "CREATE TABLE good (id INTEGER PRIMARY KEY);"},
      {2, "0002_bad", "CREATE TABLE from_bad (id INTEGER PRIMARY KEY); INSERT INTO good VALUES (1); CREAT TABLE oops;"},
      {3, "0003_never", "CREATE TABLE never (id INTEGER PRIMARY KEY);"},
  };
  std::vector<std::string> applied;
  Status status = Migrate(*db_, migrations, [&](const Migration& m) { applied.push_back(m.name); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInternal);
  EXPECT_NE(status.error().message.find("migration 0002_bad failed"), std::string::npos) << status.error().message;

  EXPECT_EQ(applied, std::vector<std::string>{"0001_good"});
  EXPECT_EQ(Tables(), "good,schema_migrations");
  EXPECT_EQ(Recorded(), "1:0001_good\n");
  auto rows = ReadValue(*db_, [](Connection& c) { return c.Query("SELECT COUNT(*) FROM good"); });
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Int(0, 0), 0);  // the INSERT of the failed step is gone too
  auto version = CurrentVersion(*db_);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 1);

  // Once fixed, the run continues where it stopped.
  migrations[1].sql = "CREATE TABLE from_bad (id INTEGER PRIMARY KEY);";
  applied.clear();
  status = Migrate(*db_, migrations, [&](const Migration& m) { applied.push_back(m.name); });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(applied, (std::vector<std::string>{"0002_bad", "0003_never"}));
  EXPECT_EQ(Tables(), "from_bad,good,never,schema_migrations");
}

}  // namespace
}  // namespace rapport::store
