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

// The query's threshold and limit; `owner` too where the route takes one (else it stays unset
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
    } else if (name == "min_orders") {
      auto n = ParseId("min_orders", value);
      if (!n.ok()) return std::move(n).error();
      options.min_orders = *n;
    } else {
      return BadInput(name, owner != nullptr ? "is not a parameter here (owner, min_orders, limit)"
                                             : "is not a parameter here (min_orders, limit)");
    }
  }
  return options;
}

// The answer's envelope: the window the counts cover and when they were made.
bj::object Answer(const domain::CrossSellWindow& window, bj::array data) {
  return bj::object{{"days", window.days}, {"refreshed_at", FormatTimestamp(window.refreshed_at)},
                    {"data", std::move(data)}};
}

// Runs `work(window)` off the I/O threads with the stored window (counted first if never).
template <typename F>
auto WithWindow(App& app, F work) {
  return http::Offload(app.blocking, [&app, work = std::move(work)]() -> decltype(work(domain::CrossSellWindow{})) {
    auto window = domain::CurrentCrossSellWindow(app.db, app.clock.Now());
    if (!window.ok()) return std::move(window).error();
    return work(*window);
  });
}

bj::object SuggestionJson(const domain::Suggestion& s) {
  return bj::object{{"product", bj::object{{"id", s.product}, {"name", s.name}}},
                    {"orders", s.orders},
                    {"confidence", s.confidence},
                    {"lift", s.lift}};
}

http::Handler Pairs(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto options = Options(ctx);
    if (!options.ok()) co_return Problem(ctx, options.error());
    auto answer = co_await WithWindow(app, [&](const domain::CrossSellWindow& window) -> Result<bj::object> {
      auto pairs = domain::BoughtTogether(app.db, *options);
      if (!pairs.ok()) return std::move(pairs).error();
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
      return Answer(window, std::move(data));
    });
    if (!answer.ok()) co_return Problem(ctx, answer.error());
    co_return Json(ctx, status::ok, std::move(*answer));
  };
}

http::Handler Suggestions(App& app, std::string object) {
  return [&app, object](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto options = Options(ctx);
    if (!options.ok()) co_return Problem(ctx, options.error());
    const domain::Caller caller = CallerOf(ctx);
    auto answer = co_await WithWindow(app, [&](const domain::CrossSellWindow& window) -> Result<bj::object> {
      auto found = domain::SuggestFor(app.records, caller, object, *id, window, *options);
      if (!found.ok()) return std::move(found).error();
      bj::array data;
      for (const domain::Suggestion& s : *found) data.push_back(SuggestionJson(s));
      return Answer(window, std::move(data));
    });
    if (!answer.ok()) co_return Problem(ctx, answer.error());
    co_return Json(ctx, status::ok, std::move(*answer));
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
    auto answer = co_await WithWindow(app, [&](const domain::CrossSellWindow& window) -> Result<bj::object> {
      auto found = domain::SuggestForOwner(app.records, caller, *owner, window, *options);
      if (!found.ok()) return std::move(found).error();
      bj::array data;
      for (const domain::CustomerSuggestion& c : *found) {
        data.push_back(bj::object{{"customer", bj::object{{"object", c.object}, {"id", c.id}, {"name", c.name}}},
                                  {"suggestion", SuggestionJson(c.best)}});
      }
      bj::object out = Answer(window, std::move(data));
      out["owner"] = *owner;
      return out;
    });
    if (!answer.ok()) co_return Problem(ctx, answer.error());
    co_return Json(ctx, status::ok, std::move(*answer));
  };
}

// Counts again now, over `days` (default: the stored window's, else 365).
http::Handler Refresh(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto params = ctx.QueryParams();
    if (!params) co_return Problem(ctx, BadInput("query", "is not valid percent-encoding"));
    std::optional<int> days;
    for (const auto& [name, value] : *params) {
      if (name != "days") co_return Problem(ctx, BadInput(name, "is not a parameter here (days)"));
      auto n = ParseId("days", value);
      if (!n.ok() || *n > domain::kMaxCrossSellDays) {
        co_return Problem(ctx, BadInput("days", fmt::format("must be an integer from 1 to {}", domain::kMaxCrossSellDays)));
      }
      days = static_cast<int>(*n);
    }
    auto window = co_await http::Offload(app.blocking, [&] {
      return days ? domain::RefreshCrossSell(app.db, app.clock.Now(), *days)
                  : domain::RefreshCrossSell(app.db, app.clock.Now());
    });
    if (!window.ok()) co_return Problem(ctx, window.error());
    co_return Json(ctx, status::ok,
                   bj::object{{"days", window->days}, {"since", FormatTimestamp(window->since)},
                              {"orders", window->orders}, {"refreshed_at", FormatTimestamp(window->refreshed_at)}});
  };
}

}  // namespace

void CrossSellHandler::AddRoutes(http::Router& router, App& app) {
  router.Add(verb::get, "/api/v1/cross_sell/pairs", Pairs(app));
  router.Add(verb::get, "/api/v1/cross_sell/suggestions", ForOwner(app));
  router.Add(verb::post, "/api/v1/cross_sell/refresh", Refresh(app), http::RouteAccess::kAdmin);
  router.Add(verb::get, "/api/v1/people/{id}/suggestions", Suggestions(app, "person"));
  router.Add(verb::get, "/api/v1/organizations/{id}/suggestions", Suggestions(app, "organization"));
}

}  // namespace rapport::api
