#include "domain/auth/login_throttle.h"

#include <algorithm>
#include <cctype>

namespace rapport::domain {

using store::Value;

std::string AccountSubject(std::string_view email) {
  std::string out = "account:";
  for (char c : email) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string AddressSubject(std::string_view ip) { return "ip:" + std::string(ip); }

Micros LockAfter(int failures, const ThrottleRule& rule) {
  int over = failures - rule.free_failures;
  if (over <= 0) return 0;
  if (over > 20) return kMaxLock;  // 2^20 s is far past the cap; avoids the shift overflowing
  return std::min<Micros>(kMaxLock, (Micros{1} << (over - 1)) * 1'000'000);
}

Result<Micros> LockedUntil(store::Connection& conn, std::string_view subject, Micros now) {
  auto rows = conn.Query("SELECT locked_until FROM login_throttle WHERE subject = $1", {Value(std::string(subject))});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return Micros{0};
  Micros until = rows->Int(0, 0);
  return until > now ? until : 0;
}

Status RecordFailure(store::Connection& conn, std::string_view subject, const ThrottleRule& rule, Micros now) {
  auto rows = conn.Query("SELECT failures, updated_at FROM login_throttle WHERE subject = $1",
                         {Value(std::string(subject))});
  if (!rows.ok()) return std::move(rows).error();
  int failures = 1;
  if (!rows->empty() && now - rows->Int(0, 1) < kThrottleWindow) failures = static_cast<int>(rows->Int(0, 0)) + 1;
  auto written = conn.Exec(
      "INSERT INTO login_throttle (subject, failures, locked_until, updated_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, "
      "updated_at = excluded.updated_at",
      {Value(std::string(subject)), Value(std::int64_t{failures}), Value(now + LockAfter(failures, rule)),
       Value(now)});
  if (!written.ok()) return std::move(written).error();
  return {};
}

Status ClearFailures(store::Connection& conn, std::string_view subject) {
  auto done = conn.Exec("DELETE FROM login_throttle WHERE subject = $1", {Value(std::string(subject))});
  if (!done.ok()) return std::move(done).error();
  return {};
}

}  // namespace rapport::domain
