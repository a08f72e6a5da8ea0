// Gives every request an id: the caller's X-Request-Id when it is short and plain, else a new
// one; echoed in the response and carried in logs and problem+json bodies.
#pragma once

#include <string>
#include <string_view>

#include "http/middleware/middleware.h"

namespace rapport::http {

// 16 random hex digits. Thread-safe.
std::string NewRequestId();

class RequestIdMiddleware final : public Middleware {
 public:
  boost::asio::awaitable<std::optional<Response>> Before(RequestContext& ctx) override;
  void After(RequestContext& ctx, Response& response) override;
};

}  // namespace rapport::http
