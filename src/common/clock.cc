#include "common/clock.h"

#include <fmt/format.h>

#include <ctime>

namespace rapport {

std::string FormatTimestamp(Micros micros) {
  std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
  Micros rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, rest / 1000);
}

}  // namespace rapport
