#include "api/merge_handler.h"

#include <fmt/format.h>

#include "api/reply.h"
#include "api/request_caller.h"
#include "common/json.h"
#include "domain/merge/duplicates.h"
#include "domain/merge/merge_values.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::bhttp::field;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

http::Handler Duplicates(App& app, std::string object) {
  return [&app, object](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto found = co_await http::Offload(app.blocking, [&] { return domain::FindDuplicates(app.records, CallerOf(ctx), object, *id); });
    if (!found.ok()) co_return Problem(ctx, found.error());
    bj::array data;
    for (const domain::Duplicate& d : *found) {
      bj::array reasons;
      for (const std::string& r : d.reasons) reasons.emplace_back(r);
      data.push_back(bj::object{{"id", d.id}, {"title", d.title}, {"reasons", std::move(reasons)}});
    }
    co_return Json(ctx, status::ok, bj::object{{"data", std::move(data)}});
  };
}

http::Handler Merge(App& app, std::string object) {
  return [&app, object](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto if_match = IfMatch(ctx);
    if (!if_match.ok()) co_return Problem(ctx, if_match.error());
    auto body = json::ParseObject(ctx.request.body());
    if (!body.ok()) co_return Problem(ctx, body.error());
    for (const auto& member : *body) {
      if (member.key() != "from") co_return Problem(ctx, BadInput(member.key(), "is not a member of a merge"));
    }
    auto from = json::OptionalInt(*body, "from");
    if (!from.ok()) co_return Problem(ctx, from.error());
    if (!*from || **from <= 0) co_return Problem(ctx, BadInput("from", "is required: the id of the record to merge into this one"));
    auto merged = co_await http::Offload(app.blocking, [&] { return app.records.Merge(CallerOf(ctx), object, *id, **from, *if_match); });
    if (!merged.ok()) co_return Problem(ctx, merged.error());
    const std::int64_t version = merged->record.at("version").as_int64();
    http::Response response =
        Json(ctx, status::ok, bj::object{{"record", std::move(merged->record)}, {"merge", merged->merge.ToJson()}});
    response.set(field::etag, fmt::format("\"{}\"", version));
    co_return response;
  };
}

http::Handler Merges(App& app, std::string object) {
  return [&app, object](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto merges = co_await http::Offload(app.blocking, [&] { return app.records.MergesInto(CallerOf(ctx), object, *id); });
    if (!merges.ok()) co_return Problem(ctx, merges.error());
    bj::array data;
    for (const domain::MergeEntry& m : *merges) data.push_back(m.ToJson());
    co_return Json(ctx, status::ok, bj::object{{"data", std::move(data)}});
  };
}

}  // namespace

void MergeHandler::AddRoutes(http::Router& router, App& app) {
  auto registry = app.registry.Get();
  for (std::string_view name : domain::kMergeableObjects) {
    const meta::ObjectDef* def = registry->FindObject(name);
    if (def == nullptr || def->path.empty()) continue;
    const std::string object(name);
    const std::string base = fmt::format("/api/v1/{}/{{id}}", def->path);
    router.Add(verb::get, base + "/duplicates", Duplicates(app, object));
    router.Add(verb::post, base + "/merge", Merge(app, object));
    router.Add(verb::get, base + "/merges", Merges(app, object));
  }
}

}  // namespace rapport::api
