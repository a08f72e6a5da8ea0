// kill -9 loses nothing acknowledged: every tag the server answered 201 for is there after a
// SIGKILL in the middle of a write storm and a restart on the same database. SQLite runs with its
// default durability (WAL, synchronous=NORMAL), which survives a process crash.

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/rapport_server.h"
#include "tests/support/test_database.h"

namespace rapport::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kWriters = 4;
constexpr std::size_t kMinAcknowledged = 100;

struct Acknowledged {
  std::int64_t id;
  std::string name;
};

// The "id" of a tag in a JSON body, or -1 when the body is not one.
std::int64_t TagId(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("id") || !v.as_object().at("id").is_int64()) return -1;
  return v.as_object().at("id").as_int64();
}

std::string TagName(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("name") || !v.as_object().at("name").is_string()) return {};
  return std::string(v.as_object().at("name").as_string());
}

std::string RunTag() {
  std::random_device rd;
  return std::to_string(std::uniform_int_distribution<std::uint32_t>(0, 0xFFFFFFF)(rd));
}

void KillNineLosesNothingAcknowledged(TestDatabase::Kind kind) {
  TestDatabase db(kind);
  TempDir tmp;
  RapportServer first(RAPPORT_BINARY, db.url(), tmp.File("first.log"));
  ASSERT_TRUE(first.Start()) << "the server did not start" << first.LogTail();
  const HttpClient::Headers session = first.SignIn();
  ASSERT_FALSE(session.empty()) << "cannot sign in" << first.LogTail();

  std::mutex mu;
  std::vector<Acknowledged> acknowledged;  // GUARDED_BY(mu)
  std::map<int, std::string> unexpected;   // status -> an example body, before the kill; GUARDED_BY(mu)
  std::atomic<bool> killed{false};
  std::atomic<bool> stop{false};
  std::atomic<std::size_t> count{0};
  const std::string run = RunTag();

  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      HttpClient client("127.0.0.1", first.port(), 5s, session);
      for (int i = 0; !stop.load(); ++i) {
        std::string name = "crash-" + run + "-" + std::to_string(w) + "-" + std::to_string(i);
        bool before_kill = !killed.load();
        std::string body = boost::json::serialize(boost::json::object{{"name", name}});
        HttpResponse res = client.Send("POST", "/api/v1/tags", body);
        std::int64_t id = res.status == 201 ? TagId(res.body) : -1;
        if (id >= 0) {
          std::lock_guard lock(mu);
          acknowledged.push_back({id, name});
          count.fetch_add(1);
        } else if (before_kill && !killed.load()) {
          std::lock_guard lock(mu);
          unexpected.emplace(res.status, res.status == 0 ? res.error : res.body);
        } else if (res.status == 0) {
          // The server is gone: nothing more to send, but keep the loop bounded by `stop`.
          std::this_thread::sleep_for(5ms);
        }
      }
    });
  }

  // Let the writers run for ~1.5 s, and until enough writes are acknowledged that the check means
  // something; then kill the server while writes are in flight.
  auto started = std::chrono::steady_clock::now();
  auto deadline = started + 30s;
  while (std::chrono::steady_clock::now() < deadline &&
         (std::chrono::steady_clock::now() - started < 1500ms || count.load() < 2 * kMinAcknowledged)) {
    std::this_thread::sleep_for(10ms);
  }
  killed = true;
  first.Signal(SIGKILL);
  std::optional<int> status = first.Wait(10s);
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_EQ(status, std::optional<int>(128 + SIGKILL)) << first.LogTail();

  {
    std::lock_guard lock(mu);
    for (const auto& [code, example] : unexpected) {
      ADD_FAILURE() << "before the kill, a POST got " << code << ": " << example;
    }
  }
  ASSERT_GT(acknowledged.size(), kMinAcknowledged) << "too few writes to mean anything" << first.LogTail();

  RapportServer second(RAPPORT_BINARY, db.url(), tmp.File("second.log"));
  ASSERT_TRUE(second.Start()) << "the server did not restart on the same database" << second.LogTail()
                              << first.LogTail();
  // The session of the killed server still works: sessions live in the database.
  HttpClient client("127.0.0.1", second.port(), 10s, session);
  std::size_t lost = 0;
  for (const auto& ack : acknowledged) {
    HttpResponse res = client.Send("GET", "/api/v1/tags/" + std::to_string(ack.id));
    std::string name = res.status == 200 ? TagName(res.body) : std::string();
    if (res.status != 200 || name != ack.name) {
      if (++lost <= 10) {
        ADD_FAILURE() << "acknowledged tag " << ack.id << " (" << ack.name << ") after the restart: " << res.status
                      << " " << res.body << res.error;
      }
    }
  }
  EXPECT_EQ(lost, 0u) << "of " << acknowledged.size() << " acknowledged tags" << second.LogTail();
  std::cout << "acknowledged " << acknowledged.size() << " tags before the kill; " << lost << " lost\n";
}

TEST(CrashTest, KillNineLosesNothingAcknowledgedOnSqlite) {
  KillNineLosesNothingAcknowledged(TestDatabase::Kind::kSqlite);
}

TEST(CrashTest, KillNineLosesNothingAcknowledgedOnPostgres) {
  if (TestDatabase::PostgresAdminUrl().empty()) GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
  KillNineLosesNothingAcknowledged(TestDatabase::Kind::kPostgres);
}

}  // namespace
}  // namespace rapport::testing
