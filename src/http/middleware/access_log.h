// Writes one structured log line per request: method, route, path, status, microseconds taken, request id,
// client address. 4xx at info, 5xx at error (so alerts stay meaningful).
#pragma once

#include "http/middleware/middleware.h"

namespace rapport::http {

class AccessLogMiddleware final : public Middleware {
 public:
  void After(RequestContext& ctx, Response& response) override;
};

}  // namespace rapport::http
