#include "domain/relationship/upcoming_dates.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "domain/access/visibility.h"

namespace rapport::domain {
namespace {

namespace chr = std::chrono;

int MonthDayOf(chr::year_month_day d) {
  return static_cast<int>(static_cast<unsigned>(d.month())) * 100 + static_cast<int>(static_cast<unsigned>(d.day()));
}

std::string Format(chr::year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

// The next day on or after `today` with the month and day of `date` ("YYYY-MM-DD").
bool NextOccurrence(std::string_view date, chr::sys_days today, UpcomingDate& out) {
  if (date.size() != 10) return false;
  int y = std::stoi(std::string(date.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))));
  chr::year_month_day now{today};
  for (int year = static_cast<int>(now.year()); year <= static_cast<int>(now.year()) + 1; ++year) {
    chr::year_month_day candidate{chr::year{year}, chr::month{m}, chr::day{d}};
    if (!candidate.ok()) candidate = chr::year{year} / chr::month{m} / chr::last;  // Feb 29 in a common year
    chr::sys_days day{candidate};
    if (day >= today) {
      out.next_on = Format(candidate);
      out.in_days = static_cast<int>((day - today).count());
      out.years = year - y;
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::pair<int, int>> MonthDayRanges(chr::sys_days today, int days) {
  chr::year_month_day from{today};
  chr::year_month_day to{today + chr::days{days}};
  if (days >= 365) return {{101, 1231}};
  const int a = MonthDayOf(from);
  int b = MonthDayOf(to);
  // In a common year, Feb 29 birthdays are kept on Feb 28 (NextOccurrence): a window ending then takes them.
  if (b == 228 && !to.year().is_leap()) b = 229;
  if (from.year() == to.year()) return {{a, b}};
  return {{a, 1231}, {101, b}};
}

Result<std::vector<UpcomingDate>> FindUpcomingDates(store::Database& db, const meta::Registry& registry,
                                                    const Caller& caller, Micros now, int days, int limit) {
  const chr::sys_days today = chr::floor<chr::days>(chr::sys_time<chr::microseconds>(chr::microseconds(now)));
  std::vector<UpcomingDate> out;
  Status status = db.Read([&](store::Connection& conn) -> Status {
    for (auto [from, to] : MonthDayRanges(today, days)) {
      std::vector<store::Value> params{store::Value(std::int64_t{from}), store::Value(std::int64_t{to}),
                                       store::Value(std::int64_t{limit})};
      std::string visible = VisibleCondition(registry, *registry.FindObject("person"), caller, "p", db.dialect(), params);
      if (!visible.empty()) visible = " AND " + visible;
      auto people = conn.Query(
          fmt::format("SELECT p.id, p.first_name, p.last_name, p.birthday FROM people p "
                      "WHERE p.birthday_md BETWEEN $1 AND $2 AND p.deleted_at IS NULL{} ORDER BY p.birthday_md, p.id "
                      "LIMIT $3",
                      visible),
          params);
      if (!people.ok()) return std::move(people).error();
      for (std::size_t r = 0; r < people->rows(); ++r) {
        UpcomingDate u{people->Int(r, 0), "", "birthday", "", std::string(people->Text(r, 3)), "", 0, 0};
        u.name = fmt::format("{} {}", people->Text(r, 1), people->Text(r, 2));
        if (NextOccurrence(u.date, today, u) && u.in_days <= days) out.push_back(std::move(u));
      }
      auto dates = conn.Query(
          fmt::format("SELECT p.id, p.first_name, p.last_name, d.kind, d.label, d.date FROM personal_dates d "
                      "JOIN people p ON p.id = d.person_id "
                      "WHERE d.month_day BETWEEN $1 AND $2 AND d.deleted_at IS NULL AND p.deleted_at IS NULL{} "
                      "ORDER BY d.month_day, d.id LIMIT $3",
                      visible),
          params);
      if (!dates.ok()) return std::move(dates).error();
      for (std::size_t r = 0; r < dates->rows(); ++r) {
        UpcomingDate u{dates->Int(r, 0), "", std::string(dates->Text(r, 3)), std::string(dates->Text(r, 4)),
                       std::string(dates->Text(r, 5)), "", 0, 0};
        u.name = fmt::format("{} {}", dates->Text(r, 1), dates->Text(r, 2));
        if (NextOccurrence(u.date, today, u) && u.in_days <= days) out.push_back(std::move(u));
      }
    }
    return {};
  });
  if (!status.ok()) return std::move(status).error();
  std::stable_sort(out.begin(), out.end(), [](const UpcomingDate& a, const UpcomingDate& b) {
    return a.in_days < b.in_days;
  });
  if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
  return out;
}

}  // namespace rapport::domain
