// CSV import over HTTP (docs/import-export.md):
//   POST /api/v1/imports/{people|organizations}?dry_run=true&map={"Header":"field"}&delimiter=;
// The body is the CSV file (text/csv), within the server's body limit; the CLI's `rapport import`
// streams files of any size. Answers 200 with the summary and the per-row problems (the first
// kMaxReportedProblems of them). The rules are in domain/import/importer.h.
#pragma once

#include <cstddef>

#include "api/app.h"
#include "http/router.h"

namespace rapport::api {

class ImportsHandler {
 public:
  static constexpr std::size_t kMaxReportedProblems = 1000;

  static void AddRoutes(http::Router& router, App& app);
};

}  // namespace rapport::api
