#include "api/tags_handler.h"

#include <fmt/format.h>

#include "api/reply.h"
#include "common/json.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

using http::bhttp::status;
using Awaitable = boost::asio::awaitable<http::Response>;

boost::json::object ToJson(const domain::Tag& tag) {
  boost::json::object o;
  o["id"] = tag.id;
  o["name"] = tag.name;
  o["color"] = tag.color ? boost::json::value(*tag.color) : nullptr;
  o["description"] = tag.description ? boost::json::value(*tag.description) : nullptr;
  o["version"] = tag.version;
  o["created_at"] = FormatTimestamp(tag.created_at);
  o["updated_at"] = FormatTimestamp(tag.updated_at);
  return o;
}

std::string ETag(const domain::Tag& tag) { return fmt::format("\"{}\"", tag.version); }

Result<domain::NewTag> Decode(const http::RequestContext& ctx) {
  auto body = JsonBody(ctx, {"name", "color", "description"});
  if (!body.ok()) return std::move(body).error();
  domain::NewTag tag;
  std::vector<FieldError> problems;
  auto name = json::OptionalString(*body, "name");
  auto color = json::OptionalString(*body, "color");
  auto description = json::OptionalString(*body, "description");
  for (const auto* r : {&name, &color, &description}) {
    if (!r->ok()) problems.insert(problems.end(), r->error().fields.begin(), r->error().fields.end());
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidArgument, "the tag is not valid", std::move(problems)};
  tag.name = name->value_or("");
  tag.color = *color;
  tag.description = *description;
  return tag;
}

}  // namespace

http::Handler TagsHandler::Create(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto input = Decode(ctx);
    if (!input.ok()) co_return Problem(ctx, input.error());
    auto created = co_await http::Offload(app.blocking, [&] { return app.tags.Create(std::move(*input)); });
    if (!created.ok()) co_return Problem(ctx, created.error());
    http::Response response = Json(ctx, status::created, ToJson(*created));
    response.set(http::bhttp::field::location, fmt::format("/api/v1/tags/{}", created->id));
    response.set(http::bhttp::field::etag, ETag(*created));
    co_return response;
  };
}

http::Handler TagsHandler::Get(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto found = co_await app.PointRead([&] { return app.tags.Find(*id); });
    if (!found.ok()) co_return Problem(ctx, found.error());
    if (!found->has_value()) {
      co_return Problem(ctx, Error{ErrorCode::kNotFound, fmt::format("no tag with id {}", *id), {}});
    }
    http::Response response = Json(ctx, status::ok, ToJson(**found));
    response.set(http::bhttp::field::etag, ETag(**found));
    co_return response;
  };
}

http::Handler TagsHandler::List(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto limit = LimitParam(ctx, 50, domain::TagService::kMaxPageSize);
    if (!limit.ok()) co_return Problem(ctx, limit.error());
    auto after = AfterParam(ctx);
    if (!after.ok()) co_return Problem(ctx, after.error());
    auto page = co_await http::Offload(app.blocking, [&] { return app.tags.List(*after, *limit); });
    if (!page.ok()) co_return Problem(ctx, page.error());
    boost::json::array data;
    for (const auto& tag : page->tags) data.push_back(ToJson(tag));
    boost::json::object body{{"data", std::move(data)}};
    body["next"] = page->next_after ? boost::json::value(std::to_string(*page->next_after)) : nullptr;
    co_return Json(ctx, status::ok, body);
  };
}

}  // namespace rapport::api
