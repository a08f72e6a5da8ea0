// A PostgreSQL outage gives 503 problem+json (never a 500, never a crash), and the server recovers
// by itself when the database comes back. Uses a cluster of its own, since it stops it.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/rapport_server.h"

namespace rapport::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const std::string kClusterScript = RAPPORT_SOURCE_DIR "/scripts/pg_cluster.sh";

// A throwaway cluster made by scripts/pg_cluster.sh in `dir`; destroyed when the guard goes away,
// whatever happened in between.
class ClusterGuard {
 public:
  ClusterGuard(std::string dir, std::string log_file) : dir_(std::move(dir)), log_file_(std::move(log_file)) {}
  ~ClusterGuard() {
    if (made_) Run("destroy");
  }
  ClusterGuard(const ClusterGuard&) = delete;
  ClusterGuard& operator=(const ClusterGuard&) = delete;

  // The exit status of `pg_cluster.sh <command> DIR`; its output is appended to the log file.
  int Run(const std::string& command) {
    if (command == "start") made_ = true;  // a half-made cluster is destroyed too
    return RunCommand({"bash", kClusterScript, command, dir_}, log_file_);
  }
  std::string Url() const {
    std::string url = TailOfFile(dir_ + "/url", 1000);
    while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
    return url;
  }
  std::string LogTail() const { return "\n--- tail of " + log_file_ + " ---\n" + TailOfFile(log_file_, 3000); }

 private:
  std::string dir_;
  std::string log_file_;
  bool made_ = false;
};

enum Endpoint { kReady, kGetTag, kPostTag, kEndpoints };
constexpr std::array<const char*, kEndpoints> kEndpointNames = {"GET /readyz", "GET /api/v1/tags/{id}",
                                                                "POST /api/v1/tags"};
constexpr std::array<int, kEndpoints> kSuccess = {200, 200, 201};

// What the client threads saw. A request counts for a phase only if it was sent after the phase
// began, so that answers to requests sent before the switch do not blur the picture.
class Observations {
 public:
  void Record(Endpoint e, Clock::time_point sent, const HttpResponse& res) {
    std::lock_guard lock(mu_);
    if (res.status >= 500 && res.status != 503) bad_.emplace(std::string(kEndpointNames[e]) + " -> " +
                                                                 std::to_string(res.status), res.body);
    if (res.status == 0) bad_.emplace(std::string(kEndpointNames[e]) + " -> no answer", res.error);
    if (sent < phase_start_) return;
    bool problem_json = res.Header("content-type").starts_with("application/problem+json");
    if (res.status == 503 && problem_json) unavailable_[e] = true;
    if (res.status == 503 && !problem_json) bad_.emplace(std::string(kEndpointNames[e]) + " -> 503 as " +
                                                             res.Header("content-type"), res.body);
    if (res.status == kSuccess[e]) succeeded_[e] = true;
    ++answers_[e][res.status];
  }

  // Starts a new phase: from now on, only requests sent from now on count.
  void NewPhase() {
    std::lock_guard lock(mu_);
    phase_start_ = Clock::now();
    unavailable_ = {};
    succeeded_ = {};
    answers_ = {};
  }

  bool AllUnavailable() {
    std::lock_guard lock(mu_);
    return unavailable_[kReady] && unavailable_[kGetTag] && unavailable_[kPostTag];
  }
  bool AllSucceeded() {
    std::lock_guard lock(mu_);
    return succeeded_[kReady] && succeeded_[kGetTag] && succeeded_[kPostTag];
  }
  // Statuses seen in this phase, per endpoint: "GET /readyz: 200 x12, 503 x3; ...".
  std::string Summary() {
    std::lock_guard lock(mu_);
    std::string out;
    for (int e = 0; e < kEndpoints; ++e) {
      out += kEndpointNames[e];
      out += ":";
      for (const auto& [status, n] : answers_[e]) {
        out += " ";
        out += std::to_string(status);
        out += " x";
        out += std::to_string(n);
      }
      out += "; ";
    }
    return out;
  }
  std::map<std::string, std::string> Bad() {
    std::lock_guard lock(mu_);
    return bad_;
  }

 private:
  std::mutex mu_;
  Clock::time_point phase_start_ = Clock::now();
  std::array<bool, kEndpoints> unavailable_{};
  std::array<bool, kEndpoints> succeeded_{};
  std::array<std::map<int, int>, kEndpoints> answers_{};
  std::map<std::string, std::string> bad_;  // what should never happen -> an example body
};

