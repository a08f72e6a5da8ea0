// Duplicates and merge of people and organizations:
//   GET  /api/v1/{people|organizations}/{id}/duplicates   likely duplicates, with the reasons
//   POST /api/v1/{people|organizations}/{id}/merge        {"from": id}: merge that record into this one
//   GET  /api/v1/{people|organizations}/{id}/merges       the merges into this record
// The rules are in domain/merge and RecordService::Merge.
#pragma once

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

class MergeHandler {
 public:
  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
