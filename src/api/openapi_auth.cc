#include "api/openapi_auth.h"

#include <boost/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

#include "api/auth_middleware.h"
#include "domain/auth/password.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
constexpr std::string_view kTag = "Sign-in";

bj::object Ref(std::string_view section, std::string_view name) {
  return {{"$ref", "#/components/" + std::string(section) + "/" + std::string(name)}};
}

bj::object Json(bj::value schema) { return {{"application/json", bj::object{{"schema", std::move(schema)}}}}; }

bj::object Answer(std::string_view description, std::optional<bj::value> schema) {
  bj::object out{{"description", description}};
  if (schema) out["content"] = Json(std::move(*schema));
  return out;
}

bj::object Op(std::string id, std::string summary, bj::object responses, std::initializer_list<int> problems) {
  for (int status : problems) {
    std::string_view name = status == 400   ? "BadRequest"
                            : status == 401 ? "Unauthorized"
                            : status == 403 ? "Forbidden"
                            : status == 404 ? "NotFound"
                            : status == 422 ? "UnprocessableEntity"
                            : status == 429 ? "TooManyRequests"
                                            : "Unavailable";
    responses[std::to_string(status)] = Ref("responses", name);
  }
  return {{"operationId", std::move(id)}, {"summary", std::move(summary)}, {"tags", bj::array{kTag}},
          {"responses", std::move(responses)}};
}

bj::object Body(bj::object schema) { return {{"required", true}, {"content", Json(std::move(schema))}}; }

bj::object Strings(std::initializer_list<std::string_view> required) {
  bj::object properties;
  bj::array names;
  for (std::string_view name : required) {
    properties[name] = bj::object{{"type", "string"}, {"minLength", 1}};
    names.emplace_back(name);
  }
  return {{"type", "object"}, {"additionalProperties", false}, {"required", std::move(names)},
          {"properties", std::move(properties)}};
}

bj::object IdPath() {
  return {{"name", "id"}, {"in", "path"}, {"required", true}, {"description", "The id."},
          {"schema", bj::object{{"type", "integer"}, {"format", "int64"}, {"minimum", 1}}}};
}

}  // namespace

bj::object SecuritySchemes() {
  return {{"session",
           bj::object{{"type", "apiKey"},
                      {"in", "cookie"},
                      {"name", kSessionCookie},
                      {"description", "The cookie POST /api/v1/auth/login sets. Requests other than GET must also "
                                      "send the session's csrf_token as X-CSRF-Token."}}},
          {"apiKey", bj::object{{"type", "http"},
                                {"scheme", "bearer"},
                                {"description", "An API key (rk_...): Authorization: Bearer <key>. Its scope (read, "
                                                "write, admin) caps what its user's role allows."}}}};
}

bj::object AuthSchemas() {
  bj::object user{{"type", "object"},
                  {"properties",
                   bj::object{{"id", bj::object{{"type", "integer"}}},
                              {"email", bj::object{{"type", "string"}}},
                              {"name", bj::object{{"type", "string"}}},
                              {"role", bj::object{{"enum", bj::array{"admin", "manager", "agent", "read_only"}}}},
                              {"teams", bj::object{{"type", "array"}, {"items", bj::object{{"type", "integer"}}}}},
                              {"access", bj::object{{"enum", bj::array{"read", "write", "admin"}}}},
                              {"via", bj::object{{"enum", bj::array{"session", "api_key"}}}}}}};
  bj::object session{{"type", "object"},
                     {"properties", bj::object{{"user", Ref("schemas", "SignedInUser")},
                                               {"csrf_token", bj::object{{"type", "string"}}}}}};
  bj::object nullable_time{{"type", bj::array{"string", "null"}}, {"format", "date-time"}};
  bj::object key{{"type", "object"},
                 {"properties", bj::object{{"id", bj::object{{"type", "integer"}}},
                                           {"user", bj::object{{"type", "integer"}}},
                                           {"name", bj::object{{"type", "string"}}},
                                           {"prefix", bj::object{{"type", "string"}}},
                                           {"scope", bj::object{{"enum", bj::array{"read", "write", "admin"}}}},
                                           {"created_at", bj::object{{"type", "string"}, {"format", "date-time"}}},
                                           {"created_by", bj::object{{"type", bj::array{"integer", "null"}}}},
                                           {"last_used_at", nullable_time},
                                           {"revoked_at", nullable_time},
                                           {"key", bj::object{{"type", "string"},
                                                              {"description", "Only in the answer to its creation."}}}}}};
  const bj::object nullable_id{{"type", bj::array{"integer", "null"}}};
  const bj::object nullable_text{{"type", bj::array{"string", "null"}}};
  bj::object entry{
      {"type", "object"},
      {"required", bj::array{"id", "at", "actor", "action", "object", "record", "detail", "ip", "request_id"}},
      {"properties",
       bj::object{{"id", bj::object{{"type", "integer"}}},
                  {"at", bj::object{{"type", "string"}, {"format", "date-time"}}},
                  {"actor", nullable_id},
                  {"action", bj::object{{"type", "string"},
                                        {"description", "<object>.created|updated|deleted|restored|purged|merged|"
                                                        "imported, person.erased, auth.login, auth.login_failed, "
                                                        "auth.password_changed, auth.password_set, "
                                                        "auth.api_key_created"}}},
                  {"object", nullable_text},
                  {"record", nullable_id},
                  {"detail", bj::object{{"type", "object"},
                                        {"description", "An update's {\"changes\": {field: {from, to}}}; a "
                                                        "create's {\"record\"}; an import's counts; "
                                                        "{\"erased\": true} once the person is erased."}}},
                  {"ip", nullable_text},
                  {"request_id", nullable_text}}}};
  bj::object page{{"type", "object"},
                  {"required", bj::array{"data", "next"}},
                  {"properties", bj::object{{"data", bj::object{{"type", "array"}, {"items", Ref("schemas", "AuditEntry")}}},
                                            {"next", nullable_text}}}};
  return {{"SignedInUser", std::move(user)}, {"Session", std::move(session)}, {"ApiKey", std::move(key)},
          {"AuditEntry", std::move(entry)},  {"AuditPage", std::move(page)}};
}