// Polls `done` every 20 ms until it holds or `timeout` passes.
template <typename F>
bool WaitFor(F done, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

TEST(PgOutageTest, OutageGives503AndRecoversWithoutRestart) {
  TempDir tmp;
  ClusterGuard cluster(tmp.File("cluster"), tmp.File("pg_cluster.log"));
  if (int rc = cluster.Run("start"); rc != 0) {
    std::string why = cluster.LogTail();
    std::cout << "pg_cluster.sh start failed with " << rc << why << "\n";
    GTEST_SKIP() << "cannot install or start PostgreSQL (pg_cluster.sh start exited " << rc << ")" << why;
  }
  const std::string url = cluster.Url();
  ASSERT_TRUE(url.starts_with("postgresql://")) << "no URL from pg_cluster.sh: " << url << cluster.LogTail();

  RapportServer server(RAPPORT_BINARY, url, tmp.File("server.log"));
  ASSERT_TRUE(server.Start()) << "the server did not start" << server.LogTail();
  const pid_t pid = server.pid();

  const HttpClient::Headers session = server.SignIn();
  ASSERT_FALSE(session.empty()) << "cannot sign in" << server.LogTail();
  HttpClient seed_client("127.0.0.1", server.port(), 10s, session);
  HttpResponse seed = seed_client.Send("POST", "/api/v1/tags", R"({"name": "survives the outage"})");
  ASSERT_EQ(seed.status, 201) << seed.body << server.LogTail();
  boost::system::error_code ec;
  boost::json::value seed_json = boost::json::parse(seed.body, ec);
  ASSERT_FALSE(ec) << seed.body;
  const std::string tag_path = "/api/v1/tags/" + std::to_string(seed_json.at("id").as_int64());

  Observations seen;
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < 3; ++c) {
    clients.emplace_back([&, c] {
      HttpClient client("127.0.0.1", server.port(), 15s, session);
      for (int i = 0; !stop.load(); ++i) {
        auto sent = Clock::now();
        seen.Record(kReady, sent, client.Send("GET", "/readyz"));
        sent = Clock::now();
        seen.Record(kGetTag, sent, client.Send("GET", tag_path));
        sent = Clock::now();
        std::string body = R"({"name": "outage-)" + std::to_string(c) + "-" + std::to_string(i) + R"("})";
        seen.Record(kPostTag, sent, client.Send("POST", "/api/v1/tags", body));
        std::this_thread::sleep_for(5ms);  // keep the load light: this is about answers, not speed
      }
    });
  }
  // The threads stop and join on every way out of the test.
  struct Joiner {
    std::atomic<bool>& stop;
    std::vector<std::thread>& threads;
    ~Joiner() {
      stop = true;
      for (auto& t : threads) t.join();
    }
  } joiner{stop, clients};

  // Healthy first.
  EXPECT_TRUE(WaitFor([&] { return seen.AllSucceeded(); }, 10s)) << "before the outage: " << seen.Summary()
                                                                  << server.LogTail();

  // Outage.
  ASSERT_EQ(cluster.Run("stop"), 0) << cluster.LogTail();
  seen.NewPhase();
  auto outage = Clock::now();
  EXPECT_TRUE(WaitFor([&] { return seen.AllUnavailable(); }, 10s))
      << "during the outage: " << seen.Summary() << server.LogTail();
  std::cout << "all endpoints answered 503 "
            << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - outage).count()
            << " ms into the outage\n";
  std::this_thread::sleep_for(500ms);  // a little longer in the outage, to see that it stays well-behaved
  ASSERT_TRUE(server.running()) << "the server died in the outage" << server.LogTail();
  std::string during = seen.Summary();

  // Recovery, without touching the server.
  ASSERT_EQ(cluster.Run("restart-server"), 0) << cluster.LogTail();
  seen.NewPhase();
  auto back = Clock::now();
  EXPECT_TRUE(WaitFor([&] { return seen.AllSucceeded(); }, 10s))
      << "after the database came back: " << seen.Summary() << server.LogTail();
  std::cout << "all endpoints succeeded again "
            << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - back).count()
            << " ms after the database came back\n";
  std::cout << "during the outage: " << during << "\n";
  EXPECT_TRUE(server.running()) << server.LogTail();
  EXPECT_EQ(server.pid(), pid);

  stop = true;
  for (auto& t : clients) t.join();
  clients.clear();
  for (const auto& [what, example] : seen.Bad()) {
    ADD_FAILURE() << "never expected: " << what << ": " << example << server.LogTail(1500);
  }
  HttpResponse kept = seed_client.Send("GET", tag_path);
  EXPECT_EQ(kept.status, 200) << kept.body << kept.error;
}

}  // namespace
}  // namespace rapport::testing
