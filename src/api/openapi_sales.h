// The part of the OpenAPI document (api/openapi.h) about the sales routes of api/sales_handler.h
// that are not generic record routes. Only openapi.cc includes this.
#pragma once

#include <boost/json/object.hpp>

namespace rapport::api {

// The paths of api/sales_handler.h, keyed by path.
boost::json::object SalesPaths();

}  // namespace rapport::api
