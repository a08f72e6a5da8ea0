#include "tests/support/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>

namespace rapport::testing {

namespace beast = boost::beast;
namespace bhttp = beast::http;

struct HttpClient::Stream {
  explicit Stream(boost::asio::io_context& io) : stream(io) {}
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  bool open = false;
};

std::string HttpResponse::Header(const std::string& name) const {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  auto it = headers.find(lower);
  return it == headers.end() ? std::string() : it->second;
}

HttpClient::HttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout, Headers default_headers)
    : host_(std::move(host)), port_(port), timeout_(timeout), default_headers_(std::move(default_headers)) {}

HttpClient::~HttpClient() = default;

bool HttpClient::Connect() {
  stream_ = std::make_unique<Stream>(io_);
  beast::error_code ec;
  boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address(host_), port_);
  stream_->stream.expires_after(timeout_);
  stream_->stream.socket().connect(endpoint, ec);
  stream_->open = !ec;
  return stream_->open;
}

bool HttpClient::WriteRaw(const std::string& bytes) {
  if (!Connect()) return false;
  beast::error_code ec;
  boost::asio::write(stream_->stream.socket(), boost::asio::buffer(bytes), ec);
  return !ec;
}

HttpResponse HttpClient::ReadResponse() {
  HttpResponse out;
  if (!stream_ || !stream_->open) {
    out.error = "not connected";
    return out;
  }
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(256 << 20);
  beast::error_code ec;
  // A blocking read with a deadline: run the async read on our io_context until it ends.
  stream_->stream.expires_after(timeout_);
  bhttp::async_read(stream_->stream, stream_->buffer, parser, [&](beast::error_code e, std::size_t) { ec = e; });
  io_.restart();
  io_.run();
  if (ec) {
    stream_->open = false;
    out.error = ec.message();
    return out;
  }
  auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    out.headers[name] = std::string(field.value());
  }
  out.body = res.body();
  if (!res.keep_alive()) stream_->open = false;
  return out;
}

HttpResponse HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                              const std::vector<std::pair<std::string, std::string>>& headers) {
  if ((!stream_ || !stream_->open) && !Connect()) {
    HttpResponse out;
    out.error = "connection refused";
    return out;
  }
  bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
  if (req.method() == bhttp::verb::unknown) req.method_string(method);
  req.set(bhttp::field::host, host_);
  req.keep_alive(true);
  bool has_type = false;
  for (const auto& [name, value] : default_headers_) req.set(name, value);
  for (const auto& [name, value] : headers) {
    req.set(name, value);
    if (beast::iequals(name, "content-type")) has_type = true;
  }
  if (!body.empty() && !has_type) req.set(bhttp::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  beast::error_code ec;
  stream_->stream.expires_after(timeout_);
  bhttp::async_write(stream_->stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
  io_.restart();
  io_.run();
  if (ec) {
    // The server may have answered early (413) and stopped reading: its answer is still there.
    HttpResponse early = ReadResponse();
    if (early.status != 0) return early;
    stream_->open = false;
    HttpResponse out;
    out.error = ec.message();
    return out;
  }
  return ReadResponse();
}

}  // namespace rapport::testing
