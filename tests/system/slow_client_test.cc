// Slow clients (issue 5, abuse limits): a request that has begun must arrive whole within the read
// timeout, however its bytes trickle in, or the server closes the connection (Beast's tcp_stream
// closes the socket when its timer fires, so there is no 408 to send); stalled connections never
// keep other clients from being served.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/raw_connection.h"
#include "tests/support/rapport_server.h"
#include "tests/support/test_database.h"

namespace rapport::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(SlowClientTest, ARequestThatTricklesInIsCutOffAndOthersAreServedMeanwhile) {
  TestDatabase db(TestDatabase::Kind::kSqlite);
  TempDir tmp;
  RapportServer server(RAPPORT_BINARY, db.url(), tmp.File("server.log"), {"--read-timeout", "1000"});
  ASSERT_TRUE(server.Start()) << "the server did not start" << server.LogTail();

  // Forty connections that send half a request line and stall.
  std::vector<std::unique_ptr<RawConnection>> stalled;
  for (int i = 0; i < 40; ++i) {
    auto c = std::make_unique<RawConnection>();
    ASSERT_TRUE(c->Connect(server.port()));
    ASSERT_TRUE(c->Write("GET /api/v1/peo"));
    stalled.push_back(std::move(c));
  }
  // One that keeps sending a header byte every 100 ms: steady, but never done.
  RawConnection trickle;
  ASSERT_TRUE(trickle.Connect(server.port()));
  ASSERT_TRUE(trickle.Write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
  const auto began = Clock::now();
  std::thread dripper([&] {
    for (int i = 0; i < 40; ++i) {
      if (!trickle.Write("a")) return;  // cut off
      std::this_thread::sleep_for(100ms);
    }
  });

  // Meanwhile an ordinary client is served at once.
  HttpClient ordinary("127.0.0.1", server.port(), 5s);
  for (int i = 0; i < 5; ++i) {
    auto start = Clock::now();
    HttpResponse r = ordinary.Send("GET", "/healthz");
    EXPECT_EQ(r.status, 200) << r.error << server.LogTail();
    EXPECT_LT(Clock::now() - start, 500ms) << "a stalled connection held up another client";
  }

  std::string answer = trickle.ReadUntilClosed(6s);
  const auto took = Clock::now() - began;
  dripper.join();
  EXPECT_EQ(answer, "") << "a request that never ended was answered";
  EXPECT_TRUE(trickle.closed()) << "the trickling connection was left open";
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 4s) << "the trickle kept its connection past the read timeout";

  // The stalled ones are closed too (by now: they began before the trickle), and the server still serves.
  for (auto& c : stalled) {
    EXPECT_EQ(c->ReadUntilClosed(2s), "");
    EXPECT_TRUE(c->closed()) << "a stalled connection was left open";
  }
  EXPECT_EQ(ordinary.Send("GET", "/healthz").status, 200) << server.LogTail();
  EXPECT_TRUE(server.running()) << server.LogTail();
}

}  // namespace
}  // namespace rapport::testing
