#include "domain/merge/merge_values.h"

#include <gtest/gtest.h>

#include "meta/object_def_json.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;

meta::ObjectDef Contact() {
  auto parsed = meta::ParseObjectDef(
      R"({"object": "contact", "table": "co_contact", "title": ["name"],
          "fields": [{"name": "name", "type": "text"},
                     {"name": "email", "type": "email"},
                     {"name": "emails", "type": "email", "multiple": true},
                     {"name": "phone", "type": "phone"},
                     {"name": "title", "type": "text"},
                     {"name": "vip", "type": "bool"},
                     {"name": "interests", "type": "multi_enum", "options": ["golf", "wine", "jazz"]},
                     {"name": "referred_by", "type": "link", "target": "contact"},
                     {"name": "seen_at", "type": "datetime", "read_only": true},
                     {"name": "score", "type": "int", "read_only": true},
                     {"name": "old", "type": "text", "active": false}]})",
      "test.json", meta::Origin::kSystem);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return *parsed;
}

bj::object Record(std::string_view json) { return bj::parse(json).as_object(); }

TEST(MergedValuesTest, GapsAreFilledAndTheSurvivorsValuesStay) {
  const bj::object into = Record(
      R"({"id": 1, "name": "Anna", "email": "anna@a.example", "emails": [], "phone": null, "title": "",
          "vip": false, "interests": ["golf"], "referred_by": null, "seen_at": "2026-01-01T00:00:00.000Z",
          "score": 3, "old": null})");
  const bj::object from = Record(
      R"({"id": 2, "name": "Anna S.", "email": "ANNA@a.example", "emails": ["a.s@b.example", "anna@A.example"],
          "phone": "+49 30 1", "title": "CTO", "vip": true, "interests": ["wine", "golf"], "referred_by": 7,
          "seen_at": "2026-02-01T00:00:00.000Z", "score": 9, "old": "kept"})");
  EXPECT_EQ(MergedValues(Contact(), into, from),
            Record(R"({"phone": "+49 30 1", "title": "CTO", "referred_by": 7, "seen_at": "2026-02-01T00:00:00.000Z",
                       "emails": ["a.s@b.example"], "interests": ["golf", "wine"]})"));
}

TEST(MergedValuesTest, TheOthersPrimaryEmailJoinsTheFurtherOnes) {
  const bj::object into = Record(R"({"id": 1, "email": "one@x.example", "emails": null, "seen_at": null})");
  const bj::object from = Record(R"({"id": 2, "email": "two@x.example", "emails": null, "seen_at": null})");
  EXPECT_EQ(MergedValues(Contact(), into, from), Record(R"({"emails": ["two@x.example"]})"));
  // Without an email of its own the survivor takes the other's as its primary, not twice.
  const bj::object bare = Record(R"({"id": 1, "email": null})");
  EXPECT_EQ(MergedValues(Contact(), bare, from), Record(R"({"email": "two@x.example"})"));
}

TEST(MergedValuesTest, LinksBetweenTheTwoAreCleared) {
  // The survivor was referred by the other: after the merge it would refer to itself.
  const bj::object into = Record(R"({"id": 1, "referred_by": 2})");
  EXPECT_EQ(MergedValues(Contact(), into, Record(R"({"id": 2, "referred_by": 9})")), Record(R"({"referred_by": 9})"));
  EXPECT_EQ(MergedValues(Contact(), into, Record(R"({"id": 2, "referred_by": 1})")), Record(R"({"referred_by": null})"));
  EXPECT_EQ(MergedValues(Contact(), Record(R"({"id": 1, "referred_by": null})"), Record(R"({"id": 2, "referred_by": 1})")),
            Record("{}"));
}

TEST(MergedValuesTest, AnEarlierReadOnlyTimeDoesNotWin) {
  const bj::object into = Record(R"({"id": 1, "seen_at": "2026-03-01T00:00:00.000Z"})");
  const bj::object from = Record(R"({"id": 2, "seen_at": "2026-02-01T00:00:00.000Z"})");
  EXPECT_EQ(MergedValues(Contact(), into, from), Record("{}"));
}

}  // namespace
}  // namespace rapport::domain
