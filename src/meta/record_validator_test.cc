#include "meta/record_validator.h"

#include <gtest/gtest.h>

#include <string>

#include "meta/object_def_json.h"
#include "meta/registry.h"

namespace rapport::meta {
namespace {

namespace bj = boost::json;

// A small object with a required field, a default, an enum and an inactive field, through the
// registry as the pipeline will see it.
const ObjectDef& Deal() {
  static const std::shared_ptr<const Registry> registry = [] {
    auto deal = ParseObjectDef(R"({"object": "deal", "table": "deals", "fields": [
        {"name": "name", "type": "text", "required": true, "max_length": 20},
        {"name": "stage", "type": "enum", "required": true, "options": ["open", "won", "lost"], "default": "open"},
        {"name": "amount", "type": "currency", "min": 0},
        {"name": "probability", "type": "int", "min": 0, "max": 100, "default": 10},
        {"name": "notes", "type": "long_text"},
        {"name": "legacy_code", "type": "text", "active": false},
        {"name": "closed_at", "type": "datetime", "read_only": true}]})",
                               "deal.json", Origin::kSystem);
    EXPECT_TRUE(deal.ok()) << deal.error().message;
    auto built = Registry::Build({std::move(*deal)}, 1);
    EXPECT_TRUE(built.ok()) << built.error().message;
    return *built;
  }();
  return *registry->FindObject("deal");
}

std::string Render(const std::vector<FieldError>& problems) {
  std::string out;
  for (const FieldError& e : problems) out += e.field + ": " + e.problem + "\n";
  return out.empty() ? "ok" : out;
}

std::string Create(std::string_view json, std::string* after = nullptr) {
  bj::object record = bj::parse(json).as_object();
  std::string out = Render(ValidateForCreate(Deal(), record));
  if (after != nullptr) *after = bj::serialize(record);
  return out;
}

std::string Patch(std::string_view json) { return Render(ValidateForPatch(Deal(), bj::parse(json).as_object())); }

TEST(RecordValidatorTest, CreateAppliesDefaults) {
  std::string after;
  EXPECT_EQ(Create(R"({"name": "Acme renewal"})", &after), "ok");
  EXPECT_EQ(after, R"({"name":"Acme renewal","stage":"open","probability":10})");
  // A given value wins over the default, and null stays null for an optional field.
  EXPECT_EQ(Create(R"({"name": "Acme", "stage": "won", "probability": null, "notes": null})", &after), "ok");
  EXPECT_EQ(after, R"({"name":"Acme","stage":"won","probability":null,"notes":null})");
}

TEST(RecordValidatorTest, CreateRequiresRequiredFields) {
  EXPECT_EQ(Create("{}"), "name: is required\n");
  EXPECT_EQ(Create(R"({"name": null})"), "name: is required\n");
  EXPECT_EQ(Create(R"({"name": ""})"), "name: must not be empty\n");
  // A required field with a default is filled in, but an explicit null is still refused.
  EXPECT_EQ(Create(R"({"name": "x", "stage": null})"), "stage: is required\n");
}

TEST(RecordValidatorTest, CreateReportsEveryProblem) {
  EXPECT_EQ(Create(R"({"id": 5, "name": 7, "stage": "nonsense", "amount": {"micros": -1, "currency": "EUR"},
                      "probability": 101, "colour": "red", "version": 2, "created_at": "x", "legacy_code": "A1"})"),
            "name: must be a string\n"
            "stage: must be one of: open, won, lost\n"
            "amount: micros must be at least 0\n"
            "probability: must be at most 100\n"
            "id: is read-only\n"
            "colour: is not a field of deal\n"
            "version: is read-only\n"
            "created_at: is read-only\n"
            "legacy_code: is inactive\n");
}

TEST(RecordValidatorTest, PatchChecksOnlyWhatIsPresent) {
  EXPECT_EQ(Patch("{}"), "ok");
  EXPECT_EQ(Patch(R"({"stage": "won"})"), "ok");
  EXPECT_EQ(Patch(R"({"amount": {"micros": 5000000, "currency": "EUR"}})"), "ok");
  EXPECT_EQ(Patch(R"({"probability": 150})"), "probability: must be at most 100\n");
}

TEST(RecordValidatorTest, PatchNullClearsOnlyOptionalFields) {
  EXPECT_EQ(Patch(R"({"notes": null, "amount": null, "probability": null})"), "ok");
  EXPECT_EQ(Patch(R"({"name": null})"), "name: is required\n");
  EXPECT_EQ(Patch(R"({"stage": null, "notes": null})"), "stage: is required\n");
}

TEST(RecordValidatorTest, PatchRefusesSystemUnknownAndInactiveFields) {
  EXPECT_EQ(Patch(R"({"updated_at": 1, "owner": 3, "legacy_code": null, "name": "ok"})"),
            "updated_at: is read-only\n"
            "owner: is not a field of deal\n"
            "legacy_code: is inactive\n");
}

TEST(RecordValidatorTest, OnlyHooksWriteReadOnlyFields) {
  bj::object create = bj::parse(R"({"name": "A", "closed_at": "2026-01-01T00:00:00Z"})").as_object();
  EXPECT_EQ(Render(ValidateForCreate(Deal(), create)), "closed_at: is read-only\n");
  bj::object by_hook = bj::parse(R"({"name": "A", "closed_at": "2026-01-01T00:00:00Z"})").as_object();
  EXPECT_EQ(Render(ValidateForCreate(Deal(), by_hook, Writer::kHook)), "ok");
  EXPECT_EQ(by_hook.at("stage"), "open");  // defaults apply to a hook's create too
  const auto patch = bj::parse(R"({"closed_at": "nope"})").as_object();
  EXPECT_EQ(Render(ValidateForPatch(Deal(), patch)), "closed_at: is read-only\n");
  EXPECT_EQ(Render(ValidateForPatch(Deal(), patch, Writer::kHook)),
            "closed_at: must be a date and time as RFC 3339, such as 2026-11-23T18:50:00Z\n");
  const auto system = bj::parse(R"({"version": 3})").as_object();
  EXPECT_EQ(Render(ValidateForPatch(Deal(), system, Writer::kHook)), "version: is read-only\n");
}

TEST(RecordValidatorTest, BuiltinTagRules) {
  auto builtin = BuiltinObjects();
  ASSERT_TRUE(builtin.ok());
  auto registry = Registry::Build(std::move(*builtin), 1);
  ASSERT_TRUE(registry.ok());
  const ObjectDef& tag = *(*registry)->FindObject("tag");
  bj::object ok = bj::parse(R"({"name": "vip", "color": "#ff0000", "description": "Top customers"})").as_object();
  EXPECT_EQ(Render(ValidateForCreate(tag, ok)), "ok");
  bj::object bad = bj::parse(R"({"name": ")" + std::string(65, 'x') + R"(", "color": "#ff00000"})").as_object();
  EXPECT_EQ(Render(ValidateForCreate(tag, bad)),
            "name: must be at most 64 characters\n"
            "color: must be at most 7 characters\n");
}

}  // namespace
}  // namespace rapport::meta
