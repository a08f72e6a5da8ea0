// Authentication and the coarse authorization of every route (DESIGN 3.1): a request to a route
// that is not public must carry a session cookie or an API key (Authorization: Bearer rk_...);
// it gets 401 otherwise. A cookie-authenticated unsafe request must also echo the session's CSRF
// token in X-CSRF-Token (403 otherwise). The caller's access level must reach the route's
// (http::RouteAccess): 403 otherwise. What passes carries its Principal in the RequestContext.
#pragma once

#include <string_view>

#include "api/app.h"
#include "http/middleware/middleware.h"

namespace rapport::api {

inline constexpr std::string_view kSessionCookie = "rapport_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

class AuthMiddleware final : public http::Middleware {
 public:
  explicit AuthMiddleware(App& app) : app_(app) {}
  boost::asio::awaitable<std::optional<http::Response>> Before(http::RequestContext& ctx) override;

 private:
  App& app_;
};

}  // namespace rapport::api
