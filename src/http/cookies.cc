#include "http/cookies.h"

#include <fmt/format.h>

namespace rapport::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string_view> CookieValue(const Request& request, std::string_view name) {
  auto [first, last] = request.equal_range(bhttp::field::cookie);
  for (auto it = first; it != last; ++it) {
    std::string_view header = it->value();
    while (!header.empty()) {
      std::size_t end = header.find(';');
      std::string_view pair = Trim(header.substr(0, end));
      header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
      std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != name) continue;
      std::string_view value = Trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return value;
    }
  }
  return std::nullopt;
}

std::string SetCookieValue(std::string_view name, std::string_view value, const CookieOptions& options) {
  std::string out = fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax", name, value);
  if (options.max_age >= 0) out += fmt::format("; Max-Age={}", options.max_age);
  if (options.secure) out += "; Secure";
  return out;
}

bool ClientUsesTls(const Request& request) {
  auto it = request.find("X-Forwarded-Proto");
  return it != request.end() && Trim(it->value()) == "https";
}

}  // namespace rapport::http
