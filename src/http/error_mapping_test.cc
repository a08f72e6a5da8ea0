#include "http/error_mapping.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace rapport::http {
namespace {

namespace bj = boost::json;

struct Mapping {
  ErrorCode code;
  int status;
  std::string_view name;
  std::string_view title;
};

// STYLE section 3: the documented status of every ErrorCode.
const std::vector<Mapping> kMappings = {
    {ErrorCode::kInvalidArgument, 400, "invalid_argument", "Bad Request"},
    {ErrorCode::kUnauthenticated, 401, "unauthenticated", "Unauthorized"},
    {ErrorCode::kPermissionDenied, 403, "permission_denied", "Forbidden"},
    {ErrorCode::kNotFound, 404, "not_found", "Not Found"},
    {ErrorCode::kMethodNotAllowed, 405, "method_not_allowed", "Method Not Allowed"},
    {ErrorCode::kConflict, 409, "conflict", "Conflict"},
    {ErrorCode::kPayloadTooLarge, 413, "payload_too_large", "Payload Too Large"},
    {ErrorCode::kFailedPrecondition, 422, "failed_precondition", "Unprocessable Entity"},
    {ErrorCode::kStaleVersion, 412, "stale_version", "Precondition Failed"},
    {ErrorCode::kResourceExhausted, 429, "resource_exhausted", "Too Many Requests"},
    {ErrorCode::kInternal, 500, "internal", "Internal Server Error"},
    {ErrorCode::kUnavailable, 503, "unavailable", "Service Unavailable"},
};

TEST(ErrorMappingTest, EveryCodeMapsToItsDocumentedStatus) {
  ASSERT_EQ(kMappings.size(), 12u);
  for (const Mapping& m : kMappings) {
    EXPECT_EQ(static_cast<int>(HttpStatus(m.code)), m.status) << m.name;
    EXPECT_EQ(ErrorCodeName(m.code), m.name);
  }
}

TEST(ErrorMappingTest, ProblemResponseHasTheOneShape) {
  for (const Mapping& m : kMappings) {
    SCOPED_TRACE(std::string(m.name));
    Error error{m.code, "something about " + std::string(m.name), {{"name", "is taken"}, {"color", "is odd"}}};
    Response response = ProblemResponse(error, "req-123", 11);

    EXPECT_EQ(response.result_int(), static_cast<unsigned>(m.status));
    EXPECT_EQ(response.version(), 11u);
    EXPECT_EQ(response[bhttp::field::content_type], "application/problem+json");
    EXPECT_EQ(response[bhttp::field::content_length], std::to_string(response.body().size()));
    bool retry_after = m.code == ErrorCode::kUnavailable || m.code == ErrorCode::kResourceExhausted;
    EXPECT_EQ(response.count(bhttp::field::retry_after), retry_after ? 1u : 0u);

    bj::value parsed = bj::parse(response.body());
    ASSERT_TRUE(parsed.is_object());
    const bj::object& body = parsed.as_object();
    EXPECT_EQ(body.size(), 7u) << response.body();
    EXPECT_EQ(body.at("type"), bj::value("https://rapport.dev/problems/" + std::string(m.name)));
    EXPECT_EQ(body.at("title"), bj::value(m.title));
    EXPECT_EQ(body.at("status"), bj::value(m.status));
    EXPECT_EQ(body.at("detail"), bj::value(error.message));
    EXPECT_EQ(body.at("code"), bj::value(m.name));
    EXPECT_EQ(body.at("request_id"), bj::value("req-123"));
    EXPECT_EQ(bj::serialize(body.at("errors")),
              R"([{"field":"name","problem":"is taken"},{"field":"color","problem":"is odd"}])");
  }
}

TEST(ErrorMappingTest, UnavailableSaysWhenToRetry) {
  Response response = ProblemResponse(Error{ErrorCode::kUnavailable, "database busy", {}}, "r", 11);
  EXPECT_EQ(response.result(), bhttp::status::service_unavailable);
  EXPECT_EQ(response[bhttp::field::retry_after], "1");
}

TEST(ErrorMappingTest, NoFieldErrorsIsAnEmptyList) {
  Response response = ProblemResponse(Error{ErrorCode::kNotFound, "no tag 7", {}}, "", 10);
  bj::value body = bj::parse(response.body());
  ASSERT_TRUE(body.at("errors").is_array());
  EXPECT_TRUE(body.at("errors").as_array().empty());
  EXPECT_EQ(body.at("request_id"), bj::value(""));
  EXPECT_EQ(response.version(), 10u);
}

TEST(ErrorMappingTest, ExplicitStatusOverridesTheMappedOne) {
  Response response = ProblemResponse(Error{ErrorCode::kFailedPrecondition, "stale version", {}}, "r", 11,
                                      bhttp::status::precondition_failed);
  EXPECT_EQ(response.result(), bhttp::status::precondition_failed);
  bj::value body = bj::parse(response.body());
  EXPECT_EQ(body.at("status"), bj::value(412));
  EXPECT_EQ(body.at("title"), bj::value("Precondition Failed"));
  EXPECT_EQ(body.at("code"), bj::value("failed_precondition"));
}

TEST(ErrorMappingTest, DetailIsEscapedAsJson) {
  Error error{ErrorCode::kInvalidArgument, "bad \"quote\" and \\ and \n newline", {{"na\"me", "<b>"}}};
  Response response = ProblemResponse(error, "r", 11);
  bj::value body = bj::parse(response.body());
  EXPECT_EQ(body.at("detail"), bj::value(error.message));
  EXPECT_EQ(body.at("errors").as_array().at(0).at("field"), bj::value("na\"me"));
}

}  // namespace
}  // namespace rapport::http
