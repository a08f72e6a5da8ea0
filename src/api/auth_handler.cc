#include "api/auth_handler.h"

#include <fmt/format.h>

#include <initializer_list>

#include "api/auth_middleware.h"
#include "api/reply.h"
#include "api/request_caller.h"
#include "common/json.h"
#include "domain/auth/password.h"
#include "http/cookies.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::RouteAccess;
using http::bhttp::field;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::size_t kMaxEmail = 320;

// The body as an object whose members are all among `allowed`.
Result<bj::object> Body(const http::RequestContext& ctx, std::initializer_list<std::string_view> allowed,
                        std::string_view what) {
  auto body = json::ParseObject(ctx.request.body());
  if (!body.ok()) return body;
  for (const auto& member : *body) {
    if (std::find(allowed.begin(), allowed.end(), member.key()) == allowed.end()) {
      return BadInput(member.key(), fmt::format("is not a member of {}", what));
    }
  }
  return body;
}

// The string member `name`, required, at most `max` bytes.
Result<std::string> Text(const bj::object& body, std::string_view name, std::size_t max) {
  auto value = json::OptionalString(body, name);
  if (!value.ok()) return std::move(value).error();
  if (!*value || (*value)->empty()) return BadInput(name, "is required");
  if ((*value)->size() > max) return BadInput(name, fmt::format("must be at most {} bytes", max));
  return std::move(**value);
}

bj::object PrincipalJson(const Principal& p) {
  bj::array teams;
  for (std::int64_t t : p.teams) teams.emplace_back(t);
  return bj::object{{"id", p.user_id},
                    {"email", p.email},
                    {"name", p.name},
                    {"role", RoleName(p.role)},
                    {"teams", std::move(teams)},
                    {"access", AccessLevelName(p.level)},
                    {"via", p.via == Principal::Via::kSession ? "session" : "api_key"}};
}

bj::object SessionJson(const Principal& p) {
  bj::object body{{"user", PrincipalJson(p)}};
  if (p.via == Principal::Via::kSession) body["csrf_token"] = p.csrf_token;
  return body;
}

bj::object KeyJson(const domain::ApiKeyInfo& k) {
  auto time = [](const std::optional<Micros>& t) { return t ? bj::value(FormatTimestamp(*t)) : bj::value(nullptr); };
  return bj::object{{"id", k.id},
                    {"user", k.user_id},
                    {"name", k.name},
                    {"prefix", k.prefix},
                    {"scope", AccessLevelName(k.scope)},
                    {"created_at", FormatTimestamp(k.created_at)},
                    {"created_by", k.created_by ? bj::value(*k.created_by) : bj::value(nullptr)},
                    {"last_used_at", time(k.last_used_at)},
                    {"revoked_at", time(k.revoked_at)}};
}

http::Response NoContent(const http::RequestContext& ctx) { return {status::no_content, ctx.request.version()}; }

bool IsJson(const http::RequestContext& ctx) {
  auto it = ctx.request.find(field::content_type);
  if (it == ctx.request.end()) return false;
  std::string_view type = it->value();
  return type.substr(0, type.find(';')) == "application/json";
}

http::Handler Login(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    // A cross-site form can post text/plain or form data without asking; JSON it cannot. So
    // requiring JSON stops another site from signing a browser in to an account of its choosing.
    if (!IsJson(ctx)) {
      co_return Problem(ctx, BadInput("Content-Type", "must be application/json"));
    }
    auto body = Body(ctx, {"email", "password"}, "a sign-in");
    if (!body.ok()) co_return Problem(ctx, body.error());
    auto email = Text(*body, "email", kMaxEmail);
    if (!email.ok()) co_return Problem(ctx, email.error());
    auto password = Text(*body, "password", domain::kMaxPasswordLength);
    if (!password.ok()) co_return Problem(ctx, password.error());
    domain::LoginRequest request{std::move(*email), std::move(*password), ctx.remote.to_string(), {}, ctx.request_id};
    if (auto agent = ctx.request.find(field::user_agent); agent != ctx.request.end()) {
      request.user_agent = std::string(agent->value());
    }
    auto session = co_await http::Offload(app.blocking, [&] { return app.auth.Login(request); });
    if (!session.ok()) co_return Problem(ctx, session.error());
    http::Response response = Json(ctx, status::ok, SessionJson(session->principal));
    long max_age = static_cast<long>((session->expires_at - app.clock.Now()) / 1'000'000);
    response.set(field::set_cookie, http::SetCookieValue(kSessionCookie, session->token,
                                                         {max_age, http::ClientUsesTls(ctx.request)}));
    response.set(field::cache_control, "no-store");
    co_return response;
  };
}

http::Handler Logout(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    Status done = co_await http::Offload(app.blocking, [&] { return app.auth.Logout(*ctx.principal); });
    if (!done.ok()) co_return Problem(ctx, done.error());
    http::Response response = NoContent(ctx);
    response.set(field::set_cookie, http::SetCookieValue(kSessionCookie, "", {0, http::ClientUsesTls(ctx.request)}));
    co_return response;
  };
}

