// Turns one parsed request into one response: route lookup, the middleware chain, the handler,
// per-route metrics, and the catch-all that makes an escaping exception a 500 with a live
// connection. Knows nothing of sockets. Thread-safe after construction.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <vector>

#include "common/result.h"
#include "http/metrics.h"
#include "http/middleware/middleware.h"
#include "http/router.h"

namespace rapport::http {

class Dispatcher {
 public:
  Dispatcher(const Router& router, std::vector<std::unique_ptr<Middleware>> middleware, Metrics& metrics);

  // Routes `request` through the middleware to its handler. A handler that streams its body leaves
  // the stream in `*body_stream` (when given; otherwise the stream is dropped and only the head sent).
  boost::asio::awaitable<Response> Dispatch(const Request& request, boost::asio::ip::address remote,
                                            BodyStream* body_stream = nullptr);

  // An error answer produced below the router (unreadable request, body too large), logged and
  // counted like any other.
  Response Reject(const Error& error, bhttp::status status, unsigned version, boost::asio::ip::address remote);

  Metrics& metrics() { return metrics_; }

 private:
  boost::asio::awaitable<Response> RunChain(RequestContext& ctx, const Handler* handler, const Router::Match& match);

  const Router& router_;
  std::vector<std::unique_ptr<Middleware>> middleware_;
  Metrics& metrics_;
  std::vector<Metrics::Series*> route_series_;  // by Route::index
  Metrics::Series* unmatched_;
  Metrics::Series* fallback_;
};

}  // namespace rapport::http
