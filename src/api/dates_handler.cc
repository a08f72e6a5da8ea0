#include "api/dates_handler.h"

#include <fmt/format.h>

#include <charconv>

#include "api/reply.h"
#include "api/request_caller.h"
#include "domain/relationship/upcoming_dates.h"
#include "http/offload.h"

namespace rapport::api {

http::Handler DatesHandler::Upcoming(App& app) {
  return [&app](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
    int days = domain::kDefaultUpcomingDays;
    if (auto text = ctx.Query("days")) {
      auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), days);
      if (ec != std::errc() || ptr != text->data() + text->size() || days < 0 || days > domain::kMaxUpcomingDays) {
        std::string problem = fmt::format("must be an integer from 0 to {}", domain::kMaxUpcomingDays);
        co_return Problem(ctx, BadInput("days", std::move(problem)));
      }
    }
    auto limit = LimitParam(ctx, 50, 200);
    if (!limit.ok()) co_return Problem(ctx, limit.error());
    auto dates = co_await http::Offload(
        app.blocking, [&] { return domain::FindUpcomingDates(app.db, *app.registry.Get(), CallerOf(ctx), app.clock.Now(), days, *limit); });
    if (!dates.ok()) co_return Problem(ctx, dates.error());
    boost::json::array data;
    for (const domain::UpcomingDate& d : *dates) {
      data.push_back(boost::json::object{{"person", d.person},   {"name", d.name},       {"kind", d.kind},
                                         {"label", d.label},     {"date", d.date},       {"next_on", d.next_on},
                                         {"in_days", d.in_days}, {"years", d.years}});
    }
    co_return Json(ctx, http::bhttp::status::ok, boost::json::object{{"data", std::move(data)}});
  };
}

}  // namespace rapport::api
