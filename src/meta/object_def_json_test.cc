#include "meta/object_def_json.h"

#include <algorithm>

#include <gtest/gtest.h>

#include <string>

namespace rapport::meta {
namespace {

std::string Problems(std::string_view json) {
  auto parsed = ParseObjectDef(json, "test.json", Origin::kSystem);
  if (parsed.ok()) return "ok";
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  std::string out;
  for (const FieldError& e : parsed.error().fields) out += e.field + ": " + e.problem + "\n";
  return out;
}

TEST(MetaJsonTest, ParsesEveryKey) {
  auto parsed = ParseObjectDef(R"({"object": "deal", "label": "Deal", "plural_label": "Deals", "table": "deals",
    "fields": [
      {"name": "stage", "type": "enum", "label": "Stage", "description": "Where it stands", "required": true,
       "unique": false, "indexed": true, "active": true, "options": ["qualification", "won"],
       "default": "qualification"},
      {"name": "amount", "type": "currency", "min": 0, "max": 1e12},
      {"name": "title", "type": "text", "max_length": 80},
      {"name": "account", "type": "link", "target": "account"}]})",
                               "deal.json", Origin::kCustom);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const ObjectDef& deal = *parsed;
  EXPECT_EQ(deal.name, "deal");
  EXPECT_EQ(deal.plural_label, "Deals");
  EXPECT_EQ(deal.table, "deals");
  EXPECT_TRUE(deal.is_custom());
  ASSERT_EQ(deal.fields.size(), 4u);
  const FieldDef& stage = deal.fields[0];
  EXPECT_EQ(stage.type, FieldType::kEnum);
  EXPECT_EQ(stage.description, "Where it stands");
  EXPECT_TRUE(stage.required);
  EXPECT_TRUE(stage.indexed);
  EXPECT_TRUE(stage.is_custom());
  EXPECT_EQ(stage.options, (std::vector<std::string>{"qualification", "won"}));
  ASSERT_TRUE(stage.default_value.has_value());
  EXPECT_EQ(stage.default_value->as_string(), "qualification");
  EXPECT_EQ(deal.fields[1].min, 0.0);
  EXPECT_EQ(deal.fields[1].max, 1e12);
  EXPECT_EQ(deal.fields[2].max_length, 80);
  EXPECT_EQ(deal.fields[3].target, "account");
}

TEST(MetaJsonTest, ReportsUnknownTypesAndKeysWithTheirPath) {
  EXPECT_EQ(Problems(R"({"object": "tag", "table": "tags", "fields": [
      {"name": "name", "type": "text"}, {"name": "color", "type": "strng"}]})"),
            "tag.fields[1].type: unknown field type 'strng'\n");
  EXPECT_EQ(Problems(R"({"object": "tag", "table": "tags", "colour": "red", "fields": [
      {"name": "name", "type": "text", "maxlength": 5}]})"),
            "tag.colour: unknown key\n"
            "tag.fields[0].maxlength: unknown key\n");
}

TEST(MetaJsonTest, ReportsBadValuesAndMissingKeys) {
  EXPECT_EQ(Problems(R"({"object": "tag", "table": "tags", "fields": [
      {"name": 5, "type": "text", "required": "yes", "max_length": 5.5, "options": ["a", 1], "min": "0"},
      {"type": "int"},
      "name"]})"),
            "tag.fields[0].name: must be a string\n"
            "tag.fields[0].required: must be true or false\n"
            "tag.fields[0].max_length: must be an integer\n"
            "tag.fields[0].options[1]: must be a string\n"
            "tag.fields[0].min: must be a number\n"
            "tag.fields[1].name: is required\n"
            "tag.fields[2]: must be an object\n");
  // Without an object name, paths start at the file.
  EXPECT_EQ(Problems(R"({"table": "tags", "fields": {}})"),
            "test.json.object: is required\n"
            "test.json.fields: must be an array of fields\n");
  EXPECT_EQ(Problems("[]"), "test.json: must be an object\n");
}

TEST(MetaJsonTest, ReportsMalformedJson) {
  auto parsed = ParseObjectDef(R"({"object": "tag",)", "tag.json", Origin::kSystem);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(parsed.error().message.find("tag.json: malformed JSON"), std::string::npos) << parsed.error().message;
}

TEST(MetaJsonTest, BuiltinTagDescribesTheTagsTable) {
  auto builtin = BuiltinObjects();
  ASSERT_TRUE(builtin.ok()) << builtin.error().message;
  auto it = std::find_if(builtin->begin(), builtin->end(), [](const ObjectDef& o) { return o.name == "tag"; });
  ASSERT_NE(it, builtin->end());
  const ObjectDef& tag = *it;
  EXPECT_EQ(tag.name, "tag");
  EXPECT_EQ(tag.table, "tags");
  EXPECT_TRUE(tag.is_system());
  ASSERT_EQ(tag.fields.size(), 3u);

  const FieldDef& name = tag.fields[0];
  EXPECT_EQ(name.name, "name");
  EXPECT_EQ(name.type, FieldType::kText);
  EXPECT_TRUE(name.required);
  EXPECT_TRUE(name.unique);
  EXPECT_EQ(name.max_length, 64);
  EXPECT_TRUE(name.is_system());

  const FieldDef& color = tag.fields[1];
  EXPECT_EQ(color.name, "color");
  EXPECT_EQ(color.type, FieldType::kText);
  EXPECT_FALSE(color.required);
  EXPECT_EQ(color.max_length, 7);

  const FieldDef& description = tag.fields[2];
  EXPECT_EQ(description.name, "description");
  EXPECT_EQ(description.type, FieldType::kLongText);
  EXPECT_EQ(description.max_length, 1000);

  // Every column the definition implies exists in 0001_foundation.sql.
  std::vector<std::string> columns;
  for (const FieldDef& f : tag.fields) {
    for (const Column& c : Columns(f, store::Dialect::kPostgres)) columns.push_back(c.name + " " + c.type);
  }
  EXPECT_EQ(columns, (std::vector<std::string>{"name TEXT", "color TEXT", "description TEXT"}));
}

}  // namespace
}  // namespace rapport::meta
