// Time as microseconds since the Unix epoch (UTC), the one representation stored in both dialects,
// and a Clock that tests can replace.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace rapport {

using Micros = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Micros Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Micros Now() const override {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that moves only when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Micros start) : now_(start) {}
  Micros Now() const override { return now_.load(); }
  void Advance(Micros by) { now_ += by; }

 private:
  std::atomic<Micros> now_;
};

// RFC 3339 in UTC with milliseconds: "2026-11-23T18:50:00.123Z".
std::string FormatTimestamp(Micros micros);

}  // namespace rapport
