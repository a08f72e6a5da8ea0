// now() and today() with an offset, turned into the values a date or datetime field is compared
// with for one given `now`. The compiler and the evaluator both call these, so SQL and memory use
// the same instant. Days are UTC days. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "filter/ast.h"
#include "filter/checked.h"

namespace rapport::filter {

inline constexpr Micros kMicrosPerDay = 86'400'000'000;

// `amount` of `unit` in microseconds; nullopt when that overflows.
std::optional<Micros> DurationMicros(std::int64_t amount, Unit unit);

// A datetime operand: now + offset, or the start of now's UTC day + offset. Saturates at the int64
// range, which lies beyond every storable time, so a comparison with it still orders correctly.
Micros ResolveInstant(const TimeOperand& operand, Micros now);

// A date operand as 'YYYY-MM-DD': now's UTC date moved by the offset's whole days. A date before
// 0001-01-01 is "0000-00-00" and one after 9999-12-31 is "9999-99-99": they sort before (after) every
// storable date and equal none.
std::string ResolveDate(const TimeOperand& operand, Micros now);

}  // namespace rapport::filter
