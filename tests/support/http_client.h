// A blocking HTTP/1.1 client for tests: one keep-alive connection to a server on loopback.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rapport::testing {

struct HttpResponse {
  int status = 0;  // 0: no answer (connection refused, closed or timed out)
  std::string error;  // why there was no answer
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;

  std::string Header(const std::string& name) const;
};

class HttpClient {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;
  // `default_headers` go with every request (credentials) unless a request names its own.
  HttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(10),
             Headers default_headers = {});
  ~HttpClient();

  // Sends one request, reconnecting first if the connection is closed. Never throws: a transport
  // failure comes back as status 0 with `error` set.
  HttpResponse Send(const std::string& method, const std::string& target, const std::string& body = {},
                    const std::vector<std::pair<std::string, std::string>>& headers = {});

  // A header sent with every request from now on (credentials), unless a request names its own.
  void SetDefaultHeader(std::string name, std::string value) {
    default_headers_.emplace_back(std::move(name), std::move(value));
  }

  // Opens a connection and writes `bytes` as they are (half a request, a malformed one); then
  // ReadResponse() reads what the server answers.
  bool WriteRaw(const std::string& bytes);
  HttpResponse ReadResponse();

 private:
  bool Connect();

  std::string host_;
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
  Headers default_headers_;
  boost::asio::io_context io_;
  struct Stream;
  std::unique_ptr<Stream> stream_;
};

}  // namespace rapport::testing
