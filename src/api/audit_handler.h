// The audit log over HTTP (domain/audit/audit_log.h):
//   GET /api/v1/audit?object=&record=&actor=&limit=&after=   every entry, newest first (admins)
//   GET /api/v1/{path}/{id}/history?limit=&after=           one record's entries, for whoever may
//                                                           see the record (also /objects/{object}/{id}/history)
#pragma once

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

class AuditHandler {
 public:
  static constexpr int kDefaultLimit = 50;
  static constexpr int kMaxLimit = 200;

  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
