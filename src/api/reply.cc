#include "api/reply.h"

#include <fmt/format.h>

#include <charconv>

#include "common/json.h"
#include "http/error_mapping.h"
#include "http/responses.h"

namespace rapport::api {

http::Response Json(const http::RequestContext& ctx, http::bhttp::status status, const boost::json::value& body) {
  return http::JsonResponse(status, body, ctx.request.version());
}

http::Response Problem(const http::RequestContext& ctx, const Error& error) {
  return http::ProblemResponse(error, ctx.request_id, ctx.request.version());
}

namespace {

std::optional<std::int64_t> ParsePositive(std::string_view text) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

Error BadParam(std::string_view name, std::string problem) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{} {}", name, problem), {{std::string(name), problem}}};
}

}  // namespace

Result<std::int64_t> IdParam(const http::RequestContext& ctx, std::string_view name) {
  auto id = ParsePositive(ctx.Param(name));
  if (!id) return BadParam(name, "must be a positive integer");
  return *id;
}

Result<int> ParseLimit(std::string_view text, int max) {
  auto v = ParsePositive(text);
  if (!v || *v > max) return BadParam("limit", fmt::format("must be an integer from 1 to {}", max));
  return static_cast<int>(*v);
}

Result<int> LimitParam(const http::RequestContext& ctx, int fallback, int max) {
  auto text = ctx.Query("limit");
  if (!text) return fallback;
  return ParseLimit(*text, max);
}

}  // namespace rapport::api
