#include "http/dispatcher.h"

#include <exception>

#include "common/logging.h"
#include "http/error_mapping.h"
#include "http/middleware/request_id.h"

namespace rapport::http {

Dispatcher::Dispatcher(const Router& router, std::vector<std::unique_ptr<Middleware>> middleware, Metrics& metrics)
    : router_(router), middleware_(std::move(middleware)), metrics_(metrics) {
  for (const auto& route : router_.routes()) {
    route_series_.push_back(&metrics_.Register(std::string(bhttp::to_string(route->method)), route->path));
  }
  unmatched_ = &metrics_.Register("ANY", "unmatched");
  fallback_ = &metrics_.Register("GET", "web");
}

boost::asio::awaitable<Response> Dispatcher::Dispatch(const Request& request, boost::asio::ip::address remote,
                                                      BodyStream* body_stream) {
  RequestContext ctx{request, remote, std::chrono::steady_clock::now(), {}, {}, {}, "unmatched", {}};
  std::string_view target = request.target();
  std::size_t q = target.find('?');
  ctx.path = target.substr(0, q);
  if (q != std::string_view::npos) ctx.query = target.substr(q + 1);

  metrics_.requests_in_flight.fetch_add(1, std::memory_order_relaxed);
  Router::Match match = router_.Find(request.method(), ctx.path, ctx.params);
  const Handler* handler = nullptr;
  Metrics::Series* series = unmatched_;
  if (match.outcome == Router::Outcome::kMatched) {
    handler = &match.route->handler;
    ctx.route = match.route->path;
    ctx.access = match.route->access;
    series = route_series_[match.route->index];
  } else if (match.outcome == Router::Outcome::kNotFound && router_.fallback() &&
             (request.method() == bhttp::verb::get || request.method() == bhttp::verb::head) &&
             !ctx.path.starts_with("/api/")) {
    handler = &router_.fallback();
    ctx.route = "web";
    series = fallback_;
  }
  Response response = co_await RunChain(ctx, handler, match);
  metrics_.Observe(*series, response.result_int(), std::chrono::steady_clock::now() - ctx.started);
  metrics_.requests_in_flight.fetch_sub(1, std::memory_order_relaxed);
  if (body_stream != nullptr) *body_stream = std::move(ctx.body_stream);
  co_return response;
}

boost::asio::awaitable<Response> Dispatcher::RunChain(RequestContext& ctx, const Handler* handler,
                                                      const Router::Match& match) {
  const unsigned version = ctx.request.version();
  std::optional<Response> response;
  std::size_t ran = 0;
  try {
    for (; ran < middleware_.size() && !response; ++ran) {
      response = co_await middleware_[ran]->Before(ctx);
    }
    if (!response) {
      if (handler != nullptr) {
        response = co_await (*handler)(ctx);
      } else if (match.outcome == Router::Outcome::kMethodNotAllowed) {
        response = ProblemResponse(
            Error{ErrorCode::kMethodNotAllowed,
                  std::string(bhttp::to_string(ctx.request.method())) + " is not allowed on " + std::string(ctx.path),
                  {}},
            ctx.request_id, version);
        response->set(bhttp::field::allow, match.allow);
      } else {
        response = ProblemResponse(Error{ErrorCode::kNotFound, "no route for " + std::string(ctx.path), {}},
                                   ctx.request_id, version);
      }
    }
  } catch (const std::exception& e) {
    logging::Error("unhandled exception", {{"what", e.what()}, {"request_id", ctx.request_id}, {"route", ctx.route}});
    response = ProblemResponse(Error{ErrorCode::kInternal, "internal error; the request id identifies it in the logs", {}},
                               ctx.request_id, version);
  }
  if (ctx.request_id.empty()) ctx.request_id = NewRequestId();
  for (std::size_t i = ran; i-- > 0;) middleware_[i]->After(ctx, *response);
  response->set(bhttp::field::server, "rapport");
  co_return std::move(*response);
}

Response Dispatcher::Reject(const Error& error, bhttp::status status, unsigned version,
                            boost::asio::ip::address remote) {
  std::string request_id = NewRequestId();
  Response response = ProblemResponse(error, request_id, version, status);
  response.set("X-Request-Id", request_id);
  response.set(bhttp::field::server, "rapport");
  metrics_.Observe(*unmatched_, response.result_int(), std::chrono::nanoseconds(0));
  logging::Info("request rejected", {{"status", response.result_int()},
                                     {"detail", error.message},
                                     {"request_id", request_id},
                                     {"remote", remote.to_string()}});
  return response;
}

}  // namespace rapport::http
