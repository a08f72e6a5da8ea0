// The text forms of the date and datetime field types: calendar dates as "YYYY-MM-DD" and
// timestamps as RFC 3339, parsed strictly. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "common/clock.h"

namespace rapport::meta {

// A calendar date "YYYY-MM-DD" with a year from 0001 to 9999 and a day that exists in its month
// (2023-02-29 is refused). Returns false for anything else.
bool IsDate(std::string_view text);

// RFC 3339 ("2026-11-23T18:50:00Z", "2026-11-23T19:50:00.5+01:00"; 'T' and 'Z' in either case)
// as microseconds since the epoch (UTC), truncated to whole milliseconds: FormatTimestamp renders
// milliseconds, so a stored value reads back as the same text that selects it. Seconds run 00..59
// (no leap seconds); the local date must lie within the years 0001..9999. nullopt for anything else.
std::optional<Micros> ParseTimestamp(std::string_view text);

}  // namespace rapport::meta
