#include "http/router.h"

#include <gtest/gtest.h>

namespace rapport::http {
namespace {

Handler Dummy() {
  return [](RequestContext&) -> boost::asio::awaitable<Response> { co_return Response{}; };
}

using Params = std::vector<std::pair<std::string_view, std::string_view>>;

TEST(RouterTest, MatchesLiteralsBeforeParameters) {
  Router router;
  router.Add(bhttp::verb::get, "/api/v1/tags/{id}", Dummy());
  router.Add(bhttp::verb::get, "/api/v1/tags/export", Dummy());
  Params params;
  auto match = router.Find(bhttp::verb::get, "/api/v1/tags/export", params);
  ASSERT_EQ(match.outcome, Router::Outcome::kMatched);
  EXPECT_EQ(match.route->path, "/api/v1/tags/export");
  EXPECT_TRUE(params.empty());

  match = router.Find(bhttp::verb::get, "/api/v1/tags/42", params);
  ASSERT_EQ(match.outcome, Router::Outcome::kMatched);
  EXPECT_EQ(match.route->path, "/api/v1/tags/{id}");
  ASSERT_EQ(params.size(), 1u);
  EXPECT_EQ(params[0].first, "id");
  EXPECT_EQ(params[0].second, "42");
}

TEST(RouterTest, TellsNotFoundFromMethodNotAllowed) {
  Router router;
  router.Add(bhttp::verb::get, "/api/v1/tags", Dummy());
  router.Add(bhttp::verb::post, "/api/v1/tags", Dummy());
  Params params;
  EXPECT_EQ(router.Find(bhttp::verb::get, "/api/v1/nope", params).outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router.Find(bhttp::verb::get, "/api", params).outcome, Router::Outcome::kNotFound);
  auto match = router.Find(bhttp::verb::delete_, "/api/v1/tags", params);
  EXPECT_EQ(match.outcome, Router::Outcome::kMethodNotAllowed);
  EXPECT_EQ(match.allow, "GET, HEAD, POST");
  EXPECT_EQ(router.Find(bhttp::verb::head, "/api/v1/tags", params).outcome, Router::Outcome::kMatched);
}

TEST(RouterTest, IgnoresEmptySegmentsAndRejectsDuplicates) {
  Router router;
  router.Add(bhttp::verb::get, "/healthz", Dummy());
  Params params;
  EXPECT_EQ(router.Find(bhttp::verb::get, "//healthz/", params).outcome, Router::Outcome::kMatched);
  EXPECT_THROW(router.Add(bhttp::verb::get, "/healthz", Dummy()), std::invalid_argument);
  router.Add(bhttp::verb::get, "/a/{id}", Dummy());
  EXPECT_THROW(router.Add(bhttp::verb::post, "/a/{other}", Dummy()), std::invalid_argument);
}

}  // namespace
}  // namespace rapport::http
