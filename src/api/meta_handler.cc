#include "api/meta_handler.h"

#include <fmt/format.h>

#include "api/reply.h"
#include "common/json.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::bhttp::field;
using http::bhttp::status;
using Awaitable = boost::asio::awaitable<http::Response>;
using RegistryPtr = std::shared_ptr<const meta::Registry>;

std::string_view OriginName(meta::Origin origin) { return origin == meta::Origin::kCustom ? "custom" : "system"; }

bj::value OptionalText(const std::string& s) { return s.empty() ? bj::value(nullptr) : bj::value(s); }

// A bound as the field's values are: an integer for int and currency (micros), a number for decimal.
bj::value Bound(const meta::FieldDef& f, const std::optional<double>& bound) {
  if (!bound) return nullptr;
  if (f.type == meta::FieldType::kDecimal) return *bound;
  return static_cast<std::int64_t>(*bound);
}

// Every property of a field, each always present (null when it does not apply), so that clients
// need no defaults of their own. max_length is the effective one (the type's default when unset).
bj::object FieldJson(const meta::FieldDef& f) {
  bj::object o;
  o["name"] = f.name;
  o["type"] = meta::FieldTypeName(f.type);
  o["label"] = f.label;
  o["description"] = f.description;
  o["required"] = f.required;
  o["unique"] = f.unique;
  o["indexed"] = f.indexed;
  o["active"] = f.active;
  o["read_only"] = f.read_only;
  o["multiple"] = f.multiple;
  o["origin"] = OriginName(f.origin);
  o["options"] = bj::value_from(f.options);
  o["target"] = OptionalText(f.target);
  o["by"] = OptionalText(f.by);
  o["min"] = Bound(f, f.min);
  o["max"] = Bound(f, f.max);
  std::optional<std::int64_t> max_length = f.max_length ? f.max_length : meta::DefaultMaxLength(f.type);
  o["max_length"] = max_length ? bj::value(*max_length) : bj::value(nullptr);
  o["default"] = f.default_value ? *f.default_value : bj::value(nullptr);
  return o;
}

bj::object ObjectJson(const meta::ObjectDef& object) {
  bj::object o;
  o["name"] = object.name;
  o["label"] = object.label;
  o["plural_label"] = object.plural_label;
  o["path"] = object.path.empty() ? "objects/" + object.name : object.path;
  o["title"] = bj::value_from(object.title);
  o["search"] = bj::value_from(object.search);
  o["writable"] = object.writable;
  o["origin"] = OriginName(object.origin);
  bj::array fields;
  fields.reserve(object.fields.size());
  for (const meta::FieldDef& f : object.fields) fields.push_back(FieldJson(f));
  o["fields"] = std::move(fields);
  return o;
}

http::Response NoContent(const http::RequestContext& ctx) { return http::Response{status::no_content, ctx.request.version()}; }

}  // namespace

http::Handler MetaHandler::Get(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    RegistryPtr registry = app.registry.Get();
    bj::array objects;
    objects.reserve(registry->objects().size());
    for (const meta::ObjectDef& object : registry->objects()) objects.push_back(ObjectJson(object));
    http::Response response =
        Json(ctx, status::ok, bj::object{{"version", registry->version()}, {"objects", std::move(objects)}});
    response.set(field::etag, fmt::format("\"{}\"", registry->version()));
    co_return response;
  };
}

http::Handler MetaHandler::AddObject(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto body = json::Parse(ctx.request.body());
    if (!body.ok()) co_return Problem(ctx, body.error());
    auto registry = co_await http::Offload(app.blocking, [&] { return app.meta.AddObject(*body); });
    if (!registry.ok()) co_return Problem(ctx, registry.error());
    const meta::ObjectDef* added = (*registry)->FindObject(std::string_view(body->at("object").as_string()));
    co_return Json(ctx, status::created, ObjectJson(*added));
  };
}

http::Handler MetaHandler::AddField(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    const std::string object(ctx.Param("object"));
    auto body = json::Parse(ctx.request.body());
    if (!body.ok()) co_return Problem(ctx, body.error());
    auto registry = co_await http::Offload(app.blocking, [&] { return app.meta.AddField(object, *body); });
    if (!registry.ok()) co_return Problem(ctx, registry.error());
    const meta::FieldDef* added = (*registry)->FindField(object, std::string_view(body->at("name").as_string()));
    co_return Json(ctx, status::created, FieldJson(*added));
  };
}

http::Handler MetaHandler::UpdateField(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    const std::string object(ctx.Param("object"));
    const std::string name(ctx.Param("field"));
    auto body = json::Parse(ctx.request.body());
    if (!body.ok()) co_return Problem(ctx, body.error());
    auto registry = co_await http::Offload(app.blocking, [&] { return app.meta.UpdateField(object, name, *body); });
    if (!registry.ok()) co_return Problem(ctx, registry.error());
    co_return Json(ctx, status::ok, FieldJson(*(*registry)->FindField(object, name)));
  };
}

http::Handler MetaHandler::PurgeField(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    const std::string object(ctx.Param("object"));
    const std::string name(ctx.Param("field"));
    auto registry = co_await http::Offload(app.blocking, [&] { return app.meta.PurgeField(object, name); });
    if (!registry.ok()) co_return Problem(ctx, registry.error());
    co_return NoContent(ctx);
  };
}

}  // namespace rapport::api
