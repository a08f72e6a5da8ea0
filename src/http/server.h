// The HTTP/1.1 listener: one io_context per thread, connections spread over them round robin, so
// a connection lives on one thread and its session needs no locks. Stop() drains: it stops
// accepting, closes idle keep-alive connections, lets requests in flight finish, then returns
// from Run(). Thread-safe: Stop() may be called from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "http/dispatcher.h"

namespace rapport::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port (tests)
  int threads = 0;            // 0: one per core
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 16 << 10;
  std::chrono::milliseconds read_timeout{30000};   // to read one request once it has begun
  std::chrono::milliseconds idle_timeout{75000};   // between requests on a keep-alive connection
  std::chrono::milliseconds shutdown_grace{4000};  // for requests in flight after Stop()
};

struct SessionState;

class Server {
 public:
  Server(ServerOptions options, Dispatcher& dispatcher);
  ~Server();

  // Binds and listens. Throws std::system_error when the address cannot be bound (startup failure).
  void Listen();
  std::uint16_t port() const { return port_; }

  // Serves until Stop() has drained; blocks the calling thread, which becomes one of the I/O threads.
  void Run();

  void Stop();
  bool stopping() const { return stopping_.load(std::memory_order_relaxed); }

  // Session bookkeeping, used by session.cc.
  void Register(const std::shared_ptr<SessionState>& state);
  void Unregister(const std::shared_ptr<SessionState>& state);
  const ServerOptions& options() const { return options_; }
  Dispatcher& dispatcher() { return dispatcher_; }

 private:
  boost::asio::awaitable<void> Accept();
  void Drain(std::chrono::steady_clock::time_point deadline);

  ServerOptions options_;
  Dispatcher& dispatcher_;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guards_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::unordered_set<std::shared_ptr<SessionState>> sessions_;  // GUARDED_BY(mu_)
};

}  // namespace rapport::http