http::Handler CurrentSession() {
  return [](http::RequestContext& ctx) -> Awaitable {
    http::Response response = Json(ctx, status::ok, SessionJson(*ctx.principal));
    response.set(field::cache_control, "no-store");
    co_return response;
  };
}

http::Handler ChangePassword(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto body = Body(ctx, {"current_password", "new_password"}, "a password change");
    if (!body.ok()) co_return Problem(ctx, body.error());
    auto current = Text(*body, "current_password", domain::kMaxPasswordLength);
    if (!current.ok()) co_return Problem(ctx, current.error());
    auto next = json::OptionalString(*body, "new_password");
    if (!next.ok()) co_return Problem(ctx, next.error());
    if (!*next) co_return Problem(ctx, BadInput("new_password", "is required"));
    Status done = co_await http::Offload(
        app.blocking, [&] { return app.auth.ChangePassword(*ctx.principal, *current, **next, CallerOf(ctx)); });
    if (!done.ok()) co_return Problem(ctx, done.error());
    co_return NoContent(ctx);
  };
}

http::Handler ResetPassword(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    auto body = Body(ctx, {"password"}, "a password reset");
    if (!body.ok()) co_return Problem(ctx, body.error());
    auto password = json::OptionalString(*body, "password");
    if (!password.ok()) co_return Problem(ctx, password.error());
    if (!*password) co_return Problem(ctx, BadInput("password", "is required"));
    Status done = co_await http::Offload(app.blocking, [&] { return app.auth.SetPassword(*id, **password, CallerOf(ctx)); });
    if (!done.ok()) co_return Problem(ctx, done.error());
    co_return NoContent(ctx);
  };
}

http::Handler ListKeys(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto all = ctx.Query("all");
    if (all && *all != "true" && *all != "false") co_return Problem(ctx, BadInput("all", "must be true or false"));
    auto keys = co_await http::Offload(
        app.blocking, [&] { return app.auth.ListApiKeys(*ctx.principal, all && *all == "true"); });
    if (!keys.ok()) co_return Problem(ctx, keys.error());
    bj::array data;
    for (const domain::ApiKeyInfo& k : *keys) data.push_back(KeyJson(k));
    co_return Json(ctx, status::ok, bj::object{{"data", std::move(data)}});
  };
}

http::Handler CreateKey(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto body = Body(ctx, {"name", "scope", "user"}, "an API key");
    if (!body.ok()) co_return Problem(ctx, body.error());
    auto name = Text(*body, "name", 200);
    if (!name.ok()) co_return Problem(ctx, name.error());
    auto scope_text = Text(*body, "scope", 16);
    if (!scope_text.ok()) co_return Problem(ctx, scope_text.error());
    AccessLevel scope = AccessLevel::kRead;
    if (!ParseAccessLevel(*scope_text, scope)) co_return Problem(ctx, BadInput("scope", "must be read, write or admin"));
    auto user = json::OptionalInt(*body, "user");
    if (!user.ok()) co_return Problem(ctx, user.error());
    if (*user && **user <= 0) co_return Problem(ctx, BadInput("user", "must be a user's id"));
    auto key = co_await http::Offload(
        app.blocking, [&] { return app.auth.CreateApiKey(*ctx.principal, user->value_or(0), *name, scope, CallerOf(ctx)); });
    if (!key.ok()) co_return Problem(ctx, key.error());
    bj::object out = KeyJson(key->info);
    out["key"] = key->key;
    http::Response response = Json(ctx, status::created, out);
    response.set(field::location, fmt::format("/api/v1/api-keys/{}", key->info.id));
    response.set(field::cache_control, "no-store");
    co_return response;
  };
}

http::Handler RevokeKey(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    auto id = IdParam(ctx, "id");
    if (!id.ok()) co_return Problem(ctx, id.error());
    Status done = co_await http::Offload(app.blocking, [&] { return app.auth.RevokeApiKey(*ctx.principal, *id); });
    if (!done.ok()) co_return Problem(ctx, done.error());
    co_return NoContent(ctx);
  };
}

}  // namespace

void AuthHandler::AddRoutes(http::Router& router, App& app) {
  router.Add(verb::post, "/api/v1/auth/login", Login(app), RouteAccess::kPublic);
  // Signing out, one's own password and one's own keys need no more than read access: a
  // read-only user has them too (a key's scope is capped at its creator's level by the service).
  router.Add(verb::post, "/api/v1/auth/logout", Logout(app), RouteAccess::kRead);
  router.Add(verb::get, "/api/v1/auth/session", CurrentSession());
  router.Add(verb::post, "/api/v1/auth/password", ChangePassword(app), RouteAccess::kRead);
  router.Add(verb::post, "/api/v1/users/{id}/password", ResetPassword(app), RouteAccess::kAdmin);
  router.Add(verb::get, "/api/v1/api-keys", ListKeys(app));
  router.Add(verb::post, "/api/v1/api-keys", CreateKey(app), RouteAccess::kRead);
  router.Add(verb::delete_, "/api/v1/api-keys/{id}", RevokeKey(app), RouteAccess::kRead);
}

}  // namespace rapport::api
