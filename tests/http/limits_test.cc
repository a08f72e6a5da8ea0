// Request limits (issue 5, abuse limits) over real HTTP: headers beyond 16 KiB are 431, a JSON body
// with more values than the parser admits is 400, both as problem+json, and the server goes on
// serving. Body size and nesting depth are in tests/api/foundation/errors.test, slow clients in
// tests/system/slow_client_test.cc.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/in_process_server.h"

namespace rapport {
namespace {

using testing::HttpResponse;
using testing::TestDatabase;

class LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string failure = server_.Start(TestDatabase::Kind::kSqlite);
    ASSERT_TRUE(failure.empty()) << failure;
  }
  testing::InProcessServer server_;
};

TEST_F(LimitsTest, HeadersBeyondTheLimitAre431) {
  auto client = server_.Client();
  HttpResponse fits = client->Send("GET", "/api/v1/tags", "", {{"X-Padding", std::string(8 << 10, 'a')}});
  EXPECT_EQ(fits.status, 200) << fits.body;
  HttpResponse big = server_.Client()->Send("GET", "/api/v1/tags", "", {{"X-Padding", std::string(17 << 10, 'a')}});
  EXPECT_EQ(big.status, 431) << big.body;
  EXPECT_EQ(big.Header("content-type"), "application/problem+json");
  EXPECT_NE(big.body.find("headers are too large"), std::string::npos) << big.body;
  HttpResponse many = server_.Client()->Send("GET", "/api/v1/tags", "", [] {
    testing::HttpClient::Headers h;
    for (int i = 0; i < 2000; ++i) h.push_back({"X-H" + std::to_string(i), "v"});
    return h;
  }());
  EXPECT_EQ(many.status, 431) << many.body;
  EXPECT_EQ(server_.Client()->Send("GET", "/api/v1/tags").status, 200);
}

TEST_F(LimitsTest, AJsonBodyWithTooManyValuesIs400) {
  std::string flood = "{\"name\": \"flood\", \"description\": \"x\", \"extra\": [0";
  for (int i = 0; i < 100'000; ++i) flood += ",0";
  flood += "]}";
  ASSERT_LT(flood.size(), 1u << 20);  // within the body limit: this is the value count's refusal
  HttpResponse r = server_.Client()->Send("POST", "/api/v1/tags", flood);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  EXPECT_NE(r.body.find("more than 100000 values"), std::string::npos) << r.body;
  EXPECT_EQ(server_.Client()->Send("GET", "/api/v1/tags").status, 200);
}

}  // namespace
}  // namespace rapport
