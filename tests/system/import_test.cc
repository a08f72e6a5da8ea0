// `rapport import` as a user runs it: exit codes (0 all imported, 2 rows reported, 1 could not
// run), the per-row report file, dry run, re-import without duplicates, and a real data set
// (shared/data/apparel: 600 customers by their id), on SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/cli_run.h"

namespace rapport::testing {
namespace {

using Run = CommandRun;

Run Import(const TestDatabase& db, const TempDir& tmp, std::vector<std::string> args) {
  args.insert(args.begin(), "import");
  return RunRapport(db, tmp, std::move(args));
}

void ImportsReportsAndUpserts(TestDatabase::Kind kind) {
  TestDatabase db(kind);
  TempDir tmp;
  const std::string csv = tmp.path() + "/people.csv";
  const std::string report = tmp.path() + "/report.csv";
  WriteFile(csv,
            "First Name,Last Name,Email,Company Name,Notes\n"
            "Ada,Lovelace,ada@example.com,Analytical Engines,x\n"
            "Bad,Mail,not-an-email,,\n"
            "Grace,Hopper,grace@example.com,analytical engines,\n"
            "\"Broken\"quote,x,broken@example.com,,\n");

  Run dry = Import(db, tmp, {"people", csv, "--dry-run", "--report", report});
  EXPECT_EQ(dry.status, 2) << dry.output;
  EXPECT_NE(dry.output.find("(dry run: nothing written): 4 rows"), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("2 created, 0 updated, 0 unchanged, 2 failed"), std::string::npos) << dry.output;

  Run first = Import(db, tmp, {"people", csv, "--report", report});
  EXPECT_EQ(first.status, 2) << first.output;
  EXPECT_NE(first.output.find("2 created, 0 updated, 0 unchanged, 2 failed"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("ignored columns: \"Notes\""), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("1 organization created for links by name"), std::string::npos) << first.output;
  EXPECT_EQ(ReadFile(report),
            "row,field,message\n"
            "3,email,must be an email address\n"
            "5,,cell 1 has text after its closing quote\n");

  // The same people again, one changed: updated by email, nothing duplicated.
  WriteFile(csv,
            "First Name,Last Name,Email\n"
            "Ada,King,ADA@example.com\n"
            "Grace,Hopper,grace@example.com\n");
  Run again = Import(db, tmp, {"people", csv});
  EXPECT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("0 created, 1 updated, 1 unchanged, 0 failed"), std::string::npos) << again.output;

  // Could not run: exit 1, nothing written.
  Run bad_map = Import(db, tmp, {"people", csv, "--map", "Email=shoe_size"});
  EXPECT_EQ(bad_map.status, 1) << bad_map.output;
  EXPECT_NE(bad_map.output.find("shoe_size is not a field of person"), std::string::npos) << bad_map.output;
  Run missing = Import(db, tmp, {"people", tmp.path() + "/missing.csv"});
  EXPECT_EQ(missing.status, 1) << missing.output;
}

// A real customer base: 600 apparel customers by their id in the shop's system (external_id).
void ImportsARealDataSet(TestDatabase::Kind kind) {
  const std::string data = std::string(RAPPORT_SOURCE_DIR) + "/../shared/data/apparel/apparelStaticCov.csv";
  if (!std::filesystem::exists(data)) GTEST_SKIP() << data << " is not there";
  TestDatabase db(kind);
  TempDir tmp;
  Run first = Import(db, tmp, {"people", data, "--batch-rows", "100"});
  EXPECT_EQ(first.status, 0) << first.output;
  EXPECT_NE(first.output.find(": 600 rows in"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("600 created, 0 updated, 0 unchanged, 0 failed"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("\"Id\" → external_id"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("ignored columns: \"Gender\", \"Channel\""), std::string::npos) << first.output;
  Run again = Import(db, tmp, {"people", data});
  EXPECT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("0 created, 0 updated, 600 unchanged, 0 failed"), std::string::npos) << again.output;
}

TEST(ImportTest, ImportsReportsAndUpsertsOnSqlite) { ImportsReportsAndUpserts(TestDatabase::Kind::kSqlite); }

TEST(ImportTest, ImportsReportsAndUpsertsOnPostgres) {
  if (TestDatabase::PostgresAdminUrl().empty()) GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
  ImportsReportsAndUpserts(TestDatabase::Kind::kPostgres);
}

TEST(ImportTest, ImportsARealDataSetOnSqlite) { ImportsARealDataSet(TestDatabase::Kind::kSqlite); }

TEST(ImportTest, ImportsARealDataSetOnPostgres) {
  if (TestDatabase::PostgresAdminUrl().empty()) GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
  ImportsARealDataSet(TestDatabase::Kind::kPostgres);
}

}  // namespace
}  // namespace rapport::testing
