// One HTTP/1.1 connection: a coroutine loop that reads a request (with timeouts and size limits),
// has the dispatcher answer it, writes the answer, and repeats while keep-alive lasts.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace rapport::http {

class Server;

// Shared between a session and the server's registry; touched only on the session's thread.
struct SessionState {
  boost::asio::any_io_executor executor;       // the session's thread; set once, before Register
  boost::beast::tcp_stream* stream = nullptr;  // null once the session has ended
  bool idle = true;                             // waiting for the first byte of a request
};

boost::asio::awaitable<void> RunSession(boost::asio::ip::tcp::socket socket, Server& server);

}  // namespace rapport::http
