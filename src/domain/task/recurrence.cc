#include "domain/task/recurrence.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace rapport::domain {
namespace {

namespace chr = std::chrono;

using MicroTime = chr::sys_time<chr::microseconds>;

constexpr std::string_view kSupportedParts = "use FREQ, INTERVAL, COUNT or UNTIL";
constexpr Micros kMicrosPerDay = 86'400'000'000;
// Outside 0001..9999 the calendar arithmetic is not meaningful (and could overflow).
constexpr chr::sys_days kFirstDay = chr::year{1} / 1 / 1;
constexpr chr::sys_days kLastDay = chr::year{9999} / 12 / 31;

Error Invalid(std::string problem) {
  return Error{ErrorCode::kInvalidArgument, "invalid recurrence: " + problem, {{"recurrence", problem}}};
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// User text is echoed in a problem only when short and plainly a name, so the problem stays
// readable (and valid UTF-8) whatever was sent.
bool IsEchoable(std::string_view s) {
  return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// Exactly `n` ASCII digits at `pos`; -1 if any is missing.
int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// A whole number in 1..max written with digits only; nullopt otherwise.
std::optional<int> Number(std::string_view s, int max) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = Digits(s, 0, s.size());
  if (v < 1 || v > max) return std::nullopt;
  return v;
}

std::optional<Frequency> ParseFrequency(std::string_view upper) {
  if (upper == "DAILY") return Frequency::kDaily;
  if (upper == "WEEKLY") return Frequency::kWeekly;
  if (upper == "MONTHLY") return Frequency::kMonthly;
  if (upper == "YEARLY") return Frequency::kYearly;
  return std::nullopt;
}

std::string_view FrequencyName(Frequency f) {
  switch (f) {
    case Frequency::kDaily: return "DAILY";
    case Frequency::kWeekly: return "WEEKLY";
    case Frequency::kMonthly: return "MONTHLY";
    case Frequency::kYearly: return "YEARLY";
  }
  return "DAILY";
}

// UNTIL's value, upper-cased: "YYYYMMDD" or "YYYYMMDDTHHMMSSZ".
bool ParseUntil(std::string_view v, Recurrence& r) {
  if (v.size() != 8 && !(v.size() == 16 && v[8] == 'T' && v[15] == 'Z')) return false;
  const int y = Digits(v, 0, 4), m = Digits(v, 4, 2), d = Digits(v, 6, 2);
  if (y < 1 || m < 0 || d < 0) return false;
  const chr::year_month_day date{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return false;
  Micros seconds = 0;
  if (v.size() == 16) {
    const int h = Digits(v, 9, 2), mi = Digits(v, 11, 2), s = Digits(v, 13, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return false;
    seconds = h * 3600 + mi * 60 + s;
  }
  r.until = chr::sys_days{date}.time_since_epoch().count() * kMicrosPerDay + seconds * 1'000'000;
  r.until_is_date = v.size() == 8;
  return true;
}

// Applies one NAME=VALUE part; a problem, or nullopt when it was fine. `seen` holds the names so far.
std::optional<std::string> ApplyPart(std::string_view part, std::string& seen, Recurrence& r) {
  const std::size_t eq = part.find('=');
  if (part.empty()) return std::string("a part is empty; parts are NAME=VALUE separated by ';'");
  if (eq == std::string_view::npos) {
    if (IsEchoable(part)) return fmt::format("{} is not NAME=VALUE; parts are separated by ';'", part);
    return std::string("parts must be NAME=VALUE separated by ';'");
  }
  const std::string name = Upper(part.substr(0, eq));
  const std::string value = Upper(part.substr(eq + 1));
  if (name != "FREQ" && name != "INTERVAL" && name != "COUNT" && name != "UNTIL") {
    if (IsEchoable(name)) return fmt::format("{} is not supported; {}", name, kSupportedParts);
    return fmt::format("a part is not supported; {}", kSupportedParts);
  }
  if (seen.find(";" + name + ";") != std::string::npos) return fmt::format("{} appears more than once", name);
  seen += name + ";";
  if (name == "FREQ") {
    if (auto f = ParseFrequency(value)) {
      r.frequency = *f;
      return std::nullopt;
    }
    if (value == "HOURLY" || value == "MINUTELY" || value == "SECONDLY") {
      return fmt::format("FREQ={} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY", value);
    }
    return std::string("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
  }
  if (name == "INTERVAL") {
    auto n = Number(value, kMaxRecurrenceInterval);
    if (!n) return fmt::format("INTERVAL must be a whole number from 1 to {}", kMaxRecurrenceInterval);
    r.interval = *n;
    return std::nullopt;
  }
  if (name == "COUNT") {
    auto n = Number(value, kMaxRecurrenceCount);
    if (!n) return fmt::format("COUNT must be a whole number from 1 to {}", kMaxRecurrenceCount);
    r.count = *n;
    return std::nullopt;
  }
  if (!ParseUntil(value, r)) {
    return std::string("UNTIL must be a date YYYYMMDD or a UTC time YYYYMMDDTHHMMSSZ");
  }
  return std::nullopt;
}

// The day of the month wanted in the target month (see NextOccurrence on anchors).
unsigned WantedDay(chr::year_month_day due, std::optional<Micros> anchor, bool same_month) {
  const unsigned day = static_cast<unsigned>(due.day());
  if (!anchor) return day;
  const chr::sys_days anchor_day_start = chr::floor<chr::days>(MicroTime{chr::microseconds{*anchor}});
  if (anchor_day_start < kFirstDay || anchor_day_start > kLastDay) return day;
  const chr::year_month_day a{anchor_day_start};
  const unsigned last = static_cast<unsigned>((due.year() / due.month() / chr::last).day());
  const unsigned anchor_day = static_cast<unsigned>(a.day());
  if (day == last && anchor_day > last && (!same_month || a.month() == due.month())) return anchor_day;
  return day;
}

chr::year_month_day Clamped(chr::year_month ym, unsigned wanted) {
  const unsigned last = static_cast<unsigned>((ym / chr::last).day());
  return ym / chr::day{std::min(wanted, last)};
}

}  // namespace

std::string Recurrence::ToString() const {
  std::string out = fmt::format("FREQ={}", FrequencyName(frequency));
  if (interval != 1) out += fmt::format(";INTERVAL={}", interval);
  if (count) out += fmt::format(";COUNT={}", *count);
  if (until) {
    const MicroTime t{chr::microseconds{*until}};
    const chr::sys_days day = chr::floor<chr::days>(t);
    const chr::year_month_day d{day};
    out += fmt::format(";UNTIL={:04}{:02}{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
    if (!until_is_date) {
      const chr::hh_mm_ss<chr::seconds> hms{chr::floor<chr::seconds>(t - day)};
      out += fmt::format("T{:02}{:02}{:02}Z", hms.hours().count(), hms.minutes().count(), hms.seconds().count());
    }
  }
  return out;
}

Result<Recurrence> ParseRecurrence(std::string_view rule) {
  if (rule.size() >= 6 && Upper(rule.substr(0, 6)) == "RRULE:") rule.remove_prefix(6);
  if (rule.empty()) return Invalid("the rule is empty; write for example FREQ=WEEKLY");
  Recurrence r;
  std::string seen = ";";
  while (true) {
    const std::size_t semi = rule.find(';');
    if (auto problem = ApplyPart(rule.substr(0, semi), seen, r)) return Invalid(std::move(*problem));
    if (semi == std::string_view::npos) break;
    rule.remove_prefix(semi + 1);
  }
  if (seen.find(";FREQ;") == std::string::npos) return Invalid("FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY)");
  if (r.count && r.until) return Invalid("COUNT and UNTIL cannot be used together");
  return r;
}

std::optional<Micros> NextOccurrence(const Recurrence& rule, Micros due_at, int occurrence_index,
                                     std::optional<Micros> anchor) {
  if (rule.count && std::max(occurrence_index, 1) >= *rule.count) return std::nullopt;
  const MicroTime t{chr::microseconds{due_at}};
  const chr::sys_days day = chr::floor<chr::days>(t);
  if (day < kFirstDay || day > kLastDay) return std::nullopt;
  const chr::microseconds time_of_day = t - day;
  const chr::year_month_day due{day};
  const int interval = std::clamp(rule.interval, 1, kMaxRecurrenceInterval);

  chr::sys_days next;
  switch (rule.frequency) {
    case Frequency::kDaily: next = day + chr::days{interval}; break;
    case Frequency::kWeekly: next = day + chr::days{7 * interval}; break;
    case Frequency::kMonthly:
      next = Clamped(due.year() / due.month() + chr::months{interval}, WantedDay(due, anchor, false));
      break;
    case Frequency::kYearly:
      next = Clamped((due.year() + chr::years{interval}) / due.month(), WantedDay(due, anchor, true));
      break;
  }
  if (next > kLastDay) return std::nullopt;
  const Micros next_at = (MicroTime{next} + time_of_day).time_since_epoch().count();
  if (rule.until) {
    const Micros limit = rule.until_is_date ? *rule.until + kMicrosPerDay - 1 : *rule.until;
    if (next_at > limit) return std::nullopt;
  }
  return next_at;
}

}  // namespace rapport::domain
