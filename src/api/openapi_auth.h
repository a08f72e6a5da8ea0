// The part of the OpenAPI document (api/openapi.h) about signing in: the security schemes, the
// auth and API-key paths, and their schemas. Only openapi.cc includes this.
#pragma once

#include <boost/json/object.hpp>

namespace rapport::api {

// components.securitySchemes: the session cookie and bearer API keys.
boost::json::object SecuritySchemes();
// The paths of api/auth_handler.h, keyed by path.
boost::json::object AuthPaths();
// The schemas those paths name: SignIn, Session, User principal, ApiKey, NewApiKey.
boost::json::object AuthSchemas();

}  // namespace rapport::api
