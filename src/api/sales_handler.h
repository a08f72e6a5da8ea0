// Sales routes beyond the generic records (docs/api.md "Sales"): moving a deal on a board, the
// forecast, the sales settings and the lifecycle sweep.
#pragma once

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

struct SalesHandler {
  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
