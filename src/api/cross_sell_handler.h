// Cross-sell (domain/sales/cross_sell.h):
//   GET /api/v1/cross_sell/pairs?days=&min_orders=&limit=              products bought together
//   GET /api/v1/{people|organizations}/{id}/suggestions?days=&min_orders=&limit=
//                                                                     what to offer this customer
#pragma once

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

class CrossSellHandler {
 public:
  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
