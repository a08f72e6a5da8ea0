// Sign-in, sessions, passwords and API keys (domain/auth/auth_service.h):
//   POST   /api/v1/auth/login          {"email","password"} -> the user and a csrf_token, with the
//                                      session cookie (public)
//   POST   /api/v1/auth/logout         ends the session, clears the cookie
//   GET    /api/v1/auth/session        who is signed in (and the session's csrf_token)
//   POST   /api/v1/auth/password       {"current_password","new_password"}: change one's own
//   POST   /api/v1/users/{id}/password {"password"}: an admin's reset
//   GET    /api/v1/api-keys[?all=true] one's keys (an admin: everyone's), never the secrets
//   POST   /api/v1/api-keys            {"name","scope"[,"user"]} -> the key, shown this once
//   DELETE /api/v1/api-keys/{id}       revokes a key
#pragma once

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

class AuthHandler {
 public:
  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
