// Cookies (RFC 6265): reading one from the Cookie header and writing Set-Cookie. Beast parses
// header lists but not the Cookie header's "a=1; b=2", so that small part is written here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/types.h"

namespace rapport::http {

// The value of the first cookie named `name`; nullopt when the request has none.
std::optional<std::string_view> CookieValue(const Request& request, std::string_view name);

struct CookieOptions {
  long max_age = -1;  // seconds; -1: a session cookie; 0: delete it
  bool secure = false;
};
// "name=value; Path=/; HttpOnly; SameSite=Lax[; Max-Age=N][; Secure]": readable by no script and
// sent on cross-site top-level navigations only (not on cross-site POSTs).
std::string SetCookieValue(std::string_view name, std::string_view value, const CookieOptions& options);

// True when the client reached us over TLS: a proxy in front says so with X-Forwarded-Proto.
bool ClientUsesTls(const Request& request);

}  // namespace rapport::http
