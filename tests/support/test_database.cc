#include "tests/support/test_database.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace rapport::testing {
namespace {

std::string RandomSuffix() {
  std::random_device rd;
  std::mt19937_64 rng(rd());
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (int i = 0; i < 12; ++i) s.push_back(kChars[rng() % 36]);
  return s;
}

void AdminExec(const std::string& sql) {
  PGconn* conn = PQconnectdb(TestDatabase::PostgresAdminUrl().c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the PostgreSQL test cluster: " + message);
  }
  PGresult* res = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  std::string message = PQerrorMessage(conn);
  PQclear(res);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + message);
}

}  // namespace

std::string TestDatabase::PostgresAdminUrl() {
  const char* url = std::getenv("RAPPORT_TEST_PG_URL");
  return url != nullptr ? url : "";
}

TestDatabase::TestDatabase(Kind kind) : kind_(kind) {
  if (kind == Kind::kSqlite) {
    dir_ = (std::filesystem::temp_directory_path() / ("rapport-test-" + RandomSuffix())).string();
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + dir_ + "/rapport.db";
    return;
  }
  std::string admin = PostgresAdminUrl();
  if (admin.empty()) throw std::runtime_error("RAPPORT_TEST_PG_URL is not set");
  name_ = "rapport_test_" + RandomSuffix();
  AdminExec("CREATE DATABASE " + name_);  // name_ is ours: letters and digits only
  auto slash = admin.rfind('/');
  auto query = admin.find('?', slash);
  url_ = admin.substr(0, slash + 1) + name_ + (query == std::string::npos ? "" : admin.substr(query));
}

TestDatabase::~TestDatabase() {
  try {
    if (kind_ == Kind::kSqlite) {
      std::filesystem::remove_all(dir_);
    } else {
      AdminExec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
  } catch (...) {
    // Leaving a temp database behind must not fail the test.
  }
}

}  // namespace rapport::testing
