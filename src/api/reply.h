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
// The `after` cursor: an id from a previous page's `next`, 0 when absent.
Result<std::int64_t> AfterParam(const http::RequestContext& ctx);
// The request body as a JSON object, rejecting members not in `allowed`.
Result<boost::json::object> JsonBody(const http::RequestContext& ctx, std::initializer_list<std::string_view> allowed);

}  // namespace rapport::api
