// GET /api/v1/<path>/export?format=csv|ndjson&filter=…&sort=…&fields=…&include_deleted=…: every
// record of a filtered list, streamed (chunked) a page at a time. The rules are in
// domain/export/record_export.h.
#pragma once

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

class ExportHandler {
 public:
  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
