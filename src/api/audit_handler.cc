#include "api/audit_handler.h"

#include <fmt/format.h>

#include "api/reply.h"
#include "api/request_caller.h"
#include "common/utf8.h"
#include "domain/audit/audit_log.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

// The query of a listing; `filters` says whether object, record and actor may be given.
Result<domain::AuditQuery> AuditParams(const http::RequestContext& ctx, bool filters) {
  auto params = ctx.QueryParams();
  if (!params) return BadInput("query", "is not valid percent-encoding");
  domain::AuditQuery query;
  query.limit = AuditHandler::kDefaultLimit;
  for (const auto& [name, value] : *params) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) return BadInput(IsValidUtf8(name) ? name : "query", "must be valid UTF-8");
    if (name == "limit") {
      auto limit = ParseLimit(value, AuditHandler::kMaxLimit);
      if (!limit.ok()) return std::move(limit).error();
      query.limit = *limit;
    } else if (name == "after") {
      auto before = ParseId("after", value);
      if (!before.ok()) return std::move(before).error();
      query.before = *before;
    } else if (filters && name == "object") {
      if (value.empty() || value.size() > 64) return BadInput("object", "must name an object");
      query.object = value;
    } else if (filters && (name == "record" || name == "actor")) {
      auto id = ParseId(name, value);
      if (!id.ok()) return std::move(id).error();
      (name == "record" ? query.record : query.actor) = *id;
    } else {
      return BadInput(name, filters ? "is not a parameter of the audit log (object, record, actor, limit, after)"
                                    : "is not a parameter of a history (limit, after)");
    }
  }
  if (query.record && query.object.empty()) return BadInput("record", "needs object= to say which object's record");
  return query;
}

bj::object PageJson(domain::AuditPage& page) {
  bj::array data;
  for (const domain::AuditEntry& e : page.entries) data.push_back(e.ToJson());
  return bj::object{{"data", std::move(data)},
                    {"next", page.next_before ? bj::value(std::to_string(*page.next_before)) : bj::value(nullptr)}};
}

http::Handler Audit(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto query = AuditParams(ctx, true);
    if (!query.ok()) co_return Problem(ctx, query.error());
    auto page = co_await http::Offload(app.blocking, [&] {
      return store::ReadValue(app.db, [&](store::Connection& conn) { return domain::ReadAudit(conn, *query); });
    });
    if (!page.ok()) co_return Problem(ctx, page.error());
    co_return Json(ctx, status::ok, PageJson(*page));
  };
}

// `fixed` is the object of a built-in path; empty for /objects/{object}/{id}/history.
http::Handler History(App& app, std::string fixed) {
  return [&app, fixed](http::RequestContext& ctx) -> Awaitable {
    const std::string object = fixed.empty() ? std::string(ctx.Param("object")) : fixed;
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto query = AuditParams(ctx, false);
    if (!query.ok()) co_return Problem(ctx, query.error());
    query->object = object;
    query->record = *id;
    auto page = co_await http::Offload(app.blocking, [&]() -> Result<domain::AuditPage> {
      // The history of a record one may not see does not exist either; a deleted one still has one.
      auto found = app.records.Find(CallerOf(ctx), object, *id, true);
      if (!found.ok()) return std::move(found).error();
      if (!found->has_value()) return Error{ErrorCode::kNotFound, fmt::format("no {} with id {}", object, *id), {}};
      return store::ReadValue(app.db, [&](store::Connection& conn) { return domain::ReadAudit(conn, *query); });
    });
    if (!page.ok()) co_return Problem(ctx, page.error());
    co_return Json(ctx, status::ok, PageJson(*page));
  };
}

}  // namespace

void AuditHandler::AddRoutes(http::Router& router, App& app) {
  router.Add(verb::get, "/api/v1/audit", Audit(app), http::RouteAccess::kAdmin);
  router.Add(verb::get, "/api/v1/objects/{object}/{id}/history", History(app, ""));
  auto registry = app.registry.Get();
  for (const meta::ObjectDef& def : registry->objects()) {
    if (def.path.empty()) continue;
    router.Add(verb::get, fmt::format("/api/v1/{}/{{id}}/history", def.path), History(app, def.name));
  }
}

}  // namespace rapport::api
