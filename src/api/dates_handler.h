// GET /api/v1/people/upcoming_dates?days=N&limit=M: birthdays and anniversaries coming up.
#pragma once

#include "api/app.h"
#include "http/types.h"

namespace rapport::api {

class DatesHandler {
 public:
  static http::Handler Upcoming(App& app);
};

}  // namespace rapport::api
