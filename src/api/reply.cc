#include "api/reply.h"

#include <fmt/format.h>

#include <algorithm>
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

Result<int> LimitParam(const http::RequestContext& ctx, int fallback, int max) {
  auto text = ctx.Query("limit");
  if (!text) return fallback;
  auto v = ParsePositive(*text);
  if (!v || *v > max) return BadParam("limit", fmt::format("must be an integer from 1 to {}", max));
  return static_cast<int>(*v);
}

Result<std::int64_t> AfterParam(const http::RequestContext& ctx) {
  auto text = ctx.Query("after");
  if (!text) return std::int64_t{0};
  auto v = ParsePositive(*text);
  if (!v) return BadParam("after", "must be the `next` cursor of a previous page");
  return *v;
}

Result<boost::json::object> JsonBody(const http::RequestContext& ctx, std::initializer_list<std::string_view> allowed) {
  auto object = json::ParseObject(ctx.request.body());
  if (!object.ok()) return object;
  std::vector<FieldError> unknown;
  for (const auto& member : *object) {
    if (std::find(allowed.begin(), allowed.end(), member.key()) == allowed.end()) {
      unknown.push_back({std::string(member.key()), "is not a field of this resource"});
    }
  }
  if (!unknown.empty()) return Error{ErrorCode::kInvalidArgument, "the body has unknown fields", std::move(unknown)};
  return object;
}

}  // namespace rapport::api
