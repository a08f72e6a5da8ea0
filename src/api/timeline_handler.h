// GET /api/v1/{people|organizations}/{id}/timeline?limit=&after=&kinds=: the customer's
// interactions, notes, tasks and stage changes, newest first (domain/timeline/timeline.h).
#pragma once

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

class TimelineHandler {
 public:
  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
