// One step of the middleware chain around every handler: Before may end the request with its own
// response; After sees every response on the way out, in reverse order.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>

#include "http/types.h"

namespace rapport::http {

class Middleware {
 public:
  virtual ~Middleware() = default;
  // Returns a response to end the request here; nullopt passes it on.
  virtual boost::asio::awaitable<std::optional<Response>> Before(RequestContext& ctx) { co_return std::nullopt; }
  virtual void After(RequestContext& ctx, Response& response) {}
};

}  // namespace rapport::http
