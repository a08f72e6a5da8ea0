// Serves the web app from the files embedded in the binary; any page path that is not a file gets
// index.html, so the single-page app can route it.
#pragma once

#include "http/types.h"

namespace rapport::api {

class StaticHandler {
 public:
  static http::Handler WebApp();
};

}  // namespace rapport::api
