// The route table of the whole API in one place, so every endpoint can be found with grep.
#pragma once

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

void AddRoutes(http::Router& router, App& app);

}  // namespace rapport::api
