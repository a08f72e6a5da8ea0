#include "api/records_handler.h"

#include <fmt/format.h>
#include <sodium.h>

#include <charconv>

#include "api/reply.h"
#include "api/request_caller.h"
#include "common/json.h"
#include "common/utf8.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::bhttp::field;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::size_t kMaxIdempotencyKey = 255;

// The object a request is for: fixed by the route (built-in paths) or the {object} parameter.
std::string ObjectOf(const http::RequestContext& ctx, const std::string& fixed) {
  return fixed.empty() ? std::string(ctx.Param("object")) : fixed;
}

// The record a request is about: its object and the {id} parameter.
struct Item {
  std::string object;
  std::int64_t id = 0;
};

Result<Item> ItemOf(const http::RequestContext& ctx, const std::string& fixed) {
  auto id = IdParam(ctx, "id");
  if (!id.ok()) return std::move(id).error();
  return Item{ObjectOf(ctx, fixed), *id};
}

http::Response NoContent(const http::RequestContext& ctx) { return {status::no_content, ctx.request.version()}; }

std::string ItemPath(App& app, std::string_view object, std::int64_t id) {
  auto registry = app.registry.Get();
  const meta::ObjectDef* def = registry->FindObject(object);
  if (def != nullptr && !def->path.empty()) return fmt::format("/api/v1/{}/{}", def->path, id);
  return fmt::format("/api/v1/objects/{}/{}", object, id);
}

http::Response RecordResponse(const http::RequestContext& ctx, status code, const bj::object& record) {
  http::Response response = Json(ctx, code, record);
  response.set(field::etag, fmt::format("\"{}\"", record.at("version").as_int64()));
  return response;
}


Result<domain::CreateOptions> Idempotency(const http::RequestContext& ctx, std::string_view object) {
  domain::CreateOptions options;
  auto it = ctx.request.find("Idempotency-Key");
  if (it == ctx.request.end()) return options;
  std::string_view key = it->value();
  if (key.empty() || key.size() > kMaxIdempotencyKey ||
      std::any_of(key.begin(), key.end(), [](char c) { return c < 0x21 || c > 0x7e; })) {
    return BadInput("Idempotency-Key", fmt::format("must be 1 to {} visible ASCII characters", kMaxIdempotencyKey));
  }
  options.idempotency_key = std::string(key);
  // The same key with another body or for another object is a different request.
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, sizeof hash);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(object.data()), object.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>("\n"), 1);
  const std::string& body = ctx.request.body();
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  crypto_generichash_final(&state, hash, sizeof hash);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  options.request_hash = hex;
  return options;
}

Result<domain::ListRequest> ListParams(const http::RequestContext& ctx) {
  auto params = ctx.QueryParams();
  if (!params) return BadInput("query", "is not valid percent-encoding");
  domain::ListRequest request;
  std::vector<FieldError> problems;
  for (const auto& [name, value] : *params) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) {
      problems.push_back({IsValidUtf8(name) ? name : "query", "must be valid UTF-8"});
      continue;
    }
    if (name == "limit") {
      auto limit = ParseLimit(value, domain::RecordService::kMaxPageSize);
      if (limit.ok()) {
        request.limit = *limit;
      } else {
        problems.push_back(limit.error().fields[0]);
      }
    } else if (name == "after") {
      request.after = value;
    } else if (name == "sort") {
      request.sort = value;
    } else if (name == "filter") {
      request.filter = value;
    } else if (name == "q") {
      request.q = value;
    } else if (name == "include_deleted") {
      if (value == "true" || value == "false") {
        request.include_deleted = value == "true";
      } else {
        problems.push_back({"include_deleted", "must be true or false"});
      }
    } else {
      problems.push_back({name.size() > 64 ? name.substr(0, 64) : name,
                          "is not a list parameter (limit, after, sort, filter, q, include_deleted)"});
    }
  }
  if (!problems.empty()) {
    std::string message = fmt::format("{} {}", problems[0].field, problems[0].problem);
    return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(problems)};
  }
  return request;
}

