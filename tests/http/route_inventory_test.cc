// The route inventory (DESIGN 6, security): every registered route is either named here as public
// or refuses a request without credentials with 401; a key whose scope is too low gets 403 on
// every route that needs more; a cookie session must send its CSRF token on changes. On SQLite and
// PostgreSQL, over real HTTP against an in-process server.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <set>

#include "tests/support/in_process_server.h"

namespace rapport {
namespace {

namespace bj = boost::json;
using http::RouteAccess;
using testing::HttpClient;
using testing::HttpResponse;
using testing::TestDatabase;

// The routes anyone may call. Adding one here is a security decision: say why in api/routes.cc.
const std::set<std::string> kPublicRoutes = {"GET /healthz", "GET /readyz", "POST /api/v1/auth/login",
                                            "POST /forms/{key}"};

std::string Name(const http::Router::Route& route) {
  return std::string(http::bhttp::to_string(route.method)) + " " + route.path;
}

// A path that the route matches: {object} is person, {field} is email, any other parameter 1.
std::string Concrete(const std::string& path) {
  std::string out = std::regex_replace(path, std::regex("\\{object\\}"), "person");
  out = std::regex_replace(out, std::regex("\\{field\\}"), "email");
  return std::regex_replace(out, std::regex("\\{[a-z_]+\\}"), "1");
}

class RouteInventoryTest : public ::testing::TestWithParam<TestDatabase::Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == TestDatabase::Kind::kPostgres && TestDatabase::PostgresAdminUrl().empty()) {
      GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
    }
    std::string failure = server_.Start(GetParam());
    ASSERT_TRUE(failure.empty()) << failure;
  }

  const std::vector<std::unique_ptr<http::Router::Route>>& routes() { return server_.application().router().routes(); }

  // A key of the test admin with `scope`.
  std::string Key(AccessLevel scope) {
    domain::AuthService& auth = server_.application().app().auth;
    auto admin = auth.FindUser(server_.admin().email);
    EXPECT_TRUE(admin.ok());
    auto key = auth.CreateApiKey(*admin, admin->user_id, "inventory", scope);
    EXPECT_TRUE(key.ok()) << key.error().message;
    return key.ok() ? key->key : std::string();
  }

  testing::InProcessServer server_;
};

TEST_P(RouteInventoryTest, EveryRouteIsNamedPublicOrAnswers401WithoutCredentials) {
  auto anonymous = server_.Client(false);
  std::set<std::string> public_seen;
  int protected_routes = 0;
  for (const auto& route : routes()) {
    const std::string name = Name(*route);
    if (route->access == RouteAccess::kPublic) {
      EXPECT_TRUE(kPublicRoutes.contains(name)) << name << " is public but not in the inventory";
      public_seen.insert(name);
      continue;
    }
    ++protected_routes;
    const std::string method(http::bhttp::to_string(route->method));
    const std::string target = Concrete(route->path);
    HttpResponse none = anonymous->Send(method, target, method == "GET" ? "" : "{}");
    EXPECT_EQ(none.status, 401) << name << " without credentials: " << none.body;
    EXPECT_EQ(none.Header("content-type"), "application/problem+json") << name;
    HttpResponse forged = anonymous->Send(method, target, method == "GET" ? "" : "{}",
                                          {{"Authorization", "Bearer rk_not-a-key"}});
    EXPECT_EQ(forged.status, 401) << name << " with a forged key: " << forged.body;
    HttpResponse forged_cookie = anonymous->Send(method, target, method == "GET" ? "" : "{}",
                                                 {{"Cookie", "rapport_session=not-a-session"}});
    EXPECT_EQ(forged_cookie.status, 401) << name << " with a forged session: " << forged_cookie.body;
  }
  EXPECT_EQ(public_seen, kPublicRoutes);
  EXPECT_GT(protected_routes, 50);  // every object's collection and item routes, and the rest
  // The web app's files are public: the sign-in page must load before anyone is signed in.
  EXPECT_EQ(anonymous->Send("GET", "/").status, 200);
  EXPECT_EQ(anonymous->Send("GET", "/people/1").status, 200);
}

TEST_P(RouteInventoryTest, AKeyGets403WhereItsScopeIsTooLow) {
  HttpClient reader("127.0.0.1", server_.application().port(), std::chrono::seconds(10),
                    {{"Authorization", "Bearer " + Key(AccessLevel::kRead)}});
  HttpClient writer("127.0.0.1", server_.application().port(), std::chrono::seconds(10),
                    {{"Authorization", "Bearer " + Key(AccessLevel::kWrite)}});
  for (const auto& route : routes()) {
    if (route->access == RouteAccess::kPublic) continue;
    const std::string name = Name(*route);
    const std::string method(http::bhttp::to_string(route->method));
    const std::string target = Concrete(route->path);
    const std::string body = method == "GET" ? "" : "{}";
    HttpResponse read = reader.Send(method, target, body);
    if (route->access == RouteAccess::kRead) {
      EXPECT_NE(read.status, 401) << name;
      EXPECT_NE(read.status, 403) << name << ": " << read.body;
    } else {
      EXPECT_EQ(read.status, 403) << name << " with a read key: " << read.body;
    }
    if (route->access == RouteAccess::kAdmin) {
      HttpResponse write = writer.Send(method, target, body);
      EXPECT_EQ(write.status, 403) << name << " with a write key: " << write.body;
    }
  }
  // Users and teams are changed by admins only, also through the generic object routes.
  for (const std::string& target : {"/api/v1/users", "/api/v1/teams", "/api/v1/objects/user"}) {
    HttpResponse r = writer.Send("POST", target, R"({"name": "X", "email": "x@example.com"})");
    EXPECT_EQ(r.status, 403) << target << ": " << r.body;
  }
}

