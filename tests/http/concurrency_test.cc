// Concurrent writers over real HTTP against an in-process server, on SQLite and PostgreSQL: a PATCH
// pair never loses an update, If-Match lets exactly one of racing writers win, and a repeated
// Idempotency-Key creates one record even when the repeats race.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <algorithm>
#include <atomic>
#include <thread>

#include "tests/support/in_process_server.h"

namespace rapport {
namespace {

namespace bj = boost::json;
using testing::HttpClient;
using testing::TestDatabase;

class ConcurrencyTest : public ::testing::TestWithParam<TestDatabase::Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == TestDatabase::Kind::kPostgres && TestDatabase::PostgresAdminUrl().empty()) {
      GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
    }
    std::string failure = server_.Start(GetParam());
    ASSERT_TRUE(failure.empty()) << failure;
  }

  HttpClient Client() {
    return HttpClient("127.0.0.1", server_.application().port(), std::chrono::seconds(10),
                      testing::AuthHeaders(server_.admin()));
  }

  testing::InProcessServer server_;
};

TEST_P(ConcurrencyTest, ConcurrentPatchesOfDifferentFieldsAreAllKept) {
  HttpClient client = Client();
  auto created = client.Send("POST", "/api/v1/people", R"({"first_name": "Base"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = bj::parse(created.body).at("id").as_int64();
  const std::vector<std::string> fields = {"first_name", "last_name", "job_title", "language", "time_zone", "stage_reason"};
  constexpr int kRounds = 15;
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (const std::string& field : fields) {
    writers.emplace_back([&, field] {
      HttpClient c = Client();
      for (int i = 0; i < kRounds; ++i) {
        auto r = c.Send("PATCH", "/api/v1/people/" + std::to_string(id),
                        bj::serialize(bj::object{{field, field + "-" + std::to_string(i)}}));
        if (r.status != 200) {
          ++failures;
          ADD_FAILURE() << field << " round " << i << ": " << r.status << " " << r.body;
        }
      }
    });
  }
  for (std::thread& t : writers) t.join();
  ASSERT_EQ(failures.load(), 0);
  auto got = client.Send("GET", "/api/v1/people/" + std::to_string(id));
  ASSERT_EQ(got.status, 200);
  bj::object person = bj::parse(got.body).as_object();
  for (const std::string& field : fields) {
    EXPECT_EQ(person.at(field).as_string(), field + "-" + std::to_string(kRounds - 1)) << field;
  }
  EXPECT_EQ(person.at("version").as_int64(), 1 + static_cast<std::int64_t>(fields.size()) * kRounds);
}

TEST_P(ConcurrencyTest, IfMatchLetsExactlyOneRacingWriterWin) {
  HttpClient client = Client();
  auto created = client.Send("POST", "/api/v1/organizations", R"({"name": "Race"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/organizations/" + std::to_string(bj::parse(created.body).at("id").as_int64());
  constexpr int kWriters = 8;
  std::atomic<int> won{0}, stale{0}, other{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      HttpClient c = Client();
      auto r = c.Send("PATCH", path, bj::serialize(bj::object{{"industry", "writer " + std::to_string(w)}}),
                      {{"If-Match", "\"1\""}});
      (r.status == 200 ? won : r.status == 412 ? stale : other)++;
    });
  }
  for (std::thread& t : writers) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(stale.load(), kWriters - 1);
  EXPECT_EQ(other.load(), 0);
  auto got = client.Send("GET", path);
  EXPECT_EQ(bj::parse(got.body).at("version").as_int64(), 2);
}

TEST_P(ConcurrencyTest, RacingRepeatsOfAnIdempotencyKeyCreateOneRecord) {
  constexpr int kClients = 6;
  std::vector<std::int64_t> ids(kClients, 0);
  std::vector<int> statuses(kClients, 0);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      HttpClient c = Client();
      auto r = c.Send("POST", "/api/v1/organizations", R"({"name": "Once Ltd"})", {{"Idempotency-Key", "race-1"}});
      statuses[i] = r.status;
      if (r.status == 201) ids[i] = bj::parse(r.body).at("id").as_int64();
    });
  }
  for (std::thread& t : clients) t.join();
  for (int i = 0; i < kClients; ++i) {
    // A repeat that arrives while the first is still in flight may be told to retry (503).
    EXPECT_TRUE(statuses[i] == 201 || statuses[i] == 503) << statuses[i];
    if (statuses[i] == 201) {
      EXPECT_EQ(ids[i], *std::max_element(ids.begin(), ids.end()));
    }
  }
  HttpClient client = Client();
  auto list = client.Send("GET", "/api/v1/organizations?filter=name%20%3D%20%27Once%20Ltd%27");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(bj::parse(list.body).at("data").as_array().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Stores, ConcurrencyTest,
                         ::testing::Values(TestDatabase::Kind::kSqlite, TestDatabase::Kind::kPostgres),
                         [](const auto& info) { return info.param == TestDatabase::Kind::kSqlite ? "sqlite" : "pg"; });

}  // namespace
}  // namespace rapport
