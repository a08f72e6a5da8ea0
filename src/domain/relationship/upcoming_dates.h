// "Whose birthday or anniversary is in the next N days": people's birthdays and their personal
// dates whose month and day fall in the window, found through the indexed MMDD columns
// (people.birthday_md, personal_dates.month_day) and ordered by how soon they come. Dates are
// calendar days in UTC. Thread-safe; blocks on the database.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/access/caller.h"
#include "meta/registry.h"
#include "store/store.h"

namespace rapport::domain {

struct UpcomingDate {
  std::int64_t person = 0;
  std::string name;     // the person's first and last name
  std::string kind;     // "birthday", or the personal date's kind ("anniversary", ...)
  std::string label;    // the personal date's label; empty for birthdays
  std::string date;     // the original date, YYYY-MM-DD
  std::string next_on;  // the next time it comes round, YYYY-MM-DD (Feb 29 falls on Feb 28 in other years)
  int in_days = 0;      // 0 is today
  int years = 0;        // how many years it will be on next_on
};

inline constexpr int kDefaultUpcomingDays = 7;
inline constexpr int kMaxUpcomingDays = 366;

// Dates in the `days` days from today (0..kMaxUpcomingDays; the caller checks), soonest first,
// at most `limit`, of the people `caller` may see.
Result<std::vector<UpcomingDate>> FindUpcomingDates(store::Database& db, const meta::Registry& registry,
                                                    const Caller& caller, Micros now, int days, int limit);

// The MMDD ranges [from, to] covering `days` days from `today`, split at the turn of the year.
std::vector<std::pair<int, int>> MonthDayRanges(std::chrono::sys_days today, int days);

}  // namespace rapport::domain
