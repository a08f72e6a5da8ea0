// /api/v1/tags: create, read one, list with a cursor.
#pragma once

#include "api/app.h"
#include "http/types.h"

namespace rapport::api {

class TagsHandler {
 public:
  static http::Handler Create(App& app);  // POST /api/v1/tags
  static http::Handler Get(App& app);     // GET /api/v1/tags/{id}
  static http::Handler List(App& app);    // GET /api/v1/tags?limit=&after=
};

}  // namespace rapport::api
