#include "common/clock.h"

#include <fmt/format.h>

#include <chrono>

namespace rapport {

std::string FormatTimestamp(Micros micros) {
  // Calendar arithmetic of <chrono>: gmtime_r takes glibc's time-zone lock on every call, which
  // every thread rendering records queued on.
  using namespace std::chrono;
  const sys_time<microseconds> t{microseconds(micros)};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> time{floor<milliseconds>(t - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), time.hours().count(),
                     time.minutes().count(), time.seconds().count(), time.subseconds().count());
}

}  // namespace rapport
