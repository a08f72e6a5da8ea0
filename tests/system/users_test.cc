// Users from the command line and sessions shared by processes, against the real binary on SQLite
// and PostgreSQL: `rapport user add|list|set-role|set-password|disable|enable` and `rapport api-key
// create`; the user signs in over HTTP with the password the command printed; a session made on one
// server works on a second server over the same database and after a restart; a user disabled by the
// command line is refused by a running server within the cache time (AuthService::kCacheFor).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "tests/support/cli_run.h"

namespace rapport::testing {
namespace {

namespace bj = boost::json;

// What `rapport user add` printed after "password: ".
std::string PrintedPassword(const std::string& output) {
  std::smatch m;
  return std::regex_search(output, m, std::regex("password: (\\S+)")) ? m[1].str() : std::string();
}

HttpResponse Login(RapportServer& server, const std::string& email, const std::string& password) {
  HttpClient client("127.0.0.1", server.port());
  return client.Send("POST", "/api/v1/auth/login",
                     bj::serialize(bj::object{{"email", email}, {"password", password}}));
}

void UsersFromTheCommandLine(TestDatabase::Kind kind) {
  TestDatabase db(kind);
  TempDir tmp;
  CommandRun added = RunRapport(db, tmp, {"user", "add", "--email", "ann@test.example", "--name", "Ann Manager",
                                          "--role", "manager", "--team", "Sales", "--team", "Support"});
  ASSERT_EQ(added.status, 0) << added.output;
  const std::string password = PrintedPassword(added.output);
  ASSERT_EQ(password.size(), 20u) << added.output;

  CommandRun weak = RunRapport(db, tmp, {"user", "add", "--email", "bob@test.example", "--password", "short"});
  EXPECT_EQ(weak.status, 1);
  EXPECT_NE(weak.output.find("password must be at least 10 characters long"), std::string::npos) << weak.output;
  CommandRun again = RunRapport(db, tmp, {"user", "add", "--email", "ann@test.example"});
  EXPECT_EQ(again.status, 1) << again.output;

  CommandRun listed = RunRapport(db, tmp, {"user", "list"});
  ASSERT_EQ(listed.status, 0) << listed.output;
  EXPECT_TRUE(std::regex_search(listed.output, std::regex("ann@test\\.example +Ann Manager +manager +yes +[0-9]+,[0-9]+")))
      << listed.output;
  EXPECT_EQ(listed.output.find("bob@"), std::string::npos) << listed.output;

  // A manager's key may write but not administer.
  CommandRun admin_key = RunRapport(db, tmp, {"api-key", "create", "--user", "ann@test.example", "--name", "x",
                                              "--scope", "admin"});
  EXPECT_EQ(admin_key.status, 1) << admin_key.output;
  CommandRun key_run = RunRapport(db, tmp, {"api-key", "create", "--user", "ann@test.example", "--name", "sync",
                                            "--scope", "write"});
  ASSERT_EQ(key_run.status, 0) << key_run.output;
  std::smatch key_match;
  ASSERT_TRUE(std::regex_search(key_run.output, key_match, std::regex("rk_[A-Za-z0-9_-]{43}"))) << key_run.output;
  const std::string key = key_match[0].str();

  // Two servers over one database: a session made on the first works on the second.
  RapportServer first(RAPPORT_BINARY, db.url(), tmp.File("first.log"));
  ASSERT_TRUE(first.Start()) << first.LogTail();
  RapportServer second(RAPPORT_BINARY, db.url(), tmp.File("second.log"));
  ASSERT_TRUE(second.Start()) << second.LogTail();
  EXPECT_TRUE(first.SignIn().empty()) << "someone can sign in already: no first admin is made";
  HttpResponse login = Login(first, "ann@test.example", password);
  ASSERT_EQ(login.status, 200) << login.body;
  bj::value session = bj::parse(login.body);
  EXPECT_EQ(session.at("user").at("role").as_string(), "manager");
  EXPECT_EQ(session.at("user").at("teams").as_array().size(), 2u);
  std::string cookie = login.Header("set-cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  const std::string csrf(session.at("csrf_token").as_string());
  HttpClient on_second("127.0.0.1", second.port(), std::chrono::seconds(10),
                       {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  HttpResponse made = on_second.Send("POST", "/api/v1/people", R"({"first_name": "Made on the second node"})");
  EXPECT_EQ(made.status, 201) << made.body;
  HttpClient with_key("127.0.0.1", first.port(), std::chrono::seconds(10), {{"Authorization", "Bearer " + key}});
  EXPECT_EQ(with_key.Send("GET", "/api/v1/people").status, 200);

  // Disabled by the command line (another process): refused within the servers' cache time.
  ASSERT_EQ(RunRapport(db, tmp, {"user", "disable", "--email", "ann@test.example"}).status, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(with_key.Send("GET", "/api/v1/people").status, 401);
  EXPECT_EQ(on_second.Send("GET", "/api/v1/people").status, 401);
  EXPECT_EQ(Login(first, "ann@test.example", password).status, 401);

  // Enabled again with a new role and password: the session survives a restart of the server.
  ASSERT_EQ(RunRapport(db, tmp, {"user", "enable", "--email", "ann@test.example"}).status, 0);
  ASSERT_EQ(RunRapport(db, tmp, {"user", "set-role", "--email", "ann@test.example", "--role", "read_only"}).status, 0);
  CommandRun reset = RunRapport(db, tmp, {"user", "set-password", "--email", "ann@test.example", "--password",
                                          "a new pass phrase"});
  ASSERT_EQ(reset.status, 0) << reset.output;
  EXPECT_EQ(Login(first, "ann@test.example", password).status, 401);
  HttpResponse relogin = Login(first, "ann@test.example", "a new pass phrase");
  ASSERT_EQ(relogin.status, 200) << relogin.body;
  EXPECT_EQ(bj::parse(relogin.body).at("user").at("access").as_string(), "read");
  std::string new_cookie = relogin.Header("set-cookie");
  new_cookie = new_cookie.substr(0, new_cookie.find(';'));
  first.Signal(SIGTERM);
  ASSERT_TRUE(first.Wait(std::chrono::seconds(30)).has_value());
  ASSERT_TRUE(first.Start()) << first.LogTail();
  HttpClient after_restart("127.0.0.1", first.port(), std::chrono::seconds(10), {{"Cookie", new_cookie}});
  HttpResponse me = after_restart.Send("GET", "/api/v1/auth/session");
  EXPECT_EQ(me.status, 200) << me.body;
}

TEST(UsersTest, FromTheCommandLineOnSqlite) { UsersFromTheCommandLine(TestDatabase::Kind::kSqlite); }

TEST(UsersTest, FromTheCommandLineOnPostgres) {
  if (TestDatabase::PostgresAdminUrl().empty()) GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
  UsersFromTheCommandLine(TestDatabase::Kind::kPostgres);
}

}  // namespace
}  // namespace rapport::testing
