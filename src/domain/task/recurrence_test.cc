#include "domain/task/recurrence.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "meta/time_text.h"

namespace rapport::domain {
namespace {

Micros At(std::string_view rfc3339) {
  auto t = meta::ParseTimestamp(rfc3339);
  EXPECT_TRUE(t.has_value()) << rfc3339;
  return t.value_or(0);
}

Recurrence Rule(std::string_view text) {
  auto r = ParseRecurrence(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : Recurrence{};
}

// The canonical form of `text`, or the problem ParseRecurrence reports.
std::string Parsed(std::string_view text) {
  auto r = ParseRecurrence(text);
  if (r.ok()) return r->ToString();
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields.size(), 1u);
  if (r.error().fields.size() != 1) return "?";
  EXPECT_EQ(r.error().fields[0].field, "recurrence");
  EXPECT_EQ(r.error().message, "invalid recurrence: " + r.error().fields[0].problem);
  return "error: " + r.error().fields[0].problem;
}

// Occurrences from `first` on (index 1), rendered, until the series ends or `max` are listed.
std::string Series(std::string_view rule, std::string_view first, int max, bool anchored = true) {
  const Recurrence r = Rule(rule);
  const Micros anchor = At(first);
  std::string out = FormatTimestamp(anchor);
  std::optional<Micros> due = anchor;
  for (int index = 1; index < max; ++index) {
    due = NextOccurrence(r, *due, index, anchored ? std::optional<Micros>(anchor) : std::nullopt);
    if (!due) return out + " end";
    out += ' ';
    out += FormatTimestamp(*due);
  }
  return out;
}

TEST(RecurrenceParseTest, CanonicalForms) {
  EXPECT_EQ(Parsed("FREQ=DAILY"), "FREQ=DAILY");
  EXPECT_EQ(Parsed("freq=weekly"), "FREQ=WEEKLY");
  EXPECT_EQ(Parsed("RRULE:FREQ=MONTHLY;INTERVAL=2"), "FREQ=MONTHLY;INTERVAL=2");
  EXPECT_EQ(Parsed("rrule:Freq=Yearly"), "FREQ=YEARLY");
  EXPECT_EQ(Parsed("COUNT=5;INTERVAL=3;FREQ=DAILY"), "FREQ=DAILY;INTERVAL=3;COUNT=5");
  EXPECT_EQ(Parsed("FREQ=DAILY;INTERVAL=1"), "FREQ=DAILY");
  EXPECT_EQ(Parsed("FREQ=WEEKLY;INTERVAL=01"), "FREQ=WEEKLY");
  EXPECT_EQ(Parsed("UNTIL=20261231;FREQ=WEEKLY"), "FREQ=WEEKLY;UNTIL=20261231");
  EXPECT_EQ(Parsed("FREQ=WEEKLY;until=20261231t090000z"), "FREQ=WEEKLY;UNTIL=20261231T090000Z");
  EXPECT_EQ(Parsed("FREQ=YEARLY;UNTIL=20280229"), "FREQ=YEARLY;UNTIL=20280229");
  EXPECT_EQ(Parsed("FREQ=DAILY;INTERVAL=1000;COUNT=1000"), "FREQ=DAILY;INTERVAL=1000;COUNT=1000");
  EXPECT_EQ(Parsed("FREQ=DAILY;COUNT=1"), "FREQ=DAILY;COUNT=1");
}

TEST(RecurrenceParseTest, Fields) {
  const Recurrence r = Rule("FREQ=MONTHLY;INTERVAL=2;UNTIL=20261231T090000Z");
  EXPECT_EQ(r.frequency, Frequency::kMonthly);
  EXPECT_EQ(r.interval, 2);
  EXPECT_FALSE(r.count.has_value());
  EXPECT_EQ(r.until, At("2026-12-31T09:00:00Z"));
  EXPECT_FALSE(r.until_is_date);
  const Recurrence d = Rule("FREQ=DAILY;UNTIL=20261231");
  EXPECT_EQ(d.until, At("2026-12-31T00:00:00Z"));
  EXPECT_TRUE(d.until_is_date);
  EXPECT_EQ(Rule("FREQ=YEARLY;COUNT=7").count, 7);
}

TEST(RecurrenceParseTest, ToStringRoundTrips) {
  for (const char* text : {"FREQ=DAILY", "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY;COUNT=12",
                           "FREQ=YEARLY;INTERVAL=5;UNTIL=20991231", "FREQ=DAILY;UNTIL=00010101T000000Z",
                           "FREQ=DAILY;UNTIL=99991231T235959Z", "FREQ=WEEKLY;UNTIL=19691231T235959Z"}) {
    const Recurrence r = Rule(text);
    EXPECT_EQ(r.ToString(), text);
    EXPECT_EQ(Rule(r.ToString()), r) << text;
  }
}

TEST(RecurrenceParseTest, RefusesUnsupportedParts) {
  const std::string use = "; use FREQ, INTERVAL, COUNT or UNTIL";
  EXPECT_EQ(Parsed("FREQ=WEEKLY;BYDAY=MO,WE"), "error: BYDAY is not supported" + use);
  EXPECT_EQ(Parsed("FREQ=WEEKLY;byday=MO"), "error: BYDAY is not supported" + use);
  EXPECT_EQ(Parsed("BYMONTHDAY=1;FREQ=MONTHLY"), "error: BYMONTHDAY is not supported" + use);
  EXPECT_EQ(Parsed("FREQ=WEEKLY;WKST=MO"), "error: WKST is not supported" + use);
  EXPECT_EQ(Parsed("FREQ=DAILY;X-NAME=1"), "error: X-NAME is not supported" + use);
  EXPECT_EQ(Parsed("FREQ=DAILY;DTSTART=20260101"), "error: DTSTART is not supported" + use);
  // Names that are not plain words are not echoed.
  EXPECT_EQ(Parsed("FREQ=DAILY;B\xC3\xBC=1"), "error: a part is not supported" + use);
  EXPECT_EQ(Parsed("FREQ=DAILY;" + std::string(40, 'A') + "=1"), "error: a part is not supported" + use);
  EXPECT_EQ(Parsed("FREQ=DAILY; INTERVAL=2"), "error: a part is not supported" + use);
}

TEST(RecurrenceParseTest, RefusesBadValues) {
  EXPECT_EQ(Parsed("FREQ=HOURLY"), "error: FREQ=HOURLY is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY");
  EXPECT_EQ(Parsed("FREQ=secondly"), "error: FREQ=SECONDLY is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY");
  EXPECT_EQ(Parsed("FREQ=FORTNIGHTLY"), "error: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
  EXPECT_EQ(Parsed("FREQ="), "error: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
  EXPECT_EQ(Parsed("FREQ=DAILY "), "error: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
  const std::string interval = "error: INTERVAL must be a whole number from 1 to 1000";
  for (const char* v : {"0", "1001", "-1", "+2", "", "2x", "1.5", "99999999999999999999", "4294967297"}) {
    EXPECT_EQ(Parsed(std::string("FREQ=DAILY;INTERVAL=") + v), interval) << v;
  }
  const std::string count = "error: COUNT must be a whole number from 1 to 1000";
  for (const char* v : {"0", "1001", "-3", "", "ten", "000000000001000000"}) {
    EXPECT_EQ(Parsed(std::string("FREQ=DAILY;COUNT=") + v), count) << v;
  }
  const std::string until = "error: UNTIL must be a date YYYYMMDD or a UTC time YYYYMMDDTHHMMSSZ";
  for (const char* v : {"", "2026", "2026-12-31", "20261331", "20260230", "20230229", "00000101", "20261231T",
                        "20261231T090000", "20261231T090000+0100", "20261231T240000Z", "20261231T096000Z",
                        "20261231T095960Z", "20261231 090000Z", "2026123XT090000Z", "20261231T0900000Z"}) {
    EXPECT_EQ(Parsed(std::string("FREQ=DAILY;UNTIL=") + v), until) << v;
  }
}

TEST(RecurrenceParseTest, RefusesBadStructure) {
  EXPECT_EQ(Parsed(""), "error: the rule is empty; write for example FREQ=WEEKLY");
  EXPECT_EQ(Parsed("RRULE:"), "error: the rule is empty; write for example FREQ=WEEKLY");
  EXPECT_EQ(Parsed("INTERVAL=2"), "error: FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY)");
  EXPECT_EQ(Parsed("COUNT=2;UNTIL=20260101"), "error: FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY)");
  EXPECT_EQ(Parsed("FREQ=DAILY;FREQ=WEEKLY"), "error: FREQ appears more than once");
  EXPECT_EQ(Parsed("FREQ=DAILY;INTERVAL=2;interval=2"), "error: INTERVAL appears more than once");
  EXPECT_EQ(Parsed("FREQ=DAILY;COUNT=2;UNTIL=20260101"), "error: COUNT and UNTIL cannot be used together");
  EXPECT_EQ(Parsed("UNTIL=20260101;COUNT=2;FREQ=DAILY"), "error: COUNT and UNTIL cannot be used together");
  EXPECT_EQ(Parsed("FREQ=DAILY;"), "error: a part is empty; parts are NAME=VALUE separated by ';'");
  EXPECT_EQ(Parsed("FREQ=DAILY;;COUNT=2"), "error: a part is empty; parts are NAME=VALUE separated by ';'");
  EXPECT_EQ(Parsed(";"), "error: a part is empty; parts are NAME=VALUE separated by ';'");
  EXPECT_EQ(Parsed("garbage"), "error: garbage is not NAME=VALUE; parts are separated by ';'");
  EXPECT_EQ(Parsed("FREQ=DAILY,COUNT=2"), "error: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
  EXPECT_EQ(Parsed("every monday"), "error: parts must be NAME=VALUE separated by ';'");
  EXPECT_EQ(Parsed("RRULE:RRULE:FREQ=DAILY"), "error: a part is not supported; use FREQ, INTERVAL, COUNT or UNTIL");
  EXPECT_EQ(Parsed(std::string("FREQ=DAILY\0;COUNT=2", 19)), "error: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
  EXPECT_EQ(Parsed(std::string(10000, ';')), "error: a part is empty; parts are NAME=VALUE separated by ';'");
  EXPECT_EQ(Parsed("=DAILY"), "error: a part is not supported; use FREQ, INTERVAL, COUNT or UNTIL");
}

TEST(RecurrenceNextTest, DailyAndWeekly) {
  EXPECT_EQ(Series("FREQ=DAILY", "2026-02-27T09:30:00Z", 4),
            "2026-02-27T09:30:00.000Z 2026-02-28T09:30:00.000Z 2026-03-01T09:30:00.000Z 2026-03-02T09:30:00.000Z");
  EXPECT_EQ(Series("FREQ=DAILY;INTERVAL=3", "2024-02-27T23:59:59.999Z", 3),
            "2024-02-27T23:59:59.999Z 2024-03-01T23:59:59.999Z 2024-03-04T23:59:59.999Z");
  EXPECT_EQ(Series("FREQ=WEEKLY", "2026-12-24T18:00:00Z", 3),
            "2026-12-24T18:00:00.000Z 2026-12-31T18:00:00.000Z 2027-01-07T18:00:00.000Z");
  EXPECT_EQ(Series("FREQ=WEEKLY;INTERVAL=2", "2026-01-05T00:00:00Z", 3),
            "2026-01-05T00:00:00.000Z 2026-01-19T00:00:00.000Z 2026-02-02T00:00:00.000Z");
  // Times before 1970 work the same.
  EXPECT_EQ(Series("FREQ=DAILY", "1969-12-31T12:00:00Z", 2), "1969-12-31T12:00:00.000Z 1970-01-01T12:00:00.000Z");
}

TEST(RecurrenceNextTest, MonthlyAnchoredToTheFirstDay) {
  EXPECT_EQ(Series("FREQ=MONTHLY", "2024-01-31T09:00:00Z", 6),
            "2024-01-31T09:00:00.000Z 2024-02-29T09:00:00.000Z 2024-03-31T09:00:00.000Z 2024-04-30T09:00:00.000Z "
            "2024-05-31T09:00:00.000Z 2024-06-30T09:00:00.000Z");
  EXPECT_EQ(Series("FREQ=MONTHLY", "2025-01-31T09:00:00Z", 3),
            "2025-01-31T09:00:00.000Z 2025-02-28T09:00:00.000Z 2025-03-31T09:00:00.000Z");
  EXPECT_EQ(Series("FREQ=MONTHLY", "2025-01-30T09:00:00Z", 4),
            "2025-01-30T09:00:00.000Z 2025-02-28T09:00:00.000Z 2025-03-30T09:00:00.000Z 2025-04-30T09:00:00.000Z");
  EXPECT_EQ(Series("FREQ=MONTHLY", "2026-01-15T08:00:00Z", 3),
            "2026-01-15T08:00:00.000Z 2026-02-15T08:00:00.000Z 2026-03-15T08:00:00.000Z");
  EXPECT_EQ(Series("FREQ=MONTHLY;INTERVAL=3", "2025-11-30T10:00:00Z", 4),
            "2025-11-30T10:00:00.000Z 2026-02-28T10:00:00.000Z 2026-05-30T10:00:00.000Z 2026-08-30T10:00:00.000Z");
  EXPECT_EQ(Series("FREQ=MONTHLY;INTERVAL=14", "2026-12-31T10:00:00Z", 2),
            "2026-12-31T10:00:00.000Z 2028-02-29T10:00:00.000Z");
}

TEST(RecurrenceNextTest, MonthlyWithoutAnchorKeepsTheClampedDay) {
  EXPECT_EQ(Series("FREQ=MONTHLY", "2024-01-31T09:00:00Z", 4, /*anchored=*/false),
            "2024-01-31T09:00:00.000Z 2024-02-29T09:00:00.000Z 2024-03-29T09:00:00.000Z 2024-04-29T09:00:00.000Z");
}

TEST(RecurrenceNextTest, AMovedOccurrenceKeepsItsOwnDay) {
  const Recurrence monthly = Rule("FREQ=MONTHLY");
  const Micros anchor = At("2024-01-31T09:00:00Z");
  // Moved from Feb 29 to Feb 3: the series follows the move.
  EXPECT_EQ(NextOccurrence(monthly, At("2024-02-03T09:00:00Z"), 2, anchor), At("2024-03-03T09:00:00Z"));
  // An anchor earlier in the month than the due date changes nothing.
  EXPECT_EQ(NextOccurrence(monthly, At("2024-04-30T09:00:00Z"), 2, At("2024-01-15T09:00:00Z")),
            At("2024-05-30T09:00:00Z"));
  // The time of day comes from due_at, not the anchor.
  EXPECT_EQ(NextOccurrence(monthly, At("2024-02-29T14:15:00Z"), 2, anchor), At("2024-03-31T14:15:00Z"));
}

TEST(RecurrenceNextTest, YearlyAndLeapDays) {
  EXPECT_EQ(Series("FREQ=YEARLY", "2024-02-29T07:00:00Z", 6),
            "2024-02-29T07:00:00.000Z 2025-02-28T07:00:00.000Z 2026-02-28T07:00:00.000Z 2027-02-28T07:00:00.000Z "
            "2028-02-29T07:00:00.000Z 2029-02-28T07:00:00.000Z");
  EXPECT_EQ(Series("FREQ=YEARLY", "2024-02-29T07:00:00Z", 3, /*anchored=*/false),
            "2024-02-29T07:00:00.000Z 2025-02-28T07:00:00.000Z 2026-02-28T07:00:00.000Z");
  EXPECT_EQ(Series("FREQ=YEARLY;INTERVAL=4", "2096-02-29T07:00:00Z", 3),
            "2096-02-29T07:00:00.000Z 2100-02-28T07:00:00.000Z 2104-02-29T07:00:00.000Z");
  EXPECT_EQ(Series("FREQ=YEARLY", "2026-07-14T12:00:00Z", 3),
            "2026-07-14T12:00:00.000Z 2027-07-14T12:00:00.000Z 2028-07-14T12:00:00.000Z");
  // For YEARLY the anchor counts only in the same month: Feb 28 stays Feb 28 with a Jan 31 anchor.
  EXPECT_EQ(NextOccurrence(Rule("FREQ=YEARLY"), At("2027-02-28T07:00:00Z"), 2, At("2026-01-31T07:00:00Z")),
            At("2028-02-28T07:00:00Z"));
}

TEST(RecurrenceNextTest, CountEndsTheSeries) {
  EXPECT_EQ(Series("FREQ=DAILY;COUNT=3", "2026-03-01T09:00:00Z", 10),
            "2026-03-01T09:00:00.000Z 2026-03-02T09:00:00.000Z 2026-03-03T09:00:00.000Z end");
  EXPECT_EQ(Series("FREQ=WEEKLY;COUNT=1", "2026-03-01T09:00:00Z", 10), "2026-03-01T09:00:00.000Z end");
  const Recurrence r = Rule("FREQ=DAILY;COUNT=3");
  EXPECT_EQ(NextOccurrence(r, At("2026-03-01T09:00:00Z"), 0), At("2026-03-02T09:00:00Z"));   // counts as 1
  EXPECT_EQ(NextOccurrence(r, At("2026-03-01T09:00:00Z"), -7), At("2026-03-02T09:00:00Z"));  // counts as 1
  EXPECT_EQ(NextOccurrence(r, At("2026-03-01T09:00:00Z"), 4), std::nullopt);
}

TEST(RecurrenceNextTest, UntilEndsTheSeries) {
  // The date form includes the whole UTC day.
  EXPECT_EQ(Series("FREQ=DAILY;UNTIL=20260303", "2026-03-01T23:59:59Z", 10),
            "2026-03-01T23:59:59.000Z 2026-03-02T23:59:59.000Z 2026-03-03T23:59:59.000Z end");
  EXPECT_EQ(Series("FREQ=MONTHLY;UNTIL=20260430", "2026-01-31T09:00:00Z", 10),
            "2026-01-31T09:00:00.000Z 2026-02-28T09:00:00.000Z 2026-03-31T09:00:00.000Z "
            "2026-04-30T09:00:00.000Z end");
  // The time form is inclusive, to the microsecond.
  EXPECT_EQ(Series("FREQ=WEEKLY;UNTIL=20260315T090000Z", "2026-03-01T09:00:00Z", 10),
            "2026-03-01T09:00:00.000Z 2026-03-08T09:00:00.000Z 2026-03-15T09:00:00.000Z end");
  EXPECT_EQ(Series("FREQ=WEEKLY;UNTIL=20260315T085959Z", "2026-03-01T09:00:00Z", 10),
            "2026-03-01T09:00:00.000Z 2026-03-08T09:00:00.000Z end");
  EXPECT_EQ(NextOccurrence(Rule("FREQ=DAILY;UNTIL=20260302T090000Z"), At("2026-03-01T09:00:00Z") + 1, 1),
            std::nullopt);
  // An UNTIL before the first occurrence: no next.
  EXPECT_EQ(Series("FREQ=YEARLY;UNTIL=20200101", "2026-03-01T09:00:00Z", 10), "2026-03-01T09:00:00.000Z end");
}

TEST(RecurrenceNextTest, EndsAtTheEdgeOfTheCalendar) {
  EXPECT_EQ(Series("FREQ=YEARLY", "9998-06-01T00:00:00Z", 5), "9998-06-01T00:00:00.000Z 9999-06-01T00:00:00.000Z end");
  EXPECT_EQ(Series("FREQ=DAILY", "9999-12-31T00:00:00Z", 5), "9999-12-31T00:00:00.000Z end");
  EXPECT_EQ(Series("FREQ=YEARLY;INTERVAL=1000", "9000-01-01T00:00:00Z", 5), "9000-01-01T00:00:00.000Z end");
  const Recurrence daily = Rule("FREQ=DAILY");
  EXPECT_EQ(NextOccurrence(daily, std::numeric_limits<Micros>::max(), 1), std::nullopt);
  EXPECT_EQ(NextOccurrence(daily, std::numeric_limits<Micros>::min(), 1), std::nullopt);
  EXPECT_EQ(NextOccurrence(Rule("FREQ=MONTHLY"), std::numeric_limits<Micros>::max(), 1,
                           std::numeric_limits<Micros>::min()),
            std::nullopt);
  // A garbage anchor does not break an ordinary due date.
  EXPECT_EQ(NextOccurrence(Rule("FREQ=MONTHLY"), At("2026-04-30T09:00:00Z"), 1, std::numeric_limits<Micros>::max()),
            At("2026-05-30T09:00:00Z"));
}

}  // namespace
}  // namespace rapport::domain
