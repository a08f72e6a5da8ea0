// libFuzzer target: one HTTP request as the server reads it (Beast's parser with the server's
// limits, fed in two pieces), then what the server does with it before any handler runs: the
// path/query split, query parameters, route lookup, the JSON body, and the error answer for an
// unmatched route. The raw bytes also go to the JSON parser as a document of their own.
// See docs/fuzzing.md.

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.h"
#include "http/error_mapping.h"
#include "http/router.h"
#include "http/types.h"

namespace {

namespace bhttp = boost::beast::http;
using rapport::http::Handler;
using rapport::http::RequestContext;
using rapport::http::Response;
using rapport::http::Router;

// Limits as in http::ServerOptions.
constexpr std::uint64_t kBodyLimit = 1 << 20;
constexpr std::uint32_t kHeaderLimit = 16 << 10;

Handler Unused() {
  return [](RequestContext&) -> boost::asio::awaitable<Response> { co_return Response{}; };
}

// A route table shaped like api/routes.cc: literals beside parameters, several methods per path.
const Router& Routes() {
  static const Router* router = [] {
    auto* r = new Router();
    r->Add(bhttp::verb::get, "/healthz", Unused());
    r->Add(bhttp::verb::get, "/api/v1/tags", Unused());
    r->Add(bhttp::verb::post, "/api/v1/tags", Unused());
    r->Add(bhttp::verb::get, "/api/v1/tags/export", Unused());
    r->Add(bhttp::verb::get, "/api/v1/tags/{id}", Unused());
    r->Add(bhttp::verb::patch, "/api/v1/tags/{id}", Unused());
    r->Add(bhttp::verb::delete_, "/api/v1/tags/{id}", Unused());
    r->Add(bhttp::verb::get, "/api/v1/objects/{object}", Unused());
    r->Add(bhttp::verb::get, "/api/v1/objects/{object}/{id}", Unused());
    r->Add(bhttp::verb::put, "/api/v1/objects/{object}/{id}", Unused());
    return r;
  }();
  return *router;
}

// Feeds `chunk` to the parser the way a read loop does: bytes the parser has not taken yet stay in
// `buffer` and are offered again together with the next chunk. False once the parser failed.
bool Feed(bhttp::request_parser<bhttp::string_body>& parser, boost::beast::flat_buffer& buffer,
          std::string_view chunk) {
  if (!chunk.empty()) {
    auto dest = buffer.prepare(chunk.size());
    std::memcpy(dest.data(), chunk.data(), chunk.size());
    buffer.commit(chunk.size());
  }
  while (!parser.is_done() && buffer.size() > 0) {
    boost::beast::error_code ec;
    std::size_t used = parser.put(buffer.data(), ec);
    buffer.consume(used);
    if (ec == bhttp::error::need_more) return true;
    if (ec) return false;
    if (used == 0) return true;
  }
  return true;
}

void RunRequest(const rapport::http::Request& request) {
  RequestContext ctx{request, {}, {}, "fuzz", {}, {}, "unmatched", {}};
  std::string_view target = request.target();
  std::size_t q = target.find('?');
  ctx.path = target.substr(0, q);
  if (q != std::string_view::npos) ctx.query = target.substr(q + 1);

  // As the list handlers read their paging parameters.
  (void)ctx.Query("limit");
  (void)ctx.Query("after");

  Router::Match match = Routes().Find(request.method(), ctx.path, ctx.params);
  switch (match.outcome) {
    case Router::Outcome::kMatched:
      ctx.route = match.route->path;
      for (const auto& [name, value] : ctx.params) {
        if (ctx.Param(name).data() != value.data()) __builtin_trap();  // the first of a name wins; names are unique
      }
      break;
    case Router::Outcome::kMethodNotAllowed:
      if (match.allow.empty()) __builtin_trap();
      (void)rapport::http::ProblemResponse(
          rapport::Error{rapport::ErrorCode::kMethodNotAllowed, "not allowed on " + std::string(ctx.path), {}},
          ctx.request_id, request.version());
      break;
    case Router::Outcome::kNotFound:
      (void)rapport::http::ProblemResponse(
          rapport::Error{rapport::ErrorCode::kNotFound, "no route for " + std::string(ctx.path), {}},
          ctx.request_id, request.version());
      break;
  }

  auto body = rapport::json::ParseObject(request.body());
  if (body.ok()) {
    (void)rapport::json::OptionalString(*body, "name");
    (void)rapport::json::OptionalInt(*body, "limit");
    (void)rapport::json::Write(*body);
  } else {
    (void)rapport::http::ProblemResponse(body.error(), ctx.request_id, request.version());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  auto document = rapport::json::Parse(input);
  if (document.ok()) (void)rapport::json::Write(*document);

  if (size == 0) return 0;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.body_limit(kBodyLimit);
  parser.header_limit(kHeaderLimit);
  parser.eager(true);
  boost::beast::flat_buffer buffer;
  const std::size_t split = data[0] % size;
  if (!Feed(parser, buffer, input.substr(0, split)) || !Feed(parser, buffer, input.substr(split))) return 0;
  if (!parser.is_done()) return 0;
  RunRequest(parser.get());
  return 0;
}
