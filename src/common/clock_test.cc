#include "common/clock.h"

#include <gtest/gtest.h>
#include <fmt/format.h>

#include <ctime>
#include <random>

namespace rapport {
namespace {

TEST(FormatTimestampTest, WritesUtcWithMilliseconds) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(951782400123456), "2000-02-29T00:00:00.123Z");
  EXPECT_EQ(FormatTimestamp(1795996799999999), "2026-11-29T23:59:59.999Z");
  // Before 1970 the microseconds count down from the second after.
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatTimestamp(-2208988800000000), "1900-01-01T00:00:00.000Z");
}

// The same text as the C library's gmtime for times from 1900 to 2200.
TEST(FormatTimestampTest, AgreesWithGmtime) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> seconds(-2208988800, 7258118400);
  for (int i = 0; i < 10000; ++i) {
    const std::time_t s = seconds(random);
    const Micros rest = static_cast<Micros>(random() % 1000000);
    const Micros micros = static_cast<Micros>(s) * 1000000 + rest;
    std::tm tm{};
    gmtime_r(&s, &tm);
    const std::string expected =
        fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                    tm.tm_hour, tm.tm_min, tm.tm_sec, rest / 1000);
    ASSERT_EQ(FormatTimestamp(micros), expected) << micros;
  }
}

}  // namespace
}  // namespace rapport
