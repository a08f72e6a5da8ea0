// GET /api/v1/openapi.json: the OpenAPI document of the current registry (api/openapi.h), built once
// per registry version and then served from memory.
#pragma once

#include "api/app.h"
#include "http/types.h"

namespace rapport::api {

class OpenApiHandler {
 public:
  static http::Handler Document(App& app);  // GET /api/v1/openapi.json
};

}  // namespace rapport::api
