#include "http/session.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "common/logging.h"
#include "http/server.h"

namespace rapport::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// The size of a request's start line and header fields as sent.
std::size_t HeaderBytes(const Request& request) {
  std::size_t bytes = request.method_string().size() + request.target().size() + 12;  // " HTTP/1.1\r\n"
  for (const auto& field : request) bytes += field.name_string().size() + field.value().size() + 4;  // ": " CRLF
  return bytes;
}

// The answer to a request that could not be read, or nullopt when the peer just went away.
std::optional<Response> ReadFailure(Server& server, const beast::error_code& ec, const asio::ip::address& remote) {
  Dispatcher& d = server.dispatcher();
  if (ec == bhttp::error::body_limit) {
    return d.Reject(Error{ErrorCode::kPayloadTooLarge,
                          "the request body is larger than " + std::to_string(server.options().body_limit) + " bytes",
                          {}},
                    bhttp::status::payload_too_large, 11, remote);
  }
  if (ec == bhttp::error::header_limit) {
    return d.Reject(Error{ErrorCode::kInvalidArgument, "the request headers are too large", {}},
                    bhttp::status::request_header_fields_too_large, 11, remote);
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
      ec != bhttp::error::end_of_stream &&
      ec != bhttp::error::partial_message) {
    return d.Reject(Error{ErrorCode::kInvalidArgument, "malformed HTTP request: " + ec.message(), {}},
                    bhttp::status::bad_request, 11, remote);
  }
  return std::nullopt;  // closed, reset or timed out: nobody to answer
}

// Writes `response` as the head of a chunked body and then each chunk of `body`; false when the
// connection is to be closed (a write failed, or the body ended in an error and is cut short).
asio::awaitable<bool> WriteStreamed(beast::tcp_stream& stream, Response& response, BodyStream& body,
                                    std::chrono::steady_clock::duration timeout) {
  response.body().clear();
  response.chunked(true);
  bhttp::response_serializer<bhttp::string_body> head(response);
  auto [head_ec, head_written] = co_await bhttp::async_write_header(stream, head, kTuple);
  if (head_ec) co_return false;
  while (true) {
    Result<std::optional<std::string>> chunk = co_await body();
    if (!chunk.ok()) {
      logging::Error("streamed body failed", {{"detail", chunk.error().message}});
      co_return false;
    }
    stream.expires_after(timeout);
    if (!*chunk) {
      auto [last_ec, last_written] = co_await asio::async_write(stream, bhttp::make_chunk_last(), kTuple);
      co_return !last_ec;
    }
    if ((*chunk)->empty()) continue;
    auto [chunk_ec, chunk_written] = co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(**chunk)), kTuple);
    if (chunk_ec) co_return false;
  }
}

}  // namespace

asio::awaitable<void> RunSession(asio::ip::tcp::socket socket, Server& server) {
  const ServerOptions& options = server.options();
  beast::error_code ec;
  asio::ip::address remote = socket.remote_endpoint(ec).address();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  auto state = std::make_shared<SessionState>();
  state->stream = &stream;
  state->executor = stream.get_executor();
  server.Register(state);
  server.dispatcher().metrics().connections_open.fetch_add(1, std::memory_order_relaxed);

  while (!server.stopping()) {
    if (buffer.size() == 0) {
      // Idle between requests: the only state in which a draining server may close the connection.
      state->idle = true;
      stream.expires_after(options.idle_timeout);
      auto [read_ec, n] = co_await stream.async_read_some(buffer.prepare(8192), kTuple);
      state->idle = false;
      if (read_ec) break;
      buffer.commit(n);
    }
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(options.body_limit);
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    stream.expires_after(options.read_timeout);
    auto [read_ec, n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
    // Beast applies header_limit to what one read holds: fields parsed from an earlier piece are
    // not counted again, so a header that arrives in pieces can pass it. Count the whole.
    if (!read_ec && HeaderBytes(parser.get()) > options.header_limit) read_ec = bhttp::error::header_limit;
    if (read_ec) {
      if (auto answer = ReadFailure(server, read_ec, remote)) {
        answer->keep_alive(false);
        stream.expires_after(options.read_timeout);
        co_await bhttp::async_write(stream, *answer, kTuple);
        // Lingering close (RFC 9112 section 9.6): stop sending, then drain what the client is still
        // uploading for a moment, so that our answer is not lost to a reset before it reads it.
        stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
        stream.expires_after(std::chrono::seconds(2));
        std::size_t drained = 0;
        while (drained < (16u << 20)) {
          auto [drain_ec, got] = co_await stream.async_read_some(buffer.prepare(65536), kTuple);
          if (drain_ec) break;
          drained += got;
        }
      }
      break;
    }
    Request request = parser.release();
    BodyStream body_stream;
    Response response = co_await server.dispatcher().Dispatch(request, remote, &body_stream);
    bool keep_alive = request.keep_alive() && !server.stopping();
    response.keep_alive(keep_alive);
    stream.expires_after(options.read_timeout);
    if (body_stream && request.method() != bhttp::verb::head) {
      if (!co_await WriteStreamed(stream, response, body_stream, options.read_timeout)) break;
    } else {
      auto [write_ec, written] = co_await bhttp::async_write(stream, response, kTuple);
      if (write_ec) break;
    }
    if (!keep_alive) break;
  }
  state->stream = nullptr;
  server.Unregister(state);
  server.dispatcher().metrics().connections_open.fetch_sub(1, std::memory_order_relaxed);
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

}  // namespace rapport::http
