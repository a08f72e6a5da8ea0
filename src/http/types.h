// The types every handler and middleware sees: the Beast request and response, the per-request
// context (path parameters, request id, route) and the handler signature.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/principal.h"
#include "common/result.h"

namespace rapport::http {

namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

// The rest of a streamed body, chunk by chunk: the next chunk, nullopt at the end, or an error,
// which ends the connection without the last chunk so that the client sees the body cut short.
using BodyStream = std::function<boost::asio::awaitable<Result<std::optional<std::string>>>()>;

// Who may call a route (api/auth_middleware.h enforces it): anyone, or a signed-in caller whose
// access level (common/principal.h) reaches the route's.
enum class RouteAccess { kPublic, kRead, kWrite, kAdmin };

// Per-request state, alive from the end of reading the request until its response is written.
// Owned by the session; not shared between threads.
struct RequestContext {
  const Request& request;
  boost::asio::ip::address remote;
  std::chrono::steady_clock::time_point started;
  std::string request_id;
  std::string_view path;   // the target without its query
  std::string_view query;  // after '?', empty if none
  std::string_view route;  // the matched route template ("/api/v1/tags/{id}"), or "unmatched"
  std::vector<std::pair<std::string_view, std::string_view>> params;  // path parameters
  RouteAccess access = RouteAccess::kPublic;  // the matched route's; public for the web app and unmatched paths
  std::optional<Principal> principal;          // set by authentication on every non-public route
  // Set by a handler whose body is too large to build in memory (exports): the response it returns
  // is sent as the head, with chunked transfer encoding, followed by what this produces.
  BodyStream body_stream;

  // The path parameter `name` (route templates guarantee it exists when the route matched).
  std::string_view Param(std::string_view name) const;
  // The first query parameter `name`, percent-decoded; nullopt when absent.
  std::optional<std::string> Query(std::string_view name) const;
  // Every query parameter, percent-decoded, in order; nullopt when the query is not valid
  // percent-encoding.
  std::optional<std::vector<std::pair<std::string, std::string>>> QueryParams() const;
};

using Handler = std::function<boost::asio::awaitable<Response>(RequestContext&)>;

}  // namespace rapport::http
