// Short ways for handlers to answer: JSON, problem+json from an Error, and the input checks that
// several handlers share (ids, page sizes, JSON bodies).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "http/types.h"

namespace rapport::api {

http::Response Json(const http::RequestContext& ctx, http::bhttp::status status, const boost::json::value& body);
http::Response Problem(const http::RequestContext& ctx, const Error& error);

// kInvalidArgument for the request parameter, header or body member `name`: "name problem".
Error BadInput(std::string_view name, std::string problem);
// The path parameter `name` as a positive 64-bit id; kInvalidArgument otherwise.
Result<std::int64_t> IdParam(const http::RequestContext& ctx, std::string_view name);
// A query parameter's `text` as a positive 64-bit id; kInvalidArgument naming `name` otherwise.
Result<std::int64_t> ParseId(std::string_view name, std::string_view text);
// The `limit` query parameter: 1..max, default `fallback`.
Result<int> LimitParam(const http::RequestContext& ctx, int fallback, int max);
// A `limit` value already read from the query: 1..max.
Result<int> ParseLimit(std::string_view text, int max);
// The request's Content-Type without parameters, lower case ("text/csv"); empty when absent.
std::string MediaType(const http::RequestContext& ctx);
// A comma-separated parameter ("first_name,email") as its items, empty ones left out.
std::vector<std::string> CommaList(std::string_view text);
// The version that the If-Match header names ("7", W/"7" or 7); nullopt when absent or "*".
Result<std::optional<std::int64_t>> IfMatch(const http::RequestContext& ctx);

}  // namespace rapport::api
