// The route table: method + path template ("/api/v1/tags/{id}") -> handler. Matching walks a trie
// of path segments, so its cost grows with the depth of the path, not the number of routes.
// Built once at start, then read-only: thread-safe for Match.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/types.h"

namespace rapport::http {

class Router {
 public:
  struct Route {
    bhttp::verb method;
    std::string path;  // the template, as registered
    Handler handler;
    RouteAccess access = RouteAccess::kRead;
    std::size_t index = 0;  // position in routes(), for per-route metrics
  };

  enum class Outcome { kMatched, kNotFound, kMethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::kNotFound;
    const Route* route = nullptr;
    std::string allow;  // for kMethodNotAllowed: "GET, POST"
  };

  Router();
  ~Router();

  // Registers a route. Segments in braces are parameters. Throws std::invalid_argument on a
  // duplicate (a startup bug). Unless `access` says otherwise, a route needs a signed-in caller:
  // GET may read, every other method must be allowed to write. Public routes say so here.
  void Add(bhttp::verb method, std::string_view path_template, Handler handler,
           std::optional<RouteAccess> access = std::nullopt);
  // Served for GET/HEAD of a path outside /api/ that no route matches (the web app's pages).
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  // Matches `path` and fills `params` with views into `path`. HEAD matches GET routes.
  Match Find(bhttp::verb method, std::string_view path,
             std::vector<std::pair<std::string_view, std::string_view>>& params) const;
  const Handler& fallback() const { return fallback_; }
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
  Handler fallback_;
};

}  // namespace rapport::http
