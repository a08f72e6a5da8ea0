#include "api/sales_handler.h"

#include <fmt/format.h>

#include "api/reply.h"
#include "api/request_caller.h"
#include "common/json.h"
#include "domain/sales/contract_hooks.h"
#include "domain/sales/cross_sell.h"
#include "domain/sales/sales_service.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::RouteAccess;
using http::bhttp::field;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

// {stage, position}: both in one update, so a board never shows the deal half-moved.
http::Handler MoveDeal(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto if_match = IfMatch(ctx);
    if (!if_match.ok()) co_return Problem(ctx, if_match.error());
    auto body = json::ParseObject(ctx.request.body());
    if (!body.ok()) co_return Problem(ctx, body.error());
    for (const auto& member : *body) {
      if (member.key() != "stage" && member.key() != "position") {
        co_return Problem(ctx, BadInput(member.key(), "is not a member of a move (stage, position)"));
      }
    }
    auto stage = json::OptionalInt(*body, "stage");
    if (!stage.ok()) co_return Problem(ctx, stage.error());
    if (!*stage) co_return Problem(ctx, BadInput("stage", "is required: the id of the stage to move the deal to"));
    auto position = json::OptionalInt(*body, "position");
    if (!position.ok()) co_return Problem(ctx, position.error());
    // Without a position the deal goes to the end of the stage.
    bj::object patch{{"stage", **stage}, {"position", *position ? bj::value(**position) : bj::value(nullptr)}};
    auto moved = co_await http::Offload(app.blocking, [&] { return app.records.Update(CallerOf(ctx), "deal", *id, patch, *if_match); });
    if (!moved.ok()) co_return Problem(ctx, moved.error());
    const std::int64_t version = moved->at("version").as_int64();
    http::Response response = Json(ctx, status::ok, *moved);
    response.set(field::etag, fmt::format("\"{}\"", version));
    co_return response;
  };
}

// {"deal": {...}?, "reason": "..."?}: the lead becomes a customer and the deal opens, or neither.
http::Handler Convert(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto body = json::ParseObject(ctx.request.body().empty() ? std::string("{}") : ctx.request.body());
    if (!body.ok()) co_return Problem(ctx, body.error());
    std::optional<bj::object> deal;
    for (const auto& member : *body) {
      if (member.key() == "deal") {
        if (!member.value().is_object()) co_return Problem(ctx, BadInput("deal", "must be an object of deal fields"));
        deal = member.value().get_object();
      } else if (member.key() != "reason") {
        co_return Problem(ctx, BadInput(member.key(), "is not a member of a conversion (deal, reason)"));
      }
    }
    auto reason = json::OptionalString(*body, "reason");
    if (!reason.ok()) co_return Problem(ctx, reason.error());
    auto converted = co_await http::Offload(app.blocking, [&] {
      return domain::ConvertLead(app.records, CallerOf(ctx), *id, deal, *reason);
    });
    if (!converted.ok()) co_return Problem(ctx, converted.error());
    co_return Json(ctx, status::ok, *converted);
  };
}

http::Handler Forecast(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto params = ctx.QueryParams();
    if (!params) co_return Problem(ctx, BadInput("query", "is not valid percent-encoding"));
    std::string group = "month";
    for (const auto& [name, value] : *params) {
      if (name != "group") co_return Problem(ctx, BadInput(name, "is not a parameter of the forecast (group)"));
      group = value;
    }
    auto forecast = co_await http::Offload(app.blocking, [&] { return domain::Forecast(app.records, CallerOf(ctx), group); });
    if (!forecast.ok()) co_return Problem(ctx, forecast.error());
    co_return Json(ctx, status::ok, *forecast);
  };
}

http::Handler GetSettings(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto settings = co_await http::Offload(app.blocking, [&] { return domain::ReadSalesSettings(app.db); });
    if (!settings.ok()) co_return Problem(ctx, settings.error());
    co_return Json(ctx, status::ok, settings->ToJson());
  };
}

http::Handler PatchSettings(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto body = json::ParseObject(ctx.request.body());
    if (!body.ok()) co_return Problem(ctx, body.error());
    auto settings = co_await http::Offload(app.blocking, [&]() -> Result<domain::SalesSettings> {
      RAPPORT_RETURN_IF_ERROR(domain::WriteSalesSettings(app.db, *body, app.clock.Now()));
      return domain::ReadSalesSettings(app.db);
    });
    if (!settings.ok()) co_return Problem(ctx, settings.error());
    co_return Json(ctx, status::ok, settings->ToJson());
  };
}

http::Handler Sweep(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto moved =
        co_await http::Offload(app.blocking, [&] { return domain::SweepLifecycle(app.records, app.clock.Now()); });
    if (!moved.ok()) co_return Problem(ctx, moved.error());
    auto overdue =
        co_await http::Offload(app.blocking, [&] { return domain::SweepOverdueInvoices(app.records, app.clock.Now()); });
    if (!overdue.ok()) co_return Problem(ctx, overdue.error());
    auto counted =
        co_await http::Offload(app.blocking, [&] { return domain::RefreshCrossSell(app.db, app.clock.Now()); });
    if (!counted.ok()) co_return Problem(ctx, counted.error());
    co_return Json(ctx, status::ok,
                   bj::object{{"churned", *moved}, {"overdue_invoices", *overdue}, {"cross_sell_orders", counted->orders}});
  };
}

http::Handler Recompute(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto changed = co_await http::Offload(app.blocking, [&] { return domain::RecomputePurchases(app.records); });
    if (!changed.ok()) co_return Problem(ctx, changed.error());
    co_return Json(ctx, status::ok, bj::object{{"changed", *changed}});
  };
}

}  // namespace

void SalesHandler::AddRoutes(http::Router& router, App& app) {
  router.Add(verb::post, "/api/v1/deals/{id}/move", MoveDeal(app), RouteAccess::kWrite);
  router.Add(verb::post, "/api/v1/people/{id}/convert", Convert(app), RouteAccess::kWrite);
  router.Add(verb::get, "/api/v1/forecast", Forecast(app), RouteAccess::kRead);
  router.Add(verb::get, "/api/v1/settings/sales", GetSettings(app), RouteAccess::kRead);
  router.Add(verb::patch, "/api/v1/settings/sales", PatchSettings(app), RouteAccess::kAdmin);
  router.Add(verb::post, "/api/v1/lifecycle/sweep", Sweep(app), RouteAccess::kAdmin);
  router.Add(verb::post, "/api/v1/purchases/recompute", Recompute(app), RouteAccess::kAdmin);
}

}  // namespace rapport::api
