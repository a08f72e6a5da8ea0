#include "common/json.h"

#include <gtest/gtest.h>

#include <string>

namespace rapport::json {
namespace {

std::string ArrayOf(std::size_t n, std::string_view item) {
  std::string out = "[";
  for (std::size_t i = 0; i < n; ++i) out += (i ? "," : "") + std::string(item);
  return out + "]";
}

TEST(JsonParseTest, RefusesMoreValuesThanTheLimitAndNamesIt) {
  ParseLimits limits;
  limits.max_values = 10;
  EXPECT_TRUE(Parse(ArrayOf(9, "1"), limits).ok());  // the array and its nine numbers
  auto flat = Parse(ArrayOf(10, "1"), limits);
  ASSERT_FALSE(flat.ok());
  EXPECT_EQ(flat.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(flat.error().message, "the JSON document has more than 10 values");
  // Values inside nested containers and objects count too.
  EXPECT_TRUE(Parse(ArrayOf(4, "[1]"), limits).ok());   // 1 + 4 + 4 = 9
  EXPECT_FALSE(Parse(ArrayOf(5, "[1]"), limits).ok());           // 1 + 5 + 5 = 11
  EXPECT_FALSE(Parse(R"({"a": {"b": [1, 2, 3, 4, 5, 6, 7, 8]}})", limits).ok());
}

TEST(JsonParseTest, TheDefaultsTakeAnOrdinaryBodyAndRefuseAFloodOfValues) {
  EXPECT_TRUE(ParseObject(R"({"first_name": "Ada", "emails": ["a@example.com", "b@example.com"]})").ok());
  EXPECT_FALSE(Parse(ArrayOf(100'000, "0")).ok());
  EXPECT_FALSE(Parse(std::string(33, '[') + std::string(33, ']')).ok());  // deeper than 32
  EXPECT_TRUE(Parse(std::string(32, '[') + std::string(32, ']')).ok());
}

}  // namespace
}  // namespace rapport::json
