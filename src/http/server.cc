#include "http/server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/logging.h"
#include "http/session.h"

namespace rapport::http {

namespace asio = boost::asio;
using asio::ip::tcp;

Server::Server(ServerOptions options, Dispatcher& dispatcher) : options_(std::move(options)), dispatcher_(dispatcher) {
  int threads = options_.threads > 0 ? options_.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 0; i < threads; ++i) {
    // Concurrency hint 1: each context is run by exactly one thread, so Asio can skip its locks.
    contexts_.push_back(std::make_unique<asio::io_context>(1));
    guards_.push_back(asio::make_work_guard(*contexts_.back()));
  }
}

Server::~Server() = default;

void Server::Listen() {
  tcp::endpoint endpoint(asio::ip::make_address(options_.host), options_.port);
  acceptor_ = std::make_unique<tcp::acceptor>(*contexts_[0]);
  acceptor_->open(endpoint.protocol());
  acceptor_->set_option(asio::socket_base::reuse_address(true));
  acceptor_->bind(endpoint);
  acceptor_->listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_->local_endpoint().port();
}

asio::awaitable<void> Server::Accept() {
  std::size_t next = 0;
  while (!stopping()) {
    asio::io_context& ctx = *contexts_[next++ % contexts_.size()];
    auto [ec, socket] = co_await acceptor_->async_accept(ctx, asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (ec == asio::error::operation_aborted || stopping()) break;
      // Out of file descriptors and the like: say so, breathe, go on accepting.
      logging::Warn("accept failed", {{"error", ec.message()}});
      asio::steady_timer pause(*contexts_[0], std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::use_awaitable);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(ctx, RunSession(std::move(socket), *this), asio::detached);
  }
}

void Server::Run() {
  asio::co_spawn(*contexts_[0], Accept(), asio::detached);
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < contexts_.size(); ++i) {
    threads.emplace_back([ctx = contexts_[i].get()] { ctx->run(); });
  }
  contexts_[0]->run();
  for (auto& t : threads) t.join();
}

void Server::Stop() {
  if (stopping_.exchange(true)) return;
  auto deadline = std::chrono::steady_clock::now() + options_.shutdown_grace;
  asio::post(*contexts_[0], [this, deadline] {
    boost::system::error_code ec;
    acceptor_->close(ec);
    std::vector<std::shared_ptr<SessionState>> sessions;
    {
      std::lock_guard lock(mu_);
      sessions.assign(sessions_.begin(), sessions_.end());
    }
    // Each session's state is touched only on its own thread: ask that thread to close it if idle.
    for (auto& state : sessions) {
      asio::post(state->executor, [state] {
        if (state->stream == nullptr || !state->idle) return;
        // Bytes of a next request that arrived before we got here are answered, not dropped.
        boost::system::error_code ec;
        if (state->stream->socket().available(ec) > 0 && !ec) return;
        state->stream->close();
      });
    }
    Drain(deadline);
  });
}

void Server::Drain(std::chrono::steady_clock::time_point deadline) {
  std::size_t open;
  {
    std::lock_guard lock(mu_);
    open = sessions_.size();
  }
  if (open > 0 && std::chrono::steady_clock::now() < deadline) {
    auto timer = std::make_shared<asio::steady_timer>(*contexts_[0], std::chrono::milliseconds(10));
    timer->async_wait([this, timer, deadline](const boost::system::error_code&) { Drain(deadline); });
    return;
  }
  if (open > 0) logging::Warn("shutdown grace over; closing connections", {{"open", open}});
  for (auto& guard : guards_) guard.reset();
  for (auto& ctx : contexts_) ctx->stop();
}

void Server::Register(const std::shared_ptr<SessionState>& state) {
  std::lock_guard lock(mu_);
  sessions_.insert(state);
}

void Server::Unregister(const std::shared_ptr<SessionState>& state) {
  std::lock_guard lock(mu_);
  sessions_.erase(state);
}

}  // namespace rapport::http
