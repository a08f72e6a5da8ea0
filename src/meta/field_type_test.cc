#include "meta/field_type.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "meta/object_def.h"

namespace rapport::meta {
namespace {

FieldDef Field(std::string name, FieldType type, Origin origin = Origin::kSystem) {
  FieldDef f;
  f.name = std::move(name);
  f.type = type;
  f.origin = origin;
  return f;
}

// "name TYPE, name TYPE".
std::string Render(const std::vector<Column>& columns) {
  std::string out;
  for (const Column& c : columns) out += (out.empty() ? "" : ", ") + c.name + " " + c.type;
  return out;
}

TEST(FieldTypeTest, NamesRoundTripForAllFifteenTypes) {
  std::set<std::string_view> names;
  for (FieldType t : AllFieldTypes()) {
    std::string_view name = FieldTypeName(t);
    names.insert(name);
    ASSERT_TRUE(ParseFieldType(name).has_value()) << name;
    EXPECT_EQ(*ParseFieldType(name), t) << name;
  }
  EXPECT_EQ(names.size(), 15u);
  EXPECT_EQ(FieldTypeName(FieldType::kLongText), "long_text");
  EXPECT_EQ(FieldTypeName(FieldType::kLinkMany), "link_many");
}

TEST(FieldTypeTest, UnknownNamesAreRefused) {
  EXPECT_FALSE(ParseFieldType("strng").has_value());
  EXPECT_FALSE(ParseFieldType("Text").has_value());
  EXPECT_FALSE(ParseFieldType("").has_value());
  EXPECT_FALSE(ParseFieldType("money").has_value());
}

TEST(FieldTypeTest, ParametersBelongToTheirTypes) {
  EXPECT_TRUE(TakesParam(FieldType::kText, FieldParam::kMaxLength));
  EXPECT_TRUE(TakesParam(FieldType::kEmail, FieldParam::kMaxLength));
  EXPECT_FALSE(TakesParam(FieldType::kInt, FieldParam::kMaxLength));
  EXPECT_TRUE(TakesParam(FieldType::kCurrency, FieldParam::kMinMax));
  EXPECT_FALSE(TakesParam(FieldType::kDate, FieldParam::kMinMax));
  EXPECT_TRUE(TakesParam(FieldType::kMultiEnum, FieldParam::kOptions));
  EXPECT_FALSE(TakesParam(FieldType::kText, FieldParam::kOptions));
  EXPECT_TRUE(TakesParam(FieldType::kLinkMany, FieldParam::kTarget));
  EXPECT_FALSE(TakesParam(FieldType::kEnum, FieldParam::kTarget));
  EXPECT_FALSE(TakesParam(FieldType::kLinkMany, FieldParam::kUnique));
  EXPECT_FALSE(TakesParam(FieldType::kMultiEnum, FieldParam::kIndexed));
  EXPECT_TRUE(TakesParam(FieldType::kLink, FieldParam::kIndexed));
  EXPECT_FALSE(TakesParam(FieldType::kLink, FieldParam::kDefault));
  EXPECT_TRUE(TakesParam(FieldType::kEnum, FieldParam::kDefault));
  EXPECT_EQ(DefaultMaxLength(FieldType::kText), 255);
  EXPECT_EQ(DefaultMaxLength(FieldType::kEmail), 254);
  EXPECT_FALSE(DefaultMaxLength(FieldType::kInt).has_value());
}

TEST(FieldTypeTest, EachTypeSupportsItsFilterOperators) {
  EXPECT_TRUE(Supports(FieldType::kText, FilterOp::kContains));
  EXPECT_TRUE(Supports(FieldType::kText, FilterOp::kStartsWith));
  EXPECT_FALSE(Supports(FieldType::kText, FilterOp::kHas));
  EXPECT_TRUE(Supports(FieldType::kDatetime, FilterOp::kLt));
  EXPECT_FALSE(Supports(FieldType::kDatetime, FilterOp::kContains));
  EXPECT_TRUE(Supports(FieldType::kMultiEnum, FilterOp::kHas));
  EXPECT_FALSE(Supports(FieldType::kMultiEnum, FilterOp::kEq));
  EXPECT_TRUE(Supports(FieldType::kLinkMany, FilterOp::kHas));
  EXPECT_FALSE(Supports(FieldType::kBool, FilterOp::kLt));
  EXPECT_TRUE(Supports(FieldType::kEnum, FilterOp::kIn));
  EXPECT_FALSE(Supports(FieldType::kLongText, FilterOp::kEq));
  EXPECT_FALSE(Supports(FieldType::kCurrency, FilterOp::kIn));
  // Every type can be tested for null, and every operator has a name.
  for (FieldType t : AllFieldTypes()) EXPECT_TRUE(Supports(t, FilterOp::kIsNull)) << FieldTypeName(t);
  EXPECT_EQ(FilterOpName(FilterOp::kStartsWith), "starts_with");
  EXPECT_EQ(FilterOpName(FilterOp::kIsNull), "is_null");
}

struct ColumnsCase {
  FieldType type;
  const char* sqlite;
  const char* postgres;
};

TEST(FieldColumnsTest, ColumnsPerTypeAndDialect) {
  const ColumnsCase cases[] = {
      {FieldType::kText, "f TEXT", "f TEXT"},
      {FieldType::kLongText, "f TEXT", "f TEXT"},
      {FieldType::kInt, "f INTEGER", "f BIGINT"},
      {FieldType::kDecimal, "f REAL", "f DOUBLE PRECISION"},
      {FieldType::kCurrency, "f_micros INTEGER, f_currency TEXT", "f_micros BIGINT, f_currency TEXT"},
      {FieldType::kDate, "f TEXT", "f TEXT"},
      {FieldType::kDatetime, "f INTEGER", "f BIGINT"},
      {FieldType::kBool, "f INTEGER", "f BOOLEAN"},
      {FieldType::kEnum, "f TEXT", "f TEXT"},
      {FieldType::kMultiEnum, "f TEXT", "f TEXT"},
      {FieldType::kEmail, "f TEXT", "f TEXT"},
      {FieldType::kPhone, "f TEXT", "f TEXT"},
      {FieldType::kUrl, "f TEXT", "f TEXT"},
      {FieldType::kLink, "f_id INTEGER", "f_id BIGINT"},
      {FieldType::kLinkMany, "", ""},
  };
  ASSERT_EQ(std::size(cases), AllFieldTypes().size());
  for (const ColumnsCase& c : cases) {
    FieldDef f = Field("f", c.type);
    EXPECT_EQ(Render(Columns(f, store::Dialect::kSqlite)), c.sqlite) << FieldTypeName(c.type);
    EXPECT_EQ(Render(Columns(f, store::Dialect::kPostgres)), c.postgres) << FieldTypeName(c.type);
  }
}

TEST(FieldColumnsTest, CustomFieldsArePrefixed) {
  EXPECT_EQ(Render(Columns(Field("region", FieldType::kText, Origin::kCustom), store::Dialect::kSqlite)),
            "cf_region TEXT");
  EXPECT_EQ(Render(Columns(Field("budget", FieldType::kCurrency, Origin::kCustom), store::Dialect::kPostgres)),
            "cf_budget_micros BIGINT, cf_budget_currency TEXT");
  EXPECT_EQ(Render(Columns(Field("account", FieldType::kLink, Origin::kCustom), store::Dialect::kSqlite)),
            "cf_account_id INTEGER");
  EXPECT_EQ(ColumnStem(Field("amount", FieldType::kCurrency)), "amount");
}

}  // namespace
}  // namespace rapport::meta
