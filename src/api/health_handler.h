// Operations endpoints: /healthz (the process answers), /readyz (the database answers too) and
// /metrics (Prometheus text). Public: no authentication.
#pragma once

#include "api/app.h"
#include "http/types.h"

namespace rapport::api {

class HealthHandler {
 public:
  static http::Handler Live();
  static http::Handler Ready(App& app);
  static http::Handler Metrics(App& app);
};

}  // namespace rapport::api
