#include "http/error_mapping.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "http/responses.h"

namespace rapport::http {

bhttp::status HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return bhttp::status::bad_request;
    case ErrorCode::kUnauthenticated: return bhttp::status::unauthorized;
    case ErrorCode::kPermissionDenied: return bhttp::status::forbidden;
    case ErrorCode::kNotFound: return bhttp::status::not_found;
    case ErrorCode::kMethodNotAllowed: return bhttp::status::method_not_allowed;
    case ErrorCode::kConflict: return bhttp::status::conflict;
    case ErrorCode::kPayloadTooLarge: return bhttp::status::payload_too_large;
    case ErrorCode::kFailedPrecondition: return bhttp::status::unprocessable_entity;
    case ErrorCode::kStaleVersion: return bhttp::status::precondition_failed;
    case ErrorCode::kResourceExhausted: return bhttp::status::too_many_requests;
    case ErrorCode::kInternal: return bhttp::status::internal_server_error;
    case ErrorCode::kUnavailable: return bhttp::status::service_unavailable;
  }
  return bhttp::status::internal_server_error;
}

Response ProblemResponse(const Error& error, std::string_view request_id, unsigned version, bhttp::status status) {
  if (status == bhttp::status::unknown) status = HttpStatus(error.code);
  std::string_view code = ErrorCodeName(error.code);
  boost::json::object body;
  body["type"] = fmt::format("https://rapport.dev/problems/{}", code);
  body["title"] = bhttp::obsolete_reason(status);
  body["status"] = static_cast<int>(status);
  body["detail"] = error.message;
  body["code"] = code;
  boost::json::array errors;
  for (const FieldError& f : error.fields) {
    errors.push_back(boost::json::object{{"field", f.field}, {"problem", f.problem}});
  }
  body["errors"] = std::move(errors);
  body["request_id"] = request_id;
  Response response = JsonResponse(status, body, version);
  response.set(bhttp::field::content_type, "application/problem+json");
  if (error.code == ErrorCode::kUnavailable || error.code == ErrorCode::kResourceExhausted) {
    response.set(bhttp::field::retry_after, std::to_string(std::max(1, error.retry_after)));
  }
  return response;
}

}  // namespace rapport::http
