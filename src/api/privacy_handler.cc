#include "api/privacy_handler.h"

#include "api/reply.h"
#include "api/request_caller.h"
#include "common/json.h"
#include "common/utf8.h"
#include "domain/privacy/person_erasure.h"
#include "domain/privacy/person_export.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::size_t kMaxReason = 500;

http::Handler Export(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto doc = co_await http::Offload(app.blocking, [&] { return domain::ExportPerson(app.records, CallerOf(ctx), *id, app.clock.Now()); });
    if (!doc.ok()) co_return Problem(ctx, doc.error());
    http::Response response = Json(ctx, status::ok, *doc);
    // The whole of what is held about someone: never kept by a shared cache.
    response.set(http::bhttp::field::cache_control, "no-store");
    co_return response;
  };
}

http::Handler Erase(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    std::string reason;
    if (!ctx.request.body().empty()) {
      auto body = json::ParseObject(ctx.request.body());
      if (!body.ok()) co_return Problem(ctx, body.error());
      for (const auto& member : *body) {
        if (member.key() != "reason") co_return Problem(ctx, BadInput(member.key(), "is not a member of an erasure"));
      }
      auto given = json::OptionalString(*body, "reason");
      if (!given.ok()) co_return Problem(ctx, given.error());
      if (*given) reason = std::move(**given);
      if (reason.size() > kMaxReason) co_return Problem(ctx, BadInput("reason", "must be at most 500 bytes"));
    }
    auto report = co_await http::Offload(app.blocking, [&] {
      domain::PersonErasure erasure(app.db, app.registry, app.clock);
      return erasure.Erase(CallerOf(ctx), *id, reason);
    });
    if (!report.ok()) co_return Problem(ctx, report.error());
    co_return Json(ctx, status::ok, report->ToJson());
  };
}

}  // namespace

void PrivacyHandler::AddRoutes(http::Router& router, App& app) {
  router.Add(verb::get, "/api/v1/people/{id}/export", Export(app));
  router.Add(verb::post, "/api/v1/people/{id}/erase", Erase(app), http::RouteAccess::kAdmin);
}

}  // namespace rapport::api
