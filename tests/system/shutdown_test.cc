// SIGTERM drains: the server stops accepting, lets a request in flight finish (even one whose body
// is still arriving), closes idle keep-alive connections at once, and exits 0 well within the grace.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/raw_connection.h"
#include "tests/support/rapport_server.h"
#include "tests/support/test_database.h"

namespace rapport::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The server's shutdown grace (ServerOptions::shutdown_grace); draining must not need it all.
constexpr auto kGrace = 4000ms;

// Polls until a new connection is refused or gets no answer: the server has stopped accepting.
bool WaitUntilRefusing(std::uint16_t port, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    HttpClient probe("127.0.0.1", port, 1000ms);
    if (probe.Send("GET", "/healthz").status == 0) return true;
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

TEST(ShutdownTest, SigtermLetsARequestInFlightFinish) {
  TestDatabase db(TestDatabase::Kind::kSqlite);
  TempDir tmp;
  RapportServer server(RAPPORT_BINARY, db.url(), tmp.File("server.log"));
  ASSERT_TRUE(server.Start()) << "the server did not start" << server.LogTail();

  // Headers and half the body of a POST; the server reads them and waits for the rest.
  const std::string body = R"({"name": "written across a shutdown", "description": "the second half comes late"})";
  std::string head = "POST /api/v1/tags HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Content-Length: " + std::to_string(body.size()) + "\r\n";
  const HttpClient::Headers session = server.SignIn();
  ASSERT_FALSE(session.empty()) << "cannot sign in" << server.LogTail();
  for (const auto& [name, value] : session) head += name + ": " + value + "\r\n";
  head += "\r\n";
  const std::size_t half = body.size() / 2;
  RawConnection slow;
  ASSERT_TRUE(slow.Connect(server.port()));
  ASSERT_TRUE(slow.Write(head + body.substr(0, half)));

  // Load on other connections while the server shuts down.
  Process wrk({"wrk", "-t2", "-c32", "-d10s", "http://127.0.0.1:" + std::to_string(server.port()) + "/healthz"}, {},
              tmp.File("wrk.log"));
  std::this_thread::sleep_for(1s);  // the scenario: SIGTERM about a second into the load
  ASSERT_TRUE(server.running()) << server.LogTail();

  auto sigterm = Clock::now();
  server.Signal(SIGTERM);
  // The request must still be in flight when draining has begun: wait until new connections are
  // refused before sending the rest of the body.
  ASSERT_TRUE(WaitUntilRefusing(server.port(), 2000ms)) << "still accepting 2 s after SIGTERM" << server.LogTail();
  ASSERT_TRUE(slow.Write(body.substr(half))) << "the connection with the request in flight was closed"
                                             << server.LogTail();
  std::string answer = slow.ReadUntilClosed(5000ms);

  std::optional<int> status = server.Wait(std::chrono::duration_cast<std::chrono::milliseconds>(
      sigterm + 5s - Clock::now()));
  auto took = Clock::now() - sigterm;
  wrk.Signal(SIGKILL);
  wrk.Wait(5s);

  EXPECT_TRUE(answer.starts_with("HTTP/1.1 201"))
      << "the request in flight got: " << (answer.empty() ? "(nothing)" : answer)
                                                  << server.LogTail();
  EXPECT_NE(answer.find("written across a shutdown"), std::string::npos) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << "a draining server must close: " << answer;
  ASSERT_EQ(status, std::optional<int>(0)) << "no clean exit within 5 s of SIGTERM" << server.LogTail();
  EXPECT_LT(took, kGrace) << "draining took the whole grace" << server.LogTail();
  EXPECT_FALSE(FileContains(server.log_file(), "shutdown grace over")) << server.LogTail();
}

TEST(ShutdownTest, IdleKeepAliveConnectionDoesNotHoldTheShutdown) {
  TestDatabase db(TestDatabase::Kind::kSqlite);
  TempDir tmp;
  RapportServer server(RAPPORT_BINARY, db.url(), tmp.File("server.log"));
  ASSERT_TRUE(server.Start()) << "the server did not start" << server.LogTail();

  HttpClient idle("127.0.0.1", server.port(), 5s);
  HttpResponse res = idle.Send("GET", "/healthz");
  ASSERT_EQ(res.status, 200) << res.error << server.LogTail();
  ASSERT_NE(res.Header("connection"), "close");  // the connection stays open, idle

  auto sigterm = Clock::now();
  server.Signal(SIGTERM);
  std::optional<int> status = server.Wait(5s);
  auto took = Clock::now() - sigterm;
  ASSERT_EQ(status, std::optional<int>(0)) << "no clean exit within 5 s of SIGTERM" << server.LogTail();
  // Waiting out the grace for the idle connection would still be within 5 s: make sure it was not.
  EXPECT_LT(took, kGrace) << "the idle connection held the shutdown" << server.LogTail();
  EXPECT_FALSE(FileContains(server.log_file(), "shutdown grace over")) << server.LogTail();
}

}  // namespace
}  // namespace rapport::testing
