#include "common/rate_limiter.h"

#include <gtest/gtest.h>

namespace rapport {
namespace {

constexpr Micros kSecond = 1'000'000;

TEST(RateLimiterTest, AllowsUpToTheLimitPerMinuteAndKey) {
  RateLimiter limiter;
  int retry = 0;
  EXPECT_TRUE(limiter.Allow("a", 2, 0, retry));
  EXPECT_TRUE(limiter.Allow("a", 2, 10 * kSecond, retry));
  EXPECT_FALSE(limiter.Allow("a", 2, 15 * kSecond, retry));
  EXPECT_EQ(retry, 45);
  EXPECT_TRUE(limiter.Allow("b", 2, 15 * kSecond, retry));  // another key counts apart
  EXPECT_TRUE(limiter.Allow("a", 2, 60 * kSecond, retry));   // a new window
}

}  // namespace
}  // namespace rapport
