// `rapport demo` as `make run` uses it: a small demo CRM, then looked at through the real HTTP API
// the way a user would (every object has rows, every channel occurs, stage histories, the custom
// fields, upcoming dates, overdue tasks, search), and --if-empty leaving a filled database alone.
// On SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <cctype>
#include <string>

#include "tests/support/cli_run.h"
#include "tests/support/http_client.h"

namespace rapport::testing {
namespace {

namespace bj = boost::json;

std::string Encoded(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

bj::array Data(HttpClient& client, const std::string& target) {
  HttpResponse r = client.Send("GET", target);
  EXPECT_EQ(r.status, 200) << target << ": " << r.body;
  if (r.status != 200) return {};
  return bj::parse(r.body).at("data").as_array();
}

void FillsALivingCrm(TestDatabase::Kind kind) {
  TestDatabase db(kind);
  TempDir tmp;
  CommandRun demo = RunRapport(db, tmp, {"demo", "--people", "120", "--organizations", "15", "--seed", "3"});
  ASSERT_EQ(demo.status, 0) << demo.output;
  EXPECT_NE(demo.output.find("demo: 120 people, 15 organizations"), std::string::npos) << demo.output;

  CommandRun again = RunRapport(db, tmp, {"demo", "--if-empty"});
  EXPECT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("the database has people already; nothing added"), std::string::npos) << again.output;

  RapportServer server(RAPPORT_BINARY, db.url(), tmp.path() + "/server.log");
  ASSERT_TRUE(server.Start()) << server.LogTail();
  HttpClient client("127.0.0.1", server.port(), std::chrono::seconds(10), server.SignIn());
  for (const char* path : {"people", "organizations", "interactions", "tasks", "notes", "stage_changes", "addresses",
                           "affiliations", "tags", "products", "deals", "orders", "order_lines", "contracts",
                           "invoices", "deal_moves"}) {
    EXPECT_FALSE(Data(client, std::string("/api/v1/") + path + "?limit=1").empty()) << path;
  }
  for (const char* channel : {"email", "phone", "meeting", "chat"}) {
    EXPECT_FALSE(Data(client, std::string("/api/v1/interactions?limit=1&filter=channel%20%3D%20%27") + channel + "%27").empty())
        << channel;
  }
  EXPECT_FALSE(Data(client, "/api/v1/stage_changes?limit=1&filter=to_stage%20%3D%20%27churned%27").empty());
  EXPECT_FALSE(Data(client, "/api/v1/people?limit=1&filter=preferred_channel%20is%20not%20null").empty());
  EXPECT_FALSE(Data(client, "/api/v1/organizations?limit=1&filter=contract_value%20is%20not%20null").empty());
  EXPECT_FALSE(Data(client, "/api/v1/people/upcoming_dates?days=60").empty());
  // Two sales teams own most accounts; some wait in the unowned pool.
  EXPECT_FALSE(Data(client, "/api/v1/teams?limit=1").empty());
  EXPECT_FALSE(Data(client, "/api/v1/people?limit=1&filter=owner%20is%20not%20null").empty());
  EXPECT_FALSE(Data(client, "/api/v1/organizations?limit=1&filter=owner%20is%20null").empty());
  // Sales: deals in more than one stage, people with purchases, overdue invoices.
  EXPECT_FALSE(Data(client, "/api/v1/deals?limit=1&filter=status%20%3D%20%27won%27").empty());
  EXPECT_FALSE(Data(client, "/api/v1/deals?limit=1&filter=status%20%3D%20%27open%27").empty());
  EXPECT_FALSE(Data(client, "/api/v1/people?limit=1&filter=purchase_count%20%3E%201").empty());
  EXPECT_FALSE(Data(client, "/api/v1/invoices?limit=1&filter=overdue%20%3D%20true").empty());
  EXPECT_FALSE(Data(client, "/api/v1/contracts?limit=1&filter=renewal_date%20%3E%3D%20today()%20and%20renewal_date%20%3C%3D%20today()%20%2B%2060d").empty());
  EXPECT_FALSE(Data(client, "/api/v1/tasks?limit=1&filter=due_at%20%3C%20now()%20and%20status%20%3D%20%27open%27").empty());
  EXPECT_FALSE(Data(client, "/api/v1/tasks?limit=1&filter=recurrence%20is%20not%20null").empty());
  // Search finds a demo person by name.
  bj::array first = Data(client, "/api/v1/people?limit=1&sort=id");
  ASSERT_FALSE(first.empty());
  const std::string last_name(first[0].at("last_name").as_string());
  const std::string name = fmt::format("{} {}", std::string_view(first[0].at("first_name").as_string()), last_name);
  bj::array found = Data(client, "/api/v1/people?limit=200&q=" + Encoded(name));
  bool hit = false;
  for (const bj::value& p : found) hit = hit || p.at("id") == first[0].at("id");
  EXPECT_TRUE(hit) << last_name;
}

TEST(DemoTest, FillsALivingCrmOnSqlite) { FillsALivingCrm(TestDatabase::Kind::kSqlite); }

TEST(DemoTest, FillsALivingCrmOnPostgres) {
  if (TestDatabase::PostgresAdminUrl().empty()) GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
  FillsALivingCrm(TestDatabase::Kind::kPostgres);
}

}  // namespace
}  // namespace rapport::testing
