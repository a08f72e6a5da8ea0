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

}  // namespace

Error BadInput(std::string_view name, std::string problem) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{} {}", name, problem), {{std::string(name), problem}}};
}

Result<std::int64_t> IdParam(const http::RequestContext& ctx, std::string_view name) {
  auto id = ParsePositive(ctx.Param(name));
  if (!id) return BadInput(name, "must be a positive integer");
  return *id;
}

Result<std::int64_t> ParseId(std::string_view name, std::string_view text) {
  auto id = ParsePositive(text);
  if (!id) return BadInput(name, "must be a positive integer");
  return *id;
}

std::string MediaType(const http::RequestContext& ctx) {
  auto it = ctx.request.find(http::bhttp::field::content_type);
  if (it == ctx.request.end()) return {};
  std::string type(it->value().substr(0, it->value().find(';')));
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type;
}

Result<int> ParseLimit(std::string_view text, int max) {
  auto v = ParsePositive(text);
  if (!v || *v > max) return BadInput("limit", fmt::format("must be an integer from 1 to {}", max));
  return static_cast<int>(*v);
}

Result<int> LimitParam(const http::RequestContext& ctx, int fallback, int max) {
  auto text = ctx.Query("limit");
  if (!text) return fallback;
  return ParseLimit(*text, max);
}

// If-Match: "7", W/"7" or 7 name version 7; "*" or absent: any version.
Result<std::optional<std::int64_t>> IfMatch(const http::RequestContext& ctx) {
  auto it = ctx.request.find(http::bhttp::field::if_match);
  if (it == ctx.request.end()) return std::optional<std::int64_t>();
  std::string_view v = it->value();
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v == "*") return std::optional<std::int64_t>();
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::int64_t version = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (ec != std::errc() || ptr != v.data() + v.size() || version <= 0) {
    return BadInput("If-Match", "must be the ETag of the record, such as \"3\"");
  }
  return std::optional<std::int64_t>(version);
}

std::vector<std::string> CommaList(std::string_view text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) items.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

}  // namespace rapport::api
