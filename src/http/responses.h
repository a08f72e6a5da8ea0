// Building responses: JSON bodies and plain text, with the headers every answer carries.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "http/types.h"

namespace rapport::http {

Response JsonResponse(bhttp::status status, const boost::json::value& body, unsigned version);
Response TextResponse(bhttp::status status, std::string body, std::string_view content_type, unsigned version);

}  // namespace rapport::http
