// HTTP for the generic record pipeline: every object in the registry, built-in or custom, at
// /api/v1/<path> (built-in) and /api/v1/objects/{object}. Decodes requests (JSON bodies, If-Match,
// Idempotency-Key, list parameters) and encodes records; the rules are in domain/record.
#pragma once

#include <string>

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

class RecordsHandler {
 public:
  // GET /api/v1/search: hits per object (default and most) and the longest query.
  static constexpr int kDefaultSearchHits = 10;
  static constexpr int kMaxSearchHits = 50;
  static constexpr std::size_t kMaxSearchText = 500;

  // Adds the routes of every built-in object with a path, and the generic /api/v1/objects/{object}
  // routes that also serve custom objects added later.
  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
