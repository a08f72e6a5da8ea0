#include "filter/time_operand.h"

#include <limits>

#include "meta/time_text.h"

namespace rapport::filter {
namespace {

constexpr Micros kMax = std::numeric_limits<Micros>::max();
constexpr Micros kMin = std::numeric_limits<Micros>::min();

// Rounds toward minus infinity, so that a time before 1970 falls into its own day.
Micros FloorDiv(Micros a, Micros b) {
  Micros q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

Micros SaturatingAdd(Micros a, Micros b) {
  Micros out = 0;
  if (__builtin_add_overflow(a, b, &out)) return b > 0 ? kMax : kMin;
  return out;
}

// The days since 1970-01-01 of the first and last storable dates.
std::int64_t FirstDay() {
  static const std::int64_t day = *meta::ParseTimestamp("0001-01-01T00:00:00Z") / kMicrosPerDay;
  return day;
}
std::int64_t LastDay() {
  static const std::int64_t day = *meta::ParseTimestamp("9999-12-31T00:00:00Z") / kMicrosPerDay;
  return day;
}

}  // namespace

std::optional<Micros> DurationMicros(std::int64_t amount, Unit unit) {
  Micros per = 0;
  switch (unit) {
    case Unit::kMinutes:
      per = 60'000'000;
      break;
    case Unit::kHours:
      per = 3'600'000'000;
      break;
    case Unit::kDays:
      per = kMicrosPerDay;
      break;
    case Unit::kWeeks:
      per = 7 * kMicrosPerDay;
      break;
  }
  Micros out = 0;
  if (__builtin_mul_overflow(amount, per, &out)) return std::nullopt;
  return out;
}

Micros ResolveInstant(const TimeOperand& operand, Micros now) {
  Micros base = now;
  if (operand.base == TimeOperand::Base::kToday &&
      __builtin_mul_overflow(FloorDiv(now, kMicrosPerDay), kMicrosPerDay, &base)) {
    base = kMin;  // only a `now` within a day of the int64 minimum gets here
  }
  return SaturatingAdd(base, operand.offset);
}

std::string ResolveDate(const TimeOperand& operand, Micros now) {
  // Both terms are at most about 1.1e8 days (INT64_MAX micros) in size, so the sum cannot overflow.
  std::int64_t day = FloorDiv(now, kMicrosPerDay) + operand.offset / kMicrosPerDay;
  if (day < FirstDay()) return "0000-00-00";
  if (day > LastDay()) return "9999-99-99";
  return FormatTimestamp(day * kMicrosPerDay).substr(0, 10);
}

}  // namespace rapport::filter
