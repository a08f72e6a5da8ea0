#include "filter/evaluator.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "filter/filter.h"
#include "filter/test_objects.h"

namespace rapport::filter {
namespace {

namespace bj = boost::json;

constexpr Micros kNow = 1'795'428'000'000'000;  // 2026-11-23T10:00:00Z

class FilterEvaluatorTest : public ::testing::Test {
 protected:
  FilterEvaluatorTest() {
    orgs_[5] = bj::parse(R"({"id": 5, "name": "Acme", "kind": "partner", "deleted_at": null})").as_object();
    orgs_[6] = bj::parse(R"({"id": 6, "kind": "partner", "deleted_at": "2026-01-01T00:00:00.000Z"})").as_object();
    orgs_[8] = bj::parse(R"({"id": 8, "kind": null, "labels": ["vip"]})").as_object();
  }

  // Whether the thing `record` (JSON) satisfies `text`.
  bool Eval(std::string_view text, std::string_view record) {
    auto checked = ParseAndCheck(text, *registry_->FindObject("thing"), *registry_);
    EXPECT_TRUE(checked.ok()) << checked.error().message;
    if (!checked.ok()) return false;
    Resolver resolve = [this](const meta::ObjectDef& target, std::int64_t id) -> const bj::object* {
      EXPECT_EQ(target.name, "org");
      auto it = orgs_.find(id);
      return it == orgs_.end() ? nullptr : &it->second;
    };
    return Evaluate(*checked, bj::parse(record).as_object(), kNow, resolve);
  }

  std::shared_ptr<const meta::Registry> registry_ = testing::TestRegistry();
  std::map<std::int64_t, bj::object> orgs_;
};

TEST_F(FilterEvaluatorTest, NullIsNotEqualToAnything) {
  for (const char* record : {R"({"id": 1, "name": null})", R"({"id": 1})"}) {
    EXPECT_FALSE(Eval("name = 'x'", record));
    EXPECT_TRUE(Eval("name != 'x'", record));
    EXPECT_TRUE(Eval("not name = 'x'", record));
    EXPECT_FALSE(Eval("name < 'x'", record));
    EXPECT_FALSE(Eval("name in ('x', '')", record));
    EXPECT_FALSE(Eval("name contains ''", record));
    EXPECT_TRUE(Eval("not name contains ''", record));
    EXPECT_TRUE(Eval("name is null", record));
    EXPECT_FALSE(Eval("name is not null", record));
  }
  EXPECT_FALSE(Eval("name is null", R"({"name": ""})"));
  EXPECT_TRUE(Eval("name contains ''", R"({"name": ""})"));
}

TEST_F(FilterEvaluatorTest, ContainsFoldsAsciiLettersOnly) {
  const char* record = R"({"name": "Äpfel & APPLES 100%"})";
  EXPECT_TRUE(Eval("name contains 'apples'", record));
  EXPECT_TRUE(Eval("name contains 'Äp'", record));
  EXPECT_TRUE(Eval("name contains 'äP'", R"({"name": "äpfel"})"));
  EXPECT_FALSE(Eval("name contains 'äp'", record));
  EXPECT_TRUE(Eval("name contains '0%'", record));
  EXPECT_FALSE(Eval("name contains '_'", record));
  EXPECT_TRUE(Eval("name starts_with 'ÄPF'", record));
  EXPECT_FALSE(Eval("name starts_with 'pfel'", record));
  EXPECT_FALSE(Eval("name = 'äpfel & apples 100%'", record));
  EXPECT_TRUE(Eval("name > 'Z' and name < 'ä'", record));  // bytes: 'Z' < 0xC3 0x84 < 0xC3 0xA4
}

TEST_F(FilterEvaluatorTest, EmptySetsCountAsNull) {
  EXPECT_TRUE(Eval("colors is null and aliases is null and parts is null and labels is null",
                   R"({"colors": [], "aliases": null, "parts": []})"));
  EXPECT_TRUE(Eval("colors has 'red' and aliases has 'Bo' and parts has 7 and labels has 'vip'",
                   R"({"colors": ["blue", "red"], "aliases": ["Bo"], "parts": [3, 7], "labels": ["vip"]})"));
  EXPECT_FALSE(Eval("labels has 'VIP' or aliases has 'bo'", R"({"aliases": ["Bo"], "labels": ["vip"]})"));
}

TEST_F(FilterEvaluatorTest, TypedValues) {
  EXPECT_TRUE(
      Eval("price = 19.99 and price > 19 and price < 20", R"({"price": {"micros": 19990000, "currency": "EUR"}})"));
  EXPECT_TRUE(Eval("seen_at > now() - 1h and seen_at >= today() and seen_at < '2026-11-23T10:30:00+01:00'",
                   R"({"seen_at": "2026-11-23T09:15:00.000Z"})"));
  EXPECT_TRUE(
      Eval("born = today() - 7d and born > '2026-11-15' and born in ('2026-11-16')", R"({"born": "2026-11-16"})"));
  EXPECT_TRUE(Eval("score = 2 and score < 2.5", R"({"score": 2})"));
  EXPECT_TRUE(Eval("active = false and active != true", R"({"active": false})"));
  EXPECT_TRUE(Eval("id = 4 and version >= 2 and created_at < now() and created_by is null",
                   R"({"id": 4, "version": 2, "created_at": "2026-01-01T00:00:00.000Z", "created_by": null})"));
  EXPECT_FALSE(Eval("count = 1", R"({"count": "1"})"));  // the wrong JSON kind counts as null
  EXPECT_TRUE(Eval("count != 1", R"({"count": "1"})"));
}

TEST_F(FilterEvaluatorTest, RelatedRecordsMustExistAndNotBeDeleted) {
  EXPECT_TRUE(Eval("org.kind = 'partner'", R"({"org": 5})"));
  EXPECT_FALSE(Eval("org.kind = 'partner'", R"({"org": 6})"));  // deleted
  EXPECT_FALSE(Eval("org.kind = 'partner'", R"({"org": 7})"));  // no such record
  EXPECT_FALSE(Eval("org.kind = 'partner'", R"({"org": null})"));
  EXPECT_TRUE(Eval("not org.kind = 'partner'", R"({"org": 6})"));
  EXPECT_TRUE(Eval("org.kind != 'partner'", R"({"org": 8})"));
  EXPECT_FALSE(Eval("org.kind != 'partner'", R"({"org": 7})"));
  EXPECT_TRUE(Eval("org.kind is null and org.labels has 'vip'", R"({"org": 8})"));
  EXPECT_FALSE(Eval("org.kind is null", R"({})"));
}

TEST_F(FilterEvaluatorTest, WithoutAResolverRelatedPathsAreFalse) {
  auto checked = ParseAndCheck("org.kind = 'partner'", *registry_->FindObject("thing"), *registry_);
  ASSERT_TRUE(checked.ok());
  EXPECT_FALSE(Evaluate(*checked, bj::parse(R"({"org": 5})").as_object(), kNow, Resolver()));
}

}  // namespace
}  // namespace rapport::filter
