#include "http/responses.h"

#include <boost/json/serialize.hpp>

namespace rapport::http {

Response TextResponse(bhttp::status status, std::string body, std::string_view content_type, unsigned version) {
  Response response(status, version);
  response.set(bhttp::field::content_type, content_type);
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response JsonResponse(bhttp::status status, const boost::json::value& body, unsigned version) {
  return TextResponse(status, boost::json::serialize(body), "application/json", version);
}

}  // namespace rapport::http
