// A fresh, empty database for one test: a SQLite file in a temp folder, or a new database on the
// PostgreSQL test cluster named by RAPPORT_TEST_PG_URL. Removed when the object goes away.
#pragma once

#include <string>

namespace rapport::testing {

class TestDatabase {
 public:
  enum class Kind { kSqlite, kPostgres };
  // Throws std::runtime_error when the database cannot be made (no cluster for kPostgres).
  explicit TestDatabase(Kind kind);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  Kind kind() const { return kind_; }

  // The cluster's URL from the environment, empty when PostgreSQL tests are not set up.
  static std::string PostgresAdminUrl();

 private:
  Kind kind_;
  std::string url_;
  std::string dir_;   // SQLite
  std::string name_;  // PostgreSQL database
};

}  // namespace rapport::testing
