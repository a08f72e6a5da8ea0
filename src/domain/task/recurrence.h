// The `recurrence` of a task: a small subset of RFC 5545 RRULE (FREQ, INTERVAL, COUNT, UNTIL), its
// parser and canonical text, and the due time of the next occurrence when a task is completed.
// Pure functions on values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"

namespace rapport::domain {

inline constexpr int kMaxRecurrenceInterval = 1000;
inline constexpr int kMaxRecurrenceCount = 1000;

enum class Frequency { kDaily, kWeekly, kMonthly, kYearly };

// A parsed rule. Values built by ParseRecurrence always satisfy: 1 <= interval <=
// kMaxRecurrenceInterval; count in 1..kMaxRecurrenceCount; count and until never both set.
struct Recurrence {
  Frequency frequency = Frequency::kDaily;
  int interval = 1;
  std::optional<int> count;     // COUNT: how many occurrences exist in all, the first included
  std::optional<Micros> until;  // UNTIL in UTC; for the date form, the midnight that starts the day
  bool until_is_date = false;   // UNTIL=YYYYMMDD: every time on that UTC day is still allowed

  // Canonical text: FREQ first, then INTERVAL unless it is 1, then COUNT or UNTIL; names and values
  // upper case, no "RRULE:" prefix ("FREQ=MONTHLY;INTERVAL=2;UNTIL=20261231T090000Z").
  // ParseRecurrence(r.ToString()) gives back r.
  std::string ToString() const;

  bool operator==(const Recurrence&) const = default;
};

// Parses "FREQ=WEEKLY;INTERVAL=2;COUNT=10" and the like:
//   - parts are NAME=VALUE separated by ';' (no empty parts, no spaces), in any order, none twice;
//     names and values are case-insensitive; an optional leading "RRULE:" is accepted;
//   - FREQ (required) is DAILY, WEEKLY, MONTHLY or YEARLY;
//   - INTERVAL is 1..1000 (default 1); COUNT is 1..1000;
//   - UNTIL is YYYYMMDD or YYYYMMDDTHHMMSSZ (UTC only), a real date in the years 0001..9999;
//   - at most one of COUNT and UNTIL.
// Any other part (BYDAY, WKST, ...) is refused. Errors: kInvalidArgument, with one FieldError
// {"recurrence", problem} whose problem names the offending part ("BYDAY is not supported; use FREQ,
// INTERVAL, COUNT or UNTIL"); the message is "recurrence: " + problem.
Result<Recurrence> ParseRecurrence(std::string_view rule);

// The due time of the occurrence after the one due at `due_at` (UTC microseconds), the time of day
// kept; nullopt when the series has ended. `occurrence_index` is the 1-based index of the occurrence
// due at `due_at` (the task being completed; values below 1 count as 1): with COUNT=3, occurrences
// 1, 2 and 3 exist, so index 3 has no next. With UNTIL, a next time later than UNTIL (for the date
// form: later than the end of that UTC day) ends the series. A next date after the year 9999 also
// ends it.
//
// DAILY and WEEKLY add interval × 1 or 7 days. MONTHLY adds interval calendar months to the date of
// `due_at`, YEARLY interval years; a day that the target month lacks is clamped to the month's last
// day (Jan 31 + 1 month → Feb 28 or 29; Feb 29 + 1 year → Feb 28).
//
// `anchor` is the due time of the series' first occurrence. It undoes the clamping: when `due_at`
// falls on the last day of its month and the anchor's day of the month is later (and, for YEARLY,
// in the same month), the anchor's day is used, again clamped. So with the anchor Jan 31 2024:
// Jan 31 → Feb 29 → Mar 31 → Apr 30 → May 31, and with the anchor Feb 29 2024, yearly:
// 2025-02-28 → 2026-02-28 → 2027-02-28 → 2028-02-29. Without an anchor the clamped day sticks
// (Jan 31 → Feb 29 → Mar 29), because only the previous due date is known. When `due_at` lies
// elsewhere (the user moved that occurrence) its own day of the month is used, anchor or not.
std::optional<Micros> NextOccurrence(const Recurrence& rule, Micros due_at, int occurrence_index,
                                     std::optional<Micros> anchor = std::nullopt);

}  // namespace rapport::domain
