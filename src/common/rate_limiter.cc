#include "common/rate_limiter.h"

#include <iterator>

namespace rapport {
namespace {

constexpr Micros kMinute = 60'000'000;

}  // namespace

bool RateLimiter::Allow(const std::string& key, int per_minute, Micros now, int& retry_after) {
  std::lock_guard lock(mutex_);
  if (windows_.size() >= kMaxKeys) {
    for (auto it = windows_.begin(); it != windows_.end();) {
      it = now - it->second.start >= kMinute ? windows_.erase(it) : std::next(it);
    }
  }
  Window& w = windows_[key];
  if (now - w.start >= kMinute) w = Window{now, 0};
  if (w.count >= per_minute) {
    retry_after = static_cast<int>((w.start + kMinute - now + 999'999) / 1'000'000);
    return false;
  }
  ++w.count;
  return true;
}

}  // namespace rapport