TEST_P(RouteInventoryTest, ACookieSessionMustSendItsCsrfTokenWithChanges) {
  auto browser = server_.Client(false);
  HttpResponse login = browser->Send(
      "POST", "/api/v1/auth/login",
      bj::serialize(bj::object{{"email", server_.admin().email}, {"password", server_.admin().password}}));
  ASSERT_EQ(login.status, 200) << login.body;
  std::string set_cookie = login.Header("set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  const std::string csrf(bj::parse(login.body).at("csrf_token").as_string());

  EXPECT_EQ(browser->Send("GET", "/api/v1/people", "", {{"Cookie", cookie}}).status, 200);
  HttpResponse forged = browser->Send("POST", "/api/v1/people", R"({"first_name": "Mallory"})", {{"Cookie", cookie}});
  EXPECT_EQ(forged.status, 403) << forged.body;
  HttpResponse wrong = browser->Send("POST", "/api/v1/people", R"({"first_name": "Mallory"})",
                                     {{"Cookie", cookie}, {"X-CSRF-Token", csrf + "x"}});
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  HttpResponse made = browser->Send("POST", "/api/v1/people", R"({"first_name": "Ada"})",
                                    {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(made.status, 201) << made.body;
  // Nothing was written by the refused requests.
  HttpResponse list = browser->Send("GET", "/api/v1/people", "", {{"Cookie", cookie}});
  EXPECT_EQ(bj::parse(list.body).at("data").as_array().size(), 1u) << list.body;
  // Sign-in itself must be JSON: a cross-site form cannot send it.
  HttpResponse form = browser->Send("POST", "/api/v1/auth/login", "email=a&password=b",
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 400) << form.body;

  HttpResponse logout = browser->Send("POST", "/api/v1/auth/logout", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(logout.status, 204) << logout.body;
  EXPECT_NE(logout.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(browser->Send("GET", "/api/v1/people", "", {{"Cookie", cookie}}).status, 401);
}

TEST_P(RouteInventoryTest, RevokedKeysAndDisabledUsersStopAtOnce) {
  auto admin = server_.Client();
  HttpResponse created = admin->Send("POST", "/api/v1/api-keys", R"({"name": "short-lived", "scope": "read"})");
  ASSERT_EQ(created.status, 201) << created.body;
  bj::value key = bj::parse(created.body);
  HttpClient user("127.0.0.1", server_.application().port(), std::chrono::seconds(10),
                  {{"Authorization", "Bearer " + std::string(key.at("key").as_string())}});
  EXPECT_EQ(user.Send("GET", "/api/v1/people").status, 200);
  HttpResponse revoked = admin->Send("DELETE", "/api/v1/api-keys/" + std::to_string(key.at("id").as_int64()));
  EXPECT_EQ(revoked.status, 204) << revoked.body;
  EXPECT_EQ(user.Send("GET", "/api/v1/people").status, 401);

  // An agent with a key; disabling the agent stops the key within the same node at once.
  HttpResponse agent = admin->Send("POST", "/api/v1/users", R"({"name": "Agent", "email": "agent@example.com"})");
  ASSERT_EQ(agent.status, 201) << agent.body;
  const std::int64_t agent_id = bj::parse(agent.body).at("id").as_int64();
  HttpResponse agent_key = admin->Send(
      "POST", "/api/v1/api-keys", bj::serialize(bj::object{{"name", "agent"}, {"scope", "write"}, {"user", agent_id}}));
  ASSERT_EQ(agent_key.status, 201) << agent_key.body;
  HttpClient as_agent("127.0.0.1", server_.application().port(), std::chrono::seconds(10),
                      {{"Authorization", "Bearer " + std::string(bj::parse(agent_key.body).at("key").as_string())}});
  EXPECT_EQ(as_agent.Send("POST", "/api/v1/people", R"({"first_name": "By agent"})").status, 201);
  EXPECT_EQ(admin->Send("PATCH", "/api/v1/users/" + std::to_string(agent_id), R"({"active": false})").status, 200);
  EXPECT_EQ(as_agent.Send("GET", "/api/v1/people").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Stores, RouteInventoryTest,
                         ::testing::Values(TestDatabase::Kind::kSqlite, TestDatabase::Kind::kPostgres),
                         [](const auto& info) { return info.param == TestDatabase::Kind::kSqlite ? "sqlite" : "pg"; });

}  // namespace
}  // namespace rapport
