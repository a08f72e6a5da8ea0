// Short ways for handlers to answer: JSON, problem+json from an Error, and the input checks that
// several handlers share (ids, page sizes, JSON bodies).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>

#include "common/result.h"
#include "http/types.h"

namespace rapport::api {

http::Response Json(const http::RequestContext& ctx, http::bhttp::status status, const boost::json::value& body);
http::Response Problem(const http::RequestContext& ctx, const Error& error);

// The path parameter `name` as a positive 64-bit id; kInvalidArgument otherwise.
Result<std::int64_t> IdParam(const http::RequestContext& ctx, std::string_view name);
// The `limit` query parameter: 1..max, default `fallback`.
Result<int> LimitParam(const http::RequestContext& ctx, int fallback, int max);
// A `limit` value already read from the query: 1..max.
Result<int> ParseLimit(std::string_view text, int max);

}  // namespace rapport::api