http::Handler Create(App& app, std::string fixed) {
  return [&app, fixed](http::RequestContext& ctx) -> Awaitable {
    const std::string object = ObjectOf(ctx, fixed);
    auto body = json::ParseObject(ctx.request.body());
    if (!body.ok()) co_return Problem(ctx, body.error());
    auto options = Idempotency(ctx, object);
    if (!options.ok()) co_return Problem(ctx, options.error());
    auto created = co_await http::Offload(
        app.blocking, [&] { return app.records.Create(CallerOf(ctx), object, std::move(*body), *options); });
    if (!created.ok()) co_return Problem(ctx, created.error());
    http::Response response = RecordResponse(ctx, status::created, created->record);
    response.set(field::location, ItemPath(app, object, created->record.at("id").as_int64()));
    if (created->replayed) response.set("Idempotent-Replayed", "true");
    co_return response;
  };
}

http::Handler Get(App& app, std::string fixed) {
  return [&app, fixed](http::RequestContext& ctx) -> Awaitable {
    auto item = ItemOf(ctx, fixed);
    if (!item.ok()) co_return Problem(ctx, item.error());
    auto found = co_await app.PointRead([&] { return app.records.Find(CallerOf(ctx), item->object, item->id, false); });
    if (!found.ok()) co_return Problem(ctx, found.error());
    if (!found->has_value()) {
      co_return Problem(ctx, Error{ErrorCode::kNotFound, fmt::format("no {} with id {}", item->object, item->id), {}});
    }
    co_return RecordResponse(ctx, status::ok, **found);
  };
}

http::Handler Patch(App& app, std::string fixed) {
  return [&app, fixed](http::RequestContext& ctx) -> Awaitable {
    auto item = ItemOf(ctx, fixed);
    if (!item.ok()) co_return Problem(ctx, item.error());
    auto if_match = IfMatch(ctx);
    if (!if_match.ok()) co_return Problem(ctx, if_match.error());
    auto body = json::ParseObject(ctx.request.body());
    if (!body.ok()) co_return Problem(ctx, body.error());
    auto updated = co_await http::Offload(
        app.blocking, [&] { return app.records.Update(CallerOf(ctx), item->object, item->id, std::move(*body), *if_match); });
    if (!updated.ok()) co_return Problem(ctx, updated.error());
    co_return RecordResponse(ctx, status::ok, *updated);
  };
}

http::Handler Delete(App& app, std::string fixed) {
  return [&app, fixed](http::RequestContext& ctx) -> Awaitable {
    auto item = ItemOf(ctx, fixed);
    if (!item.ok()) co_return Problem(ctx, item.error());
    auto if_match = IfMatch(ctx);
    if (!if_match.ok()) co_return Problem(ctx, if_match.error());
    Status deleted = co_await http::Offload(app.blocking, [&] { return app.records.Delete(CallerOf(ctx), item->object, item->id, *if_match); });
    if (!deleted.ok()) co_return Problem(ctx, deleted.error());
    co_return NoContent(ctx);
  };
}

http::Handler Restore(App& app, std::string fixed) {
  return [&app, fixed](http::RequestContext& ctx) -> Awaitable {
    auto item = ItemOf(ctx, fixed);
    if (!item.ok()) co_return Problem(ctx, item.error());
    auto restored = co_await http::Offload(app.blocking, [&] { return app.records.Restore(CallerOf(ctx), item->object, item->id); });
    if (!restored.ok()) co_return Problem(ctx, restored.error());
    co_return RecordResponse(ctx, status::ok, *restored);
  };
}

http::Handler Purge(App& app, std::string fixed) {
  return [&app, fixed](http::RequestContext& ctx) -> Awaitable {
    auto item = ItemOf(ctx, fixed);
    if (!item.ok()) co_return Problem(ctx, item.error());
    Status purged = co_await http::Offload(app.blocking, [&] { return app.records.Purge(CallerOf(ctx), item->object, item->id); });
    if (!purged.ok()) co_return Problem(ctx, purged.error());
    co_return NoContent(ctx);
  };
}

