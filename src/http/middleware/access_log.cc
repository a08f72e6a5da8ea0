#include "http/middleware/access_log.h"

#include "common/logging.h"

namespace rapport::http {

void AccessLogMiddleware::After(RequestContext& ctx, Response& response) {
  unsigned status = response.result_int();
  logging::Level level = status >= 500 ? logging::Level::kError : logging::Level::kInfo;
  if (!logging::Enabled(level)) return;
  auto elapsed = std::chrono::steady_clock::now() - ctx.started;
  logging::Log(level, "request",
               {{"method", bhttp::to_string(ctx.request.method())},
                {"route", ctx.route},
                {"path", ctx.path},
                {"status", status},
                {"us", std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()},
                {"request_id", ctx.request_id},
                {"remote", ctx.remote.to_string()}});
}

}  // namespace rapport::http
