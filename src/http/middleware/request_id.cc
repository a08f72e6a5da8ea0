#include "http/middleware/request_id.h"

#include <random>

namespace rapport::http {

std::string NewRequestId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = rng();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0xf];
    bits >>= 4;
  }
  return id;
}

namespace {

bool Acceptable(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

boost::asio::awaitable<std::optional<Response>> RequestIdMiddleware::Before(RequestContext& ctx) {
  auto given = ctx.request.find("X-Request-Id");
  if (given != ctx.request.end() && Acceptable(given->value())) {
    ctx.request_id = std::string(given->value());
  } else {
    ctx.request_id = NewRequestId();
  }
  co_return std::nullopt;
}

void RequestIdMiddleware::After(RequestContext& ctx, Response& response) {
  response.set("X-Request-Id", ctx.request_id);
}

}  // namespace rapport::http
