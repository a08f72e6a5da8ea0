// GDPR erasure over real HTTP against the real binary (issue 5): a person with a distinctive name,
// email and phone, with everything that can hold them (merge, notes, tasks, addresses, consents,
// affiliation, tags, stage history, interactions alone and shared, a custom record found by the
// person's name, a search hit, an idempotent create), is exported and then erased; afterwards the
// whole database is searched for them: on SQLite the bytes of the database file and its -wal, on
// PostgreSQL every row of every table as text. The same scan must find them before the erasure, so
// it can fail. On SQLite and PostgreSQL.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/rapport_server.h"
#include "tests/support/test_database.h"

namespace rapport::testing {
namespace {

namespace bj = boost::json;

// Lower case: FTS5 and tsvector keep the folded words.
const std::vector<std::string> kNeedles = {"zebulon", "quaxmire", "7418529", "zq.second"};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The needles found in the database, each with where: "file", "file-wal" or "schema.table".
std::vector<std::string> Scan(const TestDatabase& db) {
  std::vector<std::string> found;
  if (db.kind() == TestDatabase::Kind::kSqlite) {
    const std::string path = db.url().substr(std::string("sqlite:").size());
    for (const std::string& file : {path, path + "-wal"}) {
      const std::string bytes = Lower(Slurp(file));
      for (const std::string& n : kNeedles) {
        if (bytes.find(n) != std::string::npos) found.push_back(n + " in " + file);
      }
    }
    return found;
  }
  PGconn* conn = PQconnectdb(db.url().c_str());
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* tables = PQexec(conn,
                            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM "
                            "information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN "
                            "('pg_catalog', 'information_schema')");
  EXPECT_EQ(PQresultStatus(tables), PGRES_TUPLES_OK) << PQerrorMessage(conn);
  EXPECT_GT(PQntuples(tables), 10) << "the scan must see the application's tables";
  for (int t = 0; t < PQntuples(tables); ++t) {
    const std::string table = PQgetvalue(tables, t, 0);
    // Every column of every row as text (a row-to-text cast), tsvector columns included.
    const std::string sql = "SELECT count(*) FROM " + table + " r WHERE lower(r::text) LIKE '%' || $1 || '%'";
    for (const std::string& n : kNeedles) {
      const char* params[] = {n.c_str()};
      PGresult* res = PQexecParams(conn, sql.c_str(), 1, nullptr, params, nullptr, nullptr, 0);
      EXPECT_EQ(PQresultStatus(res), PGRES_TUPLES_OK) << table << ": " << PQerrorMessage(conn);
      if (PQresultStatus(res) == PGRES_TUPLES_OK && std::string(PQgetvalue(res, 0, 0)) != "0") {
        found.push_back(n + " in " + table);
      }
      PQclear(res);
    }
  }
  PQclear(tables);
  PQfinish(conn);
  return found;
}

bj::value Body(const HttpResponse& res) {
  boost::system::error_code ec;
  bj::value v = bj::parse(res.body, ec);
  return ec ? bj::value(nullptr) : v;
}

std::int64_t Create(HttpClient& c, const std::string& path, const std::string& body,
                    const HttpClient::Headers& headers = {}) {
  HttpResponse res = c.Send("POST", path, body, headers);
  EXPECT_EQ(res.status, 201) << path << " " << body << " -> " << res.body;
  bj::value v = Body(res);
  return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
}

std::size_t Count(HttpClient& c, const std::string& target) {
  HttpResponse res = c.Send("GET", target);
  EXPECT_EQ(res.status, 200) << target << " -> " << res.body;
  bj::value v = Body(res);
  return v.is_object() ? v.at("data").as_array().size() : 0;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + "; ";
  return out;
}

void EraseEverywhere(TestDatabase::Kind kind) {
  TestDatabase db(kind);
  TempDir tmp;
  RapportServer server(RAPPORT_BINARY, db.url(), tmp.File("server.log"));
  ASSERT_TRUE(server.Start()) << server.LogTail();
  HttpClient::Headers auth = server.SignIn();
  ASSERT_FALSE(auth.empty()) << server.LogTail();
  HttpClient c("127.0.0.1", server.port(), std::chrono::seconds(30), auth);

  const std::int64_t org = Create(c, "/api/v1/organizations", R"({"name": "Erasure Testing GmbH"})");
  Create(c, "/api/v1/tags", R"({"name": "gdpr-vip"})");
  const std::int64_t id = Create(c, "/api/v1/people",
                                 R"({"first_name": "Zebulon", "last_name": "Quaxmire",
                                     "email": "zebulon.quaxmire@erasure.example", "phone": "+43 660 7418529",
                                     "organization": )" + std::to_string(org) +
                                     R"(, "tags": ["gdpr-vip"], "lifecycle_stage": "lead"})",
                                 {{"Idempotency-Key", "erasure-test-create"}});
  ASSERT_GT(id, 0);
  const std::int64_t twin = Create(c, "/api/v1/people",
                                   R"({"first_name": "Zebulon", "last_name": "Quaxmire",
                                       "email": "zq.second@erasure.example"})");
  HttpResponse merged = c.Send("POST", "/api/v1/people/" + std::to_string(id) + "/merge",
                               R"({"from": )" + std::to_string(twin) + "}");
  ASSERT_EQ(merged.status, 200) << merged.body;
  const std::string p = std::to_string(id);
  Create(c, "/api/v1/addresses", R"({"person": )" + p + R"(, "street": "Quaxmire Gasse 7", "city": "Wien"})");
  Create(c, "/api/v1/notes",
         R"({"person": )" + p + R"(, "body": "Met Zebulon Quaxmire at the fair; call +43 660 7418529."})");
  Create(c, "/api/v1/tasks", R"({"person": )" + p + R"(, "title": "Call Zebulon Quaxmire back"})");
  Create(c, "/api/v1/consents", R"({"person": )" + p + R"(, "purpose": "newsletter", "status": "granted",
                                      "source": "web_form", "note": "Zebulon Quaxmire ticked the box"})");
  Create(c, "/api/v1/affiliations",
         R"({"person": )" + p + R"(, "organization": )" + std::to_string(org) + R"(, "role": "Buyer"})");
  Create(c, "/api/v1/interactions",
         R"({"channel": "phone", "participants": [)" + p + R"(], "summary": "Zebulon Quaxmire wants a callback"})");
  // A custom object found by its client's name: its search text holds the person's title.
  HttpResponse custom = c.Send("POST", "/api/v1/meta/objects",
                               R"({"object": "project", "label": "Project", "title": ["name"], "search": ["name", "client"],
                                   "fields": [{"name": "name", "type": "text", "required": true},
                                              {"name": "client", "type": "link", "target": "person"}]})");
  ASSERT_EQ(custom.status, 201) << custom.body;
  const std::int64_t project =
      Create(c, "/api/v1/objects/project", R"({"name": "Rollout", "client": )" + p + "}");
  const std::int64_t other = Create(c, "/api/v1/people", R"({"first_name": "Olga", "last_name": "Witness"})");
  const std::int64_t shared =
      Create(c, "/api/v1/interactions",
             R"({"channel": "meeting", "participants": [)" + p + ", " + std::to_string(other) +
                 R"(], "summary": "Lunch with Zebulon Quaxmire and Olga Witness"})");
  HttpResponse staged = c.Send("PATCH", "/api/v1/people/" + p,
                               R"({"lifecycle_stage": "customer", "stage_reason": "Zebulon Quaxmire signed"})");
  ASSERT_EQ(staged.status, 200) << staged.body;
  ASSERT_EQ(Count(c, "/api/v1/search?q=quaxmire"), 2u);  // the person and the project

  // The export holds all of it.
  HttpResponse exported = c.Send("GET", "/api/v1/people/" + p + "/export");
  ASSERT_EQ(exported.status, 200) << exported.body;
  bj::object doc = Body(exported).as_object();
  EXPECT_EQ(doc.at("person").at("email"), "zebulon.quaxmire@erasure.example");
  for (const char* member : {"addresses", "notes", "tasks", "consents", "affiliations", "merges"}) {
    EXPECT_EQ(doc.at(member).as_array().size(), 1u) << member;
  }
  EXPECT_EQ(doc.at("interactions").as_array().size(), 2u);
  EXPECT_GE(doc.at("stage_changes").as_array().size(), 1u);
  EXPECT_EQ(doc.at("affiliations").at(0).at("organization_name"), "Erasure Testing GmbH");
  EXPECT_EQ(doc.at("merges").at(0).at("merged_record").at("email"), "zq.second@erasure.example");

  const std::size_t phone_calls = Count(c, "/api/v1/interactions?filter=channel%20%3D%20%27phone%27");
  const std::size_t meetings = Count(c, "/api/v1/interactions?filter=channel%20%3D%20%27meeting%27");
  std::vector<std::string> before = Scan(db);
  for (const std::string& n : kNeedles) {
    EXPECT_TRUE(std::any_of(before.begin(), before.end(), [&](const std::string& f) { return f.starts_with(n + " "); }))
        << "the scan does not find " << n << " before the erasure, so it proves nothing";
  }

  HttpResponse erased = c.Send("POST", "/api/v1/people/" + p + "/erase", R"({"reason": "request 2026-17"})");
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_EQ(Body(erased).at("merged_people").as_array().size(), 1u) << erased.body;

  EXPECT_EQ(c.Send("GET", "/api/v1/people/" + p).status, 404);
  EXPECT_EQ(c.Send("GET", "/api/v1/people/" + p + "/export").status, 404);
  EXPECT_EQ(Count(c, "/api/v1/search?q=quaxmire"), 0u);
  // Anonymous aggregates stay: the interactions, counted by channel; the other participant keeps theirs.
  EXPECT_EQ(Count(c, "/api/v1/interactions?filter=channel%20%3D%20%27phone%27"), phone_calls);
  EXPECT_EQ(Count(c, "/api/v1/interactions?filter=channel%20%3D%20%27meeting%27"), meetings);
  bj::value rollout = Body(c.Send("GET", "/api/v1/objects/project/" + std::to_string(project)));
  EXPECT_TRUE(rollout.at("client").is_null()) << rollout;
  EXPECT_EQ(Count(c, "/api/v1/search?q=rollout"), 1u);  // still found by its own name
  bj::value lunch = Body(c.Send("GET", "/api/v1/interactions/" + std::to_string(shared)));
  EXPECT_EQ(lunch.at("participants"), (bj::array{other})) << lunch;
  EXPECT_EQ(lunch.at("summary"), "Lunch with [erased] and Olga Witness") << lunch;

  if (kind == TestDatabase::Kind::kPostgres) {  // the event says who, by id only
    PGconn* conn = PQconnectdb(db.url().c_str());
    PGresult* res = PQexec(conn, "SELECT aggregate_id, payload FROM outbox WHERE topic = 'person.erased'");
    ASSERT_EQ(PQresultStatus(res), PGRES_TUPLES_OK) << PQerrorMessage(conn);
    ASSERT_EQ(PQntuples(res), 1);
    EXPECT_EQ(std::string(PQgetvalue(res, 0, 0)), p);
    EXPECT_EQ(bj::parse(PQgetvalue(res, 0, 1)), (bj::object{{"id", id}}));
    PQclear(res);
    PQfinish(conn);
  }
  std::vector<std::string> after = Scan(db);
  EXPECT_TRUE(after.empty()) << "still held after the erasure: " << Joined(after);
  if (kind == TestDatabase::Kind::kSqlite) {  // and once the server has closed the file
    server.Signal(SIGTERM);
    ASSERT_TRUE(server.Wait(std::chrono::seconds(30)).has_value());
    after = Scan(db);
    EXPECT_TRUE(after.empty()) << "still held after the server closed: " << Joined(after);
  }
}

TEST(ErasureTest, NothingOfThePersonIsLeftOnSqlite) { EraseEverywhere(TestDatabase::Kind::kSqlite); }

TEST(ErasureTest, NothingOfThePersonIsLeftOnPostgres) {
  if (TestDatabase::PostgresAdminUrl().empty()) GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
  EraseEverywhere(TestDatabase::Kind::kPostgres);
}

}  // namespace
}  // namespace rapport::testing
