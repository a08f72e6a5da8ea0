#include "http/router.h"

#include <fmt/format.h>

#include <stdexcept>

namespace rapport::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literal;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::map<bhttp::verb, const Route*> methods;
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

namespace {

// Calls fn(segment) for each non-empty '/'-separated segment.
template <typename F>
void ForEachSegment(std::string_view path, F&& fn) {
  std::size_t pos = 0;
  while (pos < path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    if (end > pos && !fn(path.substr(pos, end - pos))) return;
    pos = end + 1;
  }
}

}  // namespace

void Router::Add(bhttp::verb method, std::string_view path_template, Handler handler,
                 std::optional<RouteAccess> access) {
  Node* node = root_.get();
  ForEachSegment(path_template, [&](std::string_view segment) {
    if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}') {
      std::string name(segment.substr(1, segment.size() - 2));
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = name;
      } else if (node->param_name != name) {
        throw std::invalid_argument(fmt::format("route {}: parameter {{{}}} clashes with {{{}}}", path_template,
                                                name, node->param_name));
      }
      node = node->param.get();
    } else {
      auto& child = node->literal[std::string(segment)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
    return true;
  });
  if (node->methods.contains(method)) {
    throw std::invalid_argument(fmt::format("route {} {} registered twice", bhttp::to_string(method), path_template));
  }
  RouteAccess needed = access.value_or(method == bhttp::verb::get ? RouteAccess::kRead : RouteAccess::kWrite);
  auto route =
      std::make_unique<Route>(Route{method, std::string(path_template), std::move(handler), needed, routes_.size()});
  node->methods[method] = route.get();
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(bhttp::verb method, std::string_view path,
                           std::vector<std::pair<std::string_view, std::string_view>>& params) const {
  const Node* node = root_.get();
  ForEachSegment(path, [&](std::string_view segment) {
    auto it = node->literal.find(segment);
    if (it != node->literal.end()) {
      node = it->second.get();
    } else if (node->param) {
      params.emplace_back(node->param_name, segment);
      node = node->param.get();
    } else {
      node = nullptr;
    }
    return node != nullptr;
  });
  Match match;
  if (node == nullptr || node->methods.empty()) return match;
  auto it = node->methods.find(method == bhttp::verb::head ? bhttp::verb::get : method);
  if (it != node->methods.end()) {
    match.outcome = Outcome::kMatched;
    match.route = it->second;
    return match;
  }
  match.outcome = Outcome::kMethodNotAllowed;
  for (const auto& [verb, route] : node->methods) {
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += bhttp::to_string(verb);
    if (verb == bhttp::verb::get) match.allow += ", HEAD";
  }
  return match;
}

}  // namespace rapport::http
