#include "api/auth_middleware.h"

#include <boost/asio/post.hpp>
#include <fmt/format.h>

#include "api/reply.h"
#include "common/logging.h"
#include "domain/auth/tokens.h"
#include "http/cookies.h"

namespace rapport::api {
namespace {

using http::bhttp::field;
using http::bhttp::verb;

bool IsSafe(verb method) { return method == verb::get || method == verb::head || method == verb::options; }

AccessLevel Needed(http::RouteAccess access) {
  switch (access) {
    case http::RouteAccess::kPublic:
    case http::RouteAccess::kRead: return AccessLevel::kRead;
    case http::RouteAccess::kWrite: return AccessLevel::kWrite;
    case http::RouteAccess::kAdmin: return AccessLevel::kAdmin;
  }
  return AccessLevel::kAdmin;
}

http::Response Unauthenticated(const http::RequestContext& ctx, std::string message) {
  http::Response response = Problem(ctx, Error{ErrorCode::kUnauthenticated, std::move(message), {}});
  response.set(field::www_authenticate, "Bearer realm=\"rapport\"");
  return response;
}

// "Bearer <key>" with the scheme in any case (RFC 9110 11.1); nullopt for another scheme.
std::optional<std::string_view> BearerKey(std::string_view header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return std::nullopt;
  }
  std::string_view key = header.substr(kScheme.size());
  while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  if (key.empty()) return std::nullopt;
  return key;
}

}  // namespace

boost::asio::awaitable<std::optional<http::Response>> AuthMiddleware::Before(http::RequestContext& ctx) {
  if (ctx.access == http::RouteAccess::kPublic) co_return std::nullopt;
  bool touch = false;
  std::optional<Result<Principal>> principal;
  auto authorization = ctx.request.find(field::authorization);
  if (authorization != ctx.request.end()) {
    auto key = BearerKey(authorization->value());
    if (!key) co_return Unauthenticated(ctx, "Authorization must be \"Bearer <API key>\"");
    principal.emplace(co_await app_.PointRead([&] { return app_.auth.AuthenticateApiKey(*key, touch); }));
  } else if (auto token = http::CookieValue(ctx.request, kSessionCookie); token && !token->empty()) {
    principal.emplace(co_await app_.PointRead([&] { return app_.auth.AuthenticateSession(*token, touch); }));
  } else {
    co_return Unauthenticated(ctx, "sign in first (POST /api/v1/auth/login), or send an API key as Authorization: Bearer <key>");
  }
  if (!principal->ok()) {
    if (principal->error().code == ErrorCode::kUnauthenticated) co_return Unauthenticated(ctx, principal->error().message);
    co_return Problem(ctx, principal->error());
  }
  Principal& who = **principal;
  if (touch) {
    // Last-seen and last-used move at most once a minute, after the answer, off the I/O thread.
    boost::asio::post(app_.blocking, [&auth = app_.auth, who] {
      Status touched = auth.Touch(who);
      if (!touched.ok()) logging::Warn("cannot record a session's or key's use", {{"error", touched.error().message}});
    });
  }
  if (who.via == Principal::Via::kSession && !IsSafe(ctx.request.method())) {
    auto sent = ctx.request.find(kCsrfHeader);
    if (sent == ctx.request.end() || !domain::SameSecret(sent->value(), who.csrf_token)) {
      co_return Problem(ctx, Error{ErrorCode::kPermissionDenied,
                                   fmt::format("{} is missing or wrong: send the csrf_token of the sign-in answer "
                                               "(also at GET /api/v1/auth/session) with every change",
                                               kCsrfHeader),
                                   {}});
    }
  }
  AccessLevel needed = Needed(ctx.access);
  if (who.level < needed) {
    co_return Problem(ctx, Error{ErrorCode::kPermissionDenied,
                                 fmt::format("this needs {} access; {} allows {}", AccessLevelName(needed),
                                             who.via == Principal::Via::kApiKey ? "this API key" : "your role",
                                             AccessLevelName(who.level)),
                                 {}});
  }
  ctx.principal = std::move(who);
  co_return std::nullopt;
}

}  // namespace rapport::api