bj::object AuthPaths() {
  bj::object paths;
  bj::object login = Op("signIn", "Sign in with email and password",
                        bj::object{{"200", Answer("Signed in: the session cookie is set (Set-Cookie).",
                                                  Ref("schemas", "Session"))}},
                        {400, 401, 429, 503});
  login["requestBody"] = Body(Strings({"email", "password"}));
  login["security"] = bj::array{};
  login["description"] = "Wrong credentials get 401 with one message for an unknown email and a wrong password. "
                         "After repeated failures the account or the address waits: 429 with Retry-After.";
  paths["/api/v1/auth/login"] = bj::object{{"post", std::move(login)}};
  paths["/api/v1/auth/logout"] = bj::object{
      {"post", Op("signOut", "End this session", bj::object{{"204", Answer("Signed out; the cookie is cleared.", {})}},
                  {401, 403, 503})}};
  paths["/api/v1/auth/session"] = bj::object{
      {"get", Op("getSession", "Who is signed in", bj::object{{"200", Answer("The caller.", Ref("schemas", "Session"))}},
                 {401, 503})}};
  bj::object change = Op("changePassword", "Change one's own password (ends one's other sessions)",
                         bj::object{{"204", Answer("Changed.", {})}}, {400, 401, 403, 422, 503});
  change["requestBody"] = Body(Strings({"current_password", "new_password"}));
  paths["/api/v1/auth/password"] = bj::object{{"post", std::move(change)}};
  bj::object reset = Op("resetPassword", "Set a user's password (admin; ends their sessions)",
                        bj::object{{"204", Answer("Set.", {})}}, {400, 401, 403, 404, 503});
  reset["requestBody"] = Body(Strings({"password"}));
  reset["parameters"] = bj::array{IdPath()};
  paths["/api/v1/users/{id}/password"] = bj::object{{"post", std::move(reset)}};

  bj::object list = Op("listApiKeys", "One's API keys (with all=true, an admin's: everyone's)",
                       bj::object{{"200", Answer("The keys, without their secrets.",
                                                 bj::object{{"type", "object"},
                                                            {"properties", bj::object{{"data", bj::object{
                                                                {"type", "array"},
                                                                {"items", Ref("schemas", "ApiKey")}}}}}})}},
                       {400, 401, 503});
  list["parameters"] = bj::array{bj::object{{"name", "all"},
                                            {"in", "query"},
                                            {"description", "Every user's keys (admins only)."},
                                            {"schema", bj::object{{"type", "boolean"}}}}};
  bj::object create_schema = Strings({"name", "scope"});
  create_schema["properties"].as_object()["scope"] = bj::object{{"enum", bj::array{"read", "write", "admin"}}};
  create_schema["properties"].as_object()["user"] =
      bj::object{{"type", "integer"}, {"description", "Another user's id (admin only); the caller when absent."}};
  bj::object create = Op("createApiKey", "Create an API key; the answer holds the key, shown this once",
                         bj::object{{"201", Answer("Created.", Ref("schemas", "ApiKey"))}}, {400, 401, 403, 503});
  create["requestBody"] = Body(std::move(create_schema));
  paths["/api/v1/api-keys"] = bj::object{{"get", std::move(list)}, {"post", std::move(create)}};
  bj::object revoke = Op("revokeApiKey", "Revoke an API key", bj::object{{"204", Answer("Revoked.", {})}},
                         {400, 401, 403, 404, 503});
  revoke["parameters"] = bj::array{IdPath()};
  paths["/api/v1/api-keys/{id}"] = bj::object{{"delete", std::move(revoke)}};

  bj::object audit = Op("listAudit", "The audit log, newest first (admins)",
                        bj::object{{"200", Answer("A page of entries.", Ref("schemas", "AuditPage"))}},
                        {400, 401, 403, 503});
  audit["tags"] = bj::array{"Audit"};
  auto query = [](std::string_view name, std::string_view description, bj::object schema) {
    return bj::object{{"name", name}, {"in", "query"}, {"description", description}, {"schema", std::move(schema)}};
  };
  const bj::object id{{"type", "integer"}, {"minimum", 1}};
  audit["parameters"] = bj::array{
      query("object", "Only entries about records of this object.", bj::object{{"type", "string"}}),
      query("record", "Only entries about this record (needs object).", id),
      query("actor", "Only entries by this user.", id),
      query("limit", "Entries per page, 1 to 200.", bj::object{{"type", "integer"}, {"minimum", 1}, {"maximum", 200}}),
      query("after", "The `next` of the previous page.", bj::object{{"type", "string"}})};
  paths["/api/v1/audit"] = bj::object{{"get", std::move(audit)}};
  return paths;
}

bj::object HistoryOperation(const std::string& operation_id, const std::string& label, const std::string& tag) {
  bj::object op = Op(operation_id, "The history of a " + label + " (its audit entries, newest first)",
                     bj::object{{"200", Answer("A page of entries.", Ref("schemas", "AuditPage"))}},
                     {400, 401, 404, 503});
  op["tags"] = bj::array{tag};
  op["description"] = "For whoever may see the record (deleted records too); limit (1 to 200) and after page it.";
  return op;
}

}  // namespace rapport::api
