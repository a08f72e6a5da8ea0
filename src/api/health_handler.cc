#include "api/health_handler.h"

#include "api/reply.h"
#include "http/offload.h"
#include "http/responses.h"

namespace rapport::api {

using http::bhttp::status;

http::Handler HealthHandler::Live() {
  return [](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
    static const boost::json::value body = {{"status", "ok"}};
    co_return Json(ctx, status::ok, body);
  };
}

http::Handler HealthHandler::Ready(App& app) {
  return [&app](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
    Status ping = co_await http::Offload(app.blocking, [&app] { return app.db.Ping(); });
    if (!ping.ok()) co_return Problem(ctx, Error{ErrorCode::kUnavailable, "the database is not reachable", {}});
    co_return Json(ctx, status::ok, {{"status", "ready"}});
  };
}

http::Handler HealthHandler::Metrics(App& app) {
  return [&app](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
    co_return http::TextResponse(status::ok, app.metrics.Render(), "text/plain; version=0.0.4",
                                 ctx.request.version());
  };
}

}  // namespace rapport::api
