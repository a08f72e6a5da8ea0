#include "api/timeline_handler.h"

#include <fmt/format.h>

#include "api/reply.h"
#include "api/request_caller.h"
#include "common/utf8.h"
#include "domain/timeline/timeline.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

Result<domain::TimelineRequest> TimelineParams(const http::RequestContext& ctx) {
  auto params = ctx.QueryParams();
  if (!params) return BadInput("query", "is not valid percent-encoding");
  domain::TimelineRequest request;
  for (const auto& [name, value] : *params) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) return BadInput(IsValidUtf8(name) ? name : "query", "must be valid UTF-8");
    if (name == "limit") {
      auto limit = ParseLimit(value, domain::TimelineService::kMaxLimit);
      if (!limit.ok()) return std::move(limit).error();
      request.limit = *limit;
    } else if (name == "after") {
      request.after = value;
    } else if (name == "kinds") {
      request.kinds = CommaList(value);
    } else {
      return BadInput(name, "is not a parameter of a timeline (limit, after, kinds)");
    }
  }
  return request;
}

http::Handler Timeline(App& app, std::string object) {
  return [&app, object](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto request = TimelineParams(ctx);
    if (!request.ok()) co_return Problem(ctx, request.error());
    auto page = co_await http::Offload(app.blocking, [&] {
      domain::TimelineService timeline(app.db, app.records);
      return timeline.Page(CallerOf(ctx), object, *id, *request);
    });
    if (!page.ok()) co_return Problem(ctx, page.error());
    bj::array data;
    for (domain::TimelineEntry& e : page->entries) {
      data.push_back(bj::object{{"kind", e.kind}, {"at", FormatTimestamp(e.at)}, {"record", std::move(e.record)}});
    }
    co_return Json(ctx, status::ok,
                   bj::object{{"data", std::move(data)}, {"next", page->next ? bj::value(*page->next) : bj::value(nullptr)}});
  };
}

}  // namespace

void TimelineHandler::AddRoutes(http::Router& router, App& app) {
  auto registry = app.registry.Get();
  for (std::string_view name : domain::kTimelineObjects) {
    const meta::ObjectDef* def = registry->FindObject(name);
    if (def == nullptr || def->path.empty()) continue;
    router.Add(verb::get, fmt::format("/api/v1/{}/{{id}}/timeline", def->path), Timeline(app, std::string(name)));
  }
}

}  // namespace rapport::api
