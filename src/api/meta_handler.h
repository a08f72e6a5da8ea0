// /api/v1/meta: the registry as JSON (what the web app builds its forms and lists from), and the
// runtime changes to it: custom objects, custom fields, deactivating and purging a field. The rules
// are in domain/meta/meta_service.h.
#pragma once

#include "api/app.h"
#include "http/types.h"

namespace rapport::api {

class MetaHandler {
 public:
  static http::Handler Get(App& app);          // GET /api/v1/meta
  static http::Handler AddObject(App& app);    // POST /api/v1/meta/objects
  static http::Handler AddField(App& app);     // POST /api/v1/meta/objects/{object}/fields
  static http::Handler UpdateField(App& app);  // PATCH /api/v1/meta/objects/{object}/fields/{field}
  static http::Handler PurgeField(App& app);   // DELETE /api/v1/meta/objects/{object}/fields/{field}
};

}  // namespace rapport::api
