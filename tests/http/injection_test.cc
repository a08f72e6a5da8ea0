// Injection attempts (issue 5, security bar of DESIGN 6): quotes, comments, UNION, stacked
// statements, NUL bytes, very long and non-ASCII strings, sent as every path parameter of every
// route and as every query parameter a list, search, export or timeline reads. Every answer must be
// a 4xx problem+json or a harmless 2xx — never a 5xx — and afterwards every record is still there
// and still readable. On SQLite and PostgreSQL, over real HTTP against an in-process server, as the
// admin (the caller who may reach the most).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <set>

#include "tests/support/in_process_server.h"

namespace rapport {
namespace {

namespace bj = boost::json;
using http::RouteAccess;
using testing::HttpResponse;
using testing::TestDatabase;

const std::vector<std::string>& Payloads() {
  static const std::vector<std::string> kPayloads = {
      "'",
      "\"",
      "1'",
      "' OR '1'='1",
      "1 OR 1=1",
      "' OR 1=1 --",
      "1; DROP TABLE people; --",
      "'; DROP TABLE people; --",
      "1 UNION SELECT password_hash FROM user_credentials",
      "' UNION SELECT token_hash, 1 FROM auth_sessions --",
      "1/**/OR/**/1=1",
      "*/ DELETE FROM people /*",
      "$1",
      "?",
      "%",
      "\\",
      "1)) OR ((1=1",
      std::string("a\0b", 3),
      "first_name; DELETE FROM people",
      "-id,first_name; SELECT 1",
      "email = 'x' or 1=1",
      "first_name = 'x') or (1=1",
      "first_name = 'a'; DROP TABLE people",
      "Zoë 😀 ' \" ; --",
      std::string(5000, '\''),
  };
  return kPayloads;
}

// The query parameters that reach SQL somewhere: filters, sorts, search, cursors, page sizes, field
// lists, timeline kinds, forecast groups, audit and export selectors.
const std::vector<std::string> kQueryParameters = {"filter", "sort", "q",      "after", "limit",
                                                   "fields", "kinds", "group", "format", "record"};

std::string PercentEncode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Name(const http::Router::Route& route) {
  return std::string(http::bhttp::to_string(route.method)) + " " + route.path;
}

// The route's path with {object} as person, {field} as email and other parameters as `other`.
std::string Concrete(const std::string& path, const std::string& other) {
  std::string out = std::regex_replace(path, std::regex("\\{object\\}"), "person");
  out = std::regex_replace(out, std::regex("\\{field\\}"), "email");
  return std::regex_replace(out, std::regex("\\{[a-z_]+\\}"), other);
}

// Each parameter of the path in turn replaced by `payload`, the others made concrete.
std::vector<std::string> Injected(const std::string& path, const std::string& payload) {
  std::vector<std::string> out;
  static const std::regex kParameter("\\{[a-z_]+\\}");
  for (auto it = std::sregex_iterator(path.begin(), path.end(), kParameter); it != std::sregex_iterator(); ++it) {
    std::string target = path.substr(0, it->position()) + PercentEncode(payload) +
                         path.substr(it->position() + it->length());
    out.push_back(Concrete(target, "1"));
  }
  return out;
}

class InjectionTest : public ::testing::TestWithParam<TestDatabase::Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == TestDatabase::Kind::kPostgres && TestDatabase::PostgresAdminUrl().empty()) {
      GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
    }
    std::string failure = server_.Start(GetParam());
    ASSERT_TRUE(failure.empty()) << failure;
    client_ = server_.Client();
  }

  // The people as a list reads them: ids and last names, every page.
  std::map<std::int64_t, std::string> People() {
    std::map<std::int64_t, std::string> out;
    std::string after;
    do {
      HttpResponse r = client_->Send("GET", "/api/v1/people?limit=200" + (after.empty() ? "" : "&after=" + after));
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      bj::value page = bj::parse(r.body);
      for (const bj::value& p : page.at("data").as_array()) {
        out[p.at("id").as_int64()] = std::string(p.at("last_name").as_string());
      }
      after = page.as_object().contains("next") && page.at("next").is_string()
                  ? std::string(page.at("next").as_string()) : "";
    } while (!after.empty());
    return out;
  }

  // Sends one request and checks that the answer is not a server error and that refusals are
  // problem+json; counts what came back.
  void Expect(const std::string& name, const std::string& method, const std::string& target, const std::string& body) {
    HttpResponse r = client_->Send(method, target, body);
    ++sent_;
    EXPECT_GT(r.status, 0) << name << " " << target << ": no answer";
    EXPECT_LT(r.status, 500) << name << " " << target << ": " << r.body.substr(0, 300);
    if (r.status >= 400) {
      EXPECT_EQ(r.Header("content-type"), "application/problem+json") << name << " " << target;
    }
  }

  testing::InProcessServer server_;
  std::unique_ptr<testing::HttpClient> client_;
  int sent_ = 0;
};

TEST_P(InjectionTest, EveryPathAndQueryParameterRefusesOrDefusesInjection) {
  // A few records, one of whose values is itself an attack: it must come back as the text it is.
  const std::string hostile = "O'Brien\"); DROP TABLE people; --";
  for (const std::string& last : {std::string("Lovelace"), std::string("Hopper"), hostile}) {
    bj::object person{{"first_name", "Test"}, {"last_name", last}};
    HttpResponse r = client_->Send("POST", "/api/v1/people", bj::serialize(person));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  ASSERT_EQ(client_->Send("POST", "/api/v1/organizations", R"({"name": "Analytical Engines"})").status, 201);
  const std::map<std::int64_t, std::string> before = People();
  ASSERT_EQ(before.size(), 3u);

  for (const auto& route : server_.application().router().routes()) {
    const std::string name = Name(*route);
    const std::string method(http::bhttp::to_string(route->method));
    const std::string body = method == "GET" || method == "DELETE" ? "" : "{}";
    for (const std::string& payload : Payloads()) {
      for (const std::string& target : Injected(route->path, payload)) Expect(name, method, target, body);
      if (route->method != http::bhttp::verb::get) continue;
      const std::string target = Concrete(route->path, std::to_string(before.begin()->first));
      for (const std::string& parameter : kQueryParameters) {
        Expect(name, method, target + "?" + parameter + "=" + PercentEncode(payload), body);
      }
    }
  }
  EXPECT_GT(sent_, 1000);

  // Nothing was removed or changed, and the hostile value is still plain text that search finds.
  EXPECT_EQ(People(), before);
  HttpResponse found = client_->Send("GET", "/api/v1/people?q=" + PercentEncode("O'Brien"));
  ASSERT_EQ(found.status, 200) << found.body;
  bj::value page = bj::parse(found.body);
  ASSERT_EQ(page.at("data").as_array().size(), 1u) << found.body;
  EXPECT_EQ(page.at("data").as_array()[0].at("last_name").as_string(), hostile);
  HttpResponse filtered = client_->Send(
      "GET", "/api/v1/people?filter=" + PercentEncode("last_name = 'O''Brien\"); DROP TABLE people; --'"));
  ASSERT_EQ(filtered.status, 200) << filtered.body;
  EXPECT_EQ(bj::parse(filtered.body).at("data").as_array().size(), 1u) << filtered.body;
  EXPECT_EQ(client_->Send("GET", "/api/v1/organizations").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Stores, InjectionTest,
                         ::testing::Values(TestDatabase::Kind::kSqlite, TestDatabase::Kind::kPostgres),
                         [](const auto& info) {
                           return info.param == TestDatabase::Kind::kSqlite ? "sqlite" : "pg";
                         });

}  // namespace
}  // namespace rapport
