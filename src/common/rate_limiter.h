// Counts events per key in fixed one-minute windows, in this process's memory: a spam brake for
// public endpoints (web forms), not an exact quota (each node counts its own). Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace rapport {

class RateLimiter {
 public:
  static constexpr std::size_t kMaxKeys = 100'000;  // beyond it, finished windows are dropped

  // Whether one more event for `key` at `now` stays within `per_minute`; when it does not,
  // `retry_after` is the seconds until the window ends. A refused event does not count.
  bool Allow(const std::string& key, int per_minute, Micros now, int& retry_after);

 private:
  struct Window {
    Micros start = 0;
    int count = 0;
  };

  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace rapport
