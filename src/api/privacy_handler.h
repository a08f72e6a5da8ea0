// GDPR routes for people (domain/privacy): GET /api/v1/people/{id}/export (read) gives everything
// held about the person as one JSON document; POST /api/v1/people/{id}/erase (admin, optional
// {"reason": "..."}) erases them everywhere. Consents are ordinary records at /api/v1/consents.
#pragma once

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

class PrivacyHandler {
 public:
  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
