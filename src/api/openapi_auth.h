// The part of the OpenAPI document (api/openapi.h) about signing in: the security schemes, the
// auth and API-key paths, and their schemas. Only openapi.cc includes this.
#pragma once

#include <boost/json/object.hpp>
#include <string>

namespace rapport::api {

// components.securitySchemes: the session cookie and bearer API keys.
boost::json::object SecuritySchemes();
// The paths of api/auth_handler.h, keyed by path.
boost::json::object AuthPaths();
// The schemas those paths name: SignIn, Session, User principal, ApiKey, NewApiKey, AuditPage.
boost::json::object AuthSchemas();
// The operation GET of a record's history (api/audit_handler.h), for the object called `label`.
boost::json::object HistoryOperation(const std::string& operation_id, const std::string& label, const std::string& tag);

}  // namespace rapport::api