http::Handler List(App& app, std::string fixed) {
  return [&app, fixed](http::RequestContext& ctx) -> Awaitable {
    const std::string object = ObjectOf(ctx, fixed);
    auto request = ListParams(ctx);
    if (!request.ok()) co_return Problem(ctx, request.error());
    auto page = co_await http::Offload(app.blocking, [&] { return app.records.List(CallerOf(ctx), object, *request); });
    if (!page.ok()) co_return Problem(ctx, page.error());
    bj::array data;
    data.reserve(page->records.size());
    for (bj::object& r : page->records) data.emplace_back(std::move(r));
    bj::object body{{"data", std::move(data)}};
    body["next"] = page->next ? bj::value(*page->next) : nullptr;
    co_return Json(ctx, status::ok, body);
  };
}

http::Handler Search(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto q = ctx.Query("q");
    if (!q || q->empty()) co_return Problem(ctx, BadInput("q", "is required"));
    if (!IsValidUtf8(*q)) co_return Problem(ctx, BadInput("q", "must be valid UTF-8"));
    if (q->size() > RecordsHandler::kMaxSearchText) {
      co_return Problem(ctx, BadInput("q", fmt::format("must be at most {} characters", RecordsHandler::kMaxSearchText)));
    }
    auto limit = LimitParam(ctx, RecordsHandler::kDefaultSearchHits, RecordsHandler::kMaxSearchHits);
    if (!limit.ok()) co_return Problem(ctx, limit.error());
    auto hits = co_await http::Offload(app.blocking, [&] { return app.records.Search(CallerOf(ctx), *q, *limit); });
    if (!hits.ok()) co_return Problem(ctx, hits.error());
    bj::array data;
    for (const domain::SearchHit& h : *hits) {
      data.push_back(bj::object{{"object", h.object}, {"id", h.id}, {"title", h.title}});
    }
    co_return Json(ctx, status::ok, bj::object{{"data", std::move(data)}});
  };
}

// Writes to objects whose metadata says `admin_writes` (users, teams) need an admin; after one,
// cached principals are dropped, since a user's role, teams or active flag may have changed.
http::Handler Guarded(App& app, std::string fixed, http::Handler write) {
  return [&app, fixed, write = std::move(write)](http::RequestContext& ctx) -> Awaitable {
    const std::string object = ObjectOf(ctx, fixed);
    auto registry = app.registry.Get();
    const meta::ObjectDef* def = registry->FindObject(object);
    if (def == nullptr || !def->admin_writes) co_return co_await write(ctx);
    if (!ctx.principal || ctx.principal->level < AccessLevel::kAdmin) {
      co_return Problem(ctx, Error{ErrorCode::kPermissionDenied, fmt::format("only an admin may change {}", def->plural_label), {}});
    }
    http::Response response = co_await write(ctx);
    app.auth.Forget();
    co_return response;
  };
}

void AddCollection(http::Router& router, App& app, const std::string& base, const std::string& fixed) {
  router.Add(verb::get, base, List(app, fixed));
  router.Add(verb::post, base, Guarded(app, fixed, Create(app, fixed)));
  router.Add(verb::get, base + "/{id}", Get(app, fixed));
  router.Add(verb::patch, base + "/{id}", Guarded(app, fixed, Patch(app, fixed)));
  router.Add(verb::delete_, base + "/{id}", Guarded(app, fixed, Delete(app, fixed)));
  router.Add(verb::post, base + "/{id}/restore", Guarded(app, fixed, Restore(app, fixed)));
  // Purge erases for good (GDPR): an admin's step.
  router.Add(verb::post, base + "/{id}/purge", Purge(app, fixed), http::RouteAccess::kAdmin);
}

}  // namespace

void RecordsHandler::AddRoutes(http::Router& router, App& app) {
  auto registry = app.registry.Get();
  for (const meta::ObjectDef& object : registry->objects()) {
    if (!object.path.empty()) AddCollection(router, app, "/api/v1/" + object.path, object.name);
  }
  AddCollection(router, app, "/api/v1/objects/{object}", "");
  router.Add(verb::get, "/api/v1/search", Search(app));
}

}  // namespace rapport::api
