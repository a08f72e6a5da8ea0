// POST /forms/{key}: the public endpoint that websites post lead forms to (domain/forms/web_form.h).
// Public by design (routes.cc says why): an HTML form (application/x-www-form-urlencoded) gets a
// 303 to the form's redirect_url when it has one, JSON (or a form without a redirect) gets
// {"received": true}. A spam post (honeypot) gets the same answer and writes nothing.
#pragma once

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

class FormsHandler {
 public:
  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
