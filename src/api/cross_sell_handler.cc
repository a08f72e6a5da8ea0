#include "api/cross_sell_handler.h"

#include <fmt/format.h>

#include "api/reply.h"
#include "api/request_caller.h"
#include "common/utf8.h"
#include "domain/sales/cross_sell.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

// The query's window, threshold and limit; `owner` too where the route takes one (else it stays unset
// and is refused like any unknown parameter).
Result<domain::CrossSellOptions> Options(const http::RequestContext& ctx, std::optional<std::int64_t>* owner = nullptr) {
  auto params = ctx.QueryParams();
  if (!params) return BadInput("query", "is not valid percent-encoding");
  domain::CrossSellOptions options;
  for (const auto& [name, value] : *params) {
    if (!IsValidUtf8(name)) return BadInput("query", "must be valid UTF-8");
    if (name == "owner" && owner != nullptr) {
      auto id = ParseId("owner", value);
      if (!id.ok()) return std::move(id).error();
      *owner = *id;
    } else if (name == "limit") {
      auto limit = ParseLimit(value, domain::kMaxCrossSellLimit);
      if (!limit.ok()) return std::move(limit).error();
      options.limit = *limit;
    } else if (name == "days") {
      auto days = ParseId("days", value);
      if (!days.ok() || *days > domain::kMaxCrossSellDays) {
        return BadInput("days", fmt::format("must be an integer from 1 to {}", domain::kMaxCrossSellDays));
      }
      options.days = static_cast<int>(*days);
    } else if (name == "min_orders") {
      auto n = ParseId("min_orders", value);
      if (!n.ok()) return std::move(n).error();
      options.min_orders = *n;
    } else {
      return BadInput(name, owner != nullptr ? "is not a parameter here (owner, days, min_orders, limit)"
                                             : "is not a parameter here (days, min_orders, limit)");
    }
  }
  return options;
}

http::Handler Pairs(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto options = Options(ctx);
    if (!options.ok()) co_return Problem(ctx, options.error());
    auto pairs = co_await http::Offload(app.blocking,
                                        [&] { return domain::BoughtTogether(app.db, app.clock.Now(), *options); });
    if (!pairs.ok()) co_return Problem(ctx, pairs.error());
    bj::array data;
    for (const domain::ProductPair& p : *pairs) {
      data.push_back(bj::object{{"a", bj::object{{"id", p.a}, {"name", p.a_name}}},
                                {"b", bj::object{{"id", p.b}, {"name", p.b_name}}},
                                {"orders", p.orders},
                                {"support", p.support},
                                {"confidence_ab", p.confidence_ab},
                                {"confidence_ba", p.confidence_ba},
                                {"lift", p.lift}});
    }
    co_return Json(ctx, status::ok, bj::object{{"days", options->days}, {"data", std::move(data)}});
  };
}

bj::object SuggestionJson(const domain::Suggestion& s) {
  return bj::object{{"product", bj::object{{"id", s.product}, {"name", s.name}}},
                    {"orders", s.orders},
                    {"confidence", s.confidence},
                    {"lift", s.lift}};
}

http::Handler Suggestions(App& app, std::string object) {
  return [&app, object](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto options = Options(ctx);
    if (!options.ok()) co_return Problem(ctx, options.error());
    auto found = co_await http::Offload(app.blocking, [&] {
      return domain::SuggestFor(app.records, CallerOf(ctx), object, *id, app.clock.Now(), *options);
    });
    if (!found.ok()) co_return Problem(ctx, found.error());
    bj::array data;
    for (const domain::Suggestion& s : *found) data.push_back(SuggestionJson(s));
    co_return Json(ctx, status::ok, bj::object{{"days", options->days}, {"data", std::move(data)}});
  };
}

// The owner's list: their latest buyers' best suggestions; the caller's own by default.
http::Handler ForOwner(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    std::optional<std::int64_t> owner;
    auto options = Options(ctx, &owner);
    if (!options.ok()) co_return Problem(ctx, options.error());
    const domain::Caller caller = CallerOf(ctx);
    if (!owner) owner = caller.actor;
    if (!owner) co_return Problem(ctx, BadInput("owner", "is required for callers that are not a user"));
    auto found = co_await http::Offload(app.blocking, [&] {
      return domain::SuggestForOwner(app.records, caller, *owner, app.clock.Now(), *options);
    });
    if (!found.ok()) co_return Problem(ctx, found.error());
    bj::array data;
    for (const domain::CustomerSuggestion& c : *found) {
      data.push_back(bj::object{{"customer", bj::object{{"object", c.object}, {"id", c.id}, {"name", c.name}}},
                                {"suggestion", SuggestionJson(c.best)}});
    }
    co_return Json(ctx, status::ok,
                   bj::object{{"owner", *owner}, {"days", options->days}, {"data", std::move(data)}});
  };
}

}  // namespace

void CrossSellHandler::AddRoutes(http::Router& router, App& app) {
  router.Add(verb::get, "/api/v1/cross_sell/pairs", Pairs(app));
  router.Add(verb::get, "/api/v1/cross_sell/suggestions", ForOwner(app));
  router.Add(verb::get, "/api/v1/people/{id}/suggestions", Suggestions(app, "person"));
  router.Add(verb::get, "/api/v1/organizations/{id}/suggestions", Suggestions(app, "organization"));
}

}  // namespace rapport::api
