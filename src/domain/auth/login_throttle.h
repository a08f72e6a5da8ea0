// Growing delays after failed sign-ins, per account and per client address, kept in the database
// (login_throttle) so that every node enforces the same count. A subject may fail a few times
// freely; after that each failure locks it for twice as long as the one before (1 s, 2 s, 4 s, ...
// up to 15 minutes). An hour without failures starts the count again; a successful sign-in clears
// the account's count (not the address's: one good account must not reset an address that guesses
// at others).
#pragma once

#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"
#include "store/store.h"

namespace rapport::domain {

struct ThrottleRule {
  int free_failures;  // failures before the first lock
};
inline constexpr ThrottleRule kAccountThrottle{5};
inline constexpr ThrottleRule kAddressThrottle{20};  // an office behind one address has many people
inline constexpr Micros kMaxLock = 15LL * 60 * 1'000'000;
inline constexpr Micros kThrottleWindow = 60LL * 60 * 1'000'000;

std::string AccountSubject(std::string_view email);  // lower-cased
std::string AddressSubject(std::string_view ip);

// How long a subject is locked after its `failures`-th failure under `rule`: 0 while free.
Micros LockAfter(int failures, const ThrottleRule& rule);

// The time until which `subject` may not try again; 0 when it may now.
Result<Micros> LockedUntil(store::Connection& conn, std::string_view subject, Micros now);
// Counts one more failure of `subject` and locks it as LockAfter says.
Status RecordFailure(store::Connection& conn, std::string_view subject, const ThrottleRule& rule, Micros now);
Status ClearFailures(store::Connection& conn, std::string_view subject);

}  // namespace rapport::domain
