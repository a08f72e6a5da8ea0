// The one place where an ErrorCode becomes an HTTP status, and where every error answer is shaped
// as RFC 9457 application/problem+json:
// {"type", "title", "status", "detail", "code", "errors": [{"field", "problem"}], "request_id"}.
#pragma once

#include <string_view>

#include "common/result.h"
#include "http/types.h"

namespace rapport::http {

bhttp::status HttpStatus(ErrorCode code);

// A complete problem+json response for `error`. `status` overrides the mapped status where the
// protocol needs a finer one (412 for a stale If-Match, 431 for headers too large).
Response ProblemResponse(const Error& error, std::string_view request_id, unsigned version,
                         bhttp::status status = bhttp::status::unknown);

}  // namespace rapport::http
