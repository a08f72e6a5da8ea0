#include "meta/field_value.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "meta/time_text.h"

namespace rapport::meta {
namespace {

namespace bj = boost::json;

FieldDef Field(FieldType type, const std::function<void(FieldDef&)>& tweak = {}) {
  FieldDef f;
  f.name = "f";
  f.type = type;
  if (tweak) tweak(f);
  return f;
}

// The problem Validate reports for `json`, or "ok".
std::string Check(const FieldDef& f, std::string_view json) {
  auto problem = Validate(bj::parse(json), f);
  return problem ? *problem : "ok";
}

struct Case {
  FieldDef field;
  const char* json;
  const char* expected;  // "ok" or the problem
};

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(Check(c.field, c.json), c.expected) << FieldTypeName(c.field.type) << " " << c.json;
  }
}

TEST(FieldValidateTest, TextTypes) {
  FieldDef text = Field(FieldType::kText, [](FieldDef& f) { f.max_length = 5; });
  FieldDef required = Field(FieldType::kText, [](FieldDef& f) { f.required = true; });
  RunCases({
      {text, R"("hello")", "ok"},
      {text, R"("")", "ok"},
      {text, R"("héllo")", "ok"},  // five code points, six bytes
      {text, R"("hello!")", "must be at most 5 characters"},
      {text, "5", "must be a string"},
      {text, "true", "must be a string"},
      {text, R"(["a"])", "must be a string"},
      {text, R"("a\u0000b")", "must not contain NUL characters"},
      {text, "null", "ok"},
      {required, "null", "is required"},
      {required, R"("")", "must not be empty"},
      {Field(FieldType::kText), ('"' + std::string(256, 'x') + '"').c_str(), "must be at most 255 characters"},
      {Field(FieldType::kLongText), ('"' + std::string(1000, 'x') + '"').c_str(), "ok"},
      {Field(FieldType::kEmail), R"("ada@example.com")", "ok"},
      {Field(FieldType::kEmail), R"("ada.lovelace+crm@mail.example.co.uk")", "ok"},
      {Field(FieldType::kEmail), R"("ada")", "must be an email address"},
      {Field(FieldType::kEmail), R"("ada@example")", "must be an email address"},
      {Field(FieldType::kEmail), R"("@example.com")", "must be an email address"},
      {Field(FieldType::kEmail), R"("a b@example.com")", "must be an email address"},
      {Field(FieldType::kEmail), R"("a@b@example.com")", "must be an email address"},
      {Field(FieldType::kEmail), R"("a@example..com")", "must be an email address"},
      {Field(FieldType::kPhone), R"("+49 (30) 123-456")", "ok"},
      {Field(FieldType::kPhone), R"("030 1234")", "ok"},
      {Field(FieldType::kPhone), R"("call me")", "must be a phone number"},
      {Field(FieldType::kPhone), R"("12")", "must be a phone number"},
      {Field(FieldType::kPhone), R"("12+34")", "must be a phone number"},
      {Field(FieldType::kUrl), R"("https://example.com/a?b=c")", "ok"},
      {Field(FieldType::kUrl), R"("HTTP://example.com")", "ok"},
      {Field(FieldType::kUrl), R"("ftp://example.com")", "must be a URL starting with http:// or https://"},
      {Field(FieldType::kUrl), R"("https://")", "must be a URL starting with http:// or https://"},
      {Field(FieldType::kUrl), R"("https://exa mple.com")", "must be a URL starting with http:// or https://"},
      {Field(FieldType::kUrl), R"("example.com")", "must be a URL starting with http:// or https://"},
  });
}

TEST(FieldValidateTest, Numbers) {
  FieldDef bounded = Field(FieldType::kInt, [](FieldDef& f) {
    f.min = 0;
    f.max = 10;
  });
  FieldDef decimal = Field(FieldType::kDecimal, [](FieldDef& f) { f.max = 1.5; });
  RunCases({
      {Field(FieldType::kInt), "42", "ok"},
      {Field(FieldType::kInt), "-9223372036854775808", "ok"},
      {Field(FieldType::kInt), "9223372036854775807", "ok"},
      {Field(FieldType::kInt), "9223372036854775808", "must be an integer within the 64-bit range"},
      {Field(FieldType::kInt), "1e30", "must be an integer within the 64-bit range"},
      {Field(FieldType::kInt), "100000000000000000000000000000", "must be an integer within the 64-bit range"},
      {Field(FieldType::kInt), "1.0", "must be an integer"},
      {Field(FieldType::kInt), "1.5", "must be an integer"},
      {Field(FieldType::kInt), R"("1")", "must be an integer"},
      {Field(FieldType::kInt), "true", "must be an integer"},
      {bounded, "0", "ok"},
      {bounded, "10", "ok"},
      {bounded, "-1", "must be at least 0"},
      {bounded, "11", "must be at most 10"},
      {Field(FieldType::kDecimal), "1.25", "ok"},
      {Field(FieldType::kDecimal), "3", "ok"},
      {Field(FieldType::kDecimal), "-1e-3", "ok"},
      {Field(FieldType::kDecimal), R"("1.25")", "must be a number"},
      {Field(FieldType::kDecimal), "null", "ok"},
      {decimal, "1.5", "ok"},
      {decimal, "1.51", "must be at most 1.5"},
  });
}

TEST(FieldValidateTest, Currency) {
  FieldDef money = Field(FieldType::kCurrency);
  FieldDef positive = Field(FieldType::kCurrency, [](FieldDef& f) { f.min = 0; });
  const char* shape = R"(must be an object {"micros": integer, "currency": "EUR"})";
  RunCases({
      {money, R"({"micros": 5000000000, "currency": "EUR"})", "ok"},
      {money, R"({"currency": "USD", "micros": -1})", "ok"},
      {money, R"({"micros": 5})", shape},
      {money, R"({"micros": 5, "currency": "EUR", "note": "x"})", shape},
      {money, "5", shape},
      {money, R"("5 EUR")", shape},
      {money, R"({"micros": 1.5, "currency": "EUR"})", "micros must be an integer"},
      {money, R"({"micros": "5", "currency": "EUR"})", "micros must be an integer"},
      {money, R"({"micros": 9223372036854775808, "currency": "EUR"})",
       "micros must be an integer within the 64-bit range"},
      {money, R"({"micros": 5, "currency": "eur"})", "currency must be a code of 3 uppercase letters such as EUR"},
      {money, R"({"micros": 5, "currency": "EURO"})", "currency must be a code of 3 uppercase letters such as EUR"},
      {money, R"({"micros": 5, "currency": 978})", "currency must be a code of 3 uppercase letters such as EUR"},
      {positive, R"({"micros": -5, "currency": "EUR"})", "micros must be at least 0"},
  });
}

TEST(FieldValidateTest, DatesAndTimes) {
  FieldDef date = Field(FieldType::kDate);
  FieldDef when = Field(FieldType::kDatetime);
  const char* bad_time = "must be a date and time as RFC 3339, such as 2026-11-23T18:50:00Z";
  RunCases({
      {date, R"("2026-11-23")", "ok"},
      {date, R"("2024-02-29")", "ok"},
      {date, R"("2023-02-29")", "must be a date as YYYY-MM-DD"},
      {date, R"("2026-13-01")", "must be a date as YYYY-MM-DD"},
      {date, R"("2026-1-01")", "must be a date as YYYY-MM-DD"},
      {date, R"("0000-01-01")", "must be a date as YYYY-MM-DD"},
      {date, R"("2026-11-23T00:00:00Z")", "must be a date as YYYY-MM-DD"},
      {date, "20261123", "must be a date as YYYY-MM-DD"},
      {when, R"("2026-11-23T18:50:00Z")", "ok"},
      {when, R"("2026-11-23t18:50:00.123456z")", "ok"},
      {when, R"("2026-11-23T19:50:00+01:00")", "ok"},
      {when, R"("2026-11-23T18:50:00")", bad_time},
      {when, R"("2026-11-23 18:50:00Z")", bad_time},
      {when, R"("2026-11-23T24:00:00Z")", bad_time},
      {when, R"("2026-11-23T18:50:60Z")", bad_time},
      {when, R"("2026-11-23T18:50:00.Z")", bad_time},
      {when, R"("2026-11-23T18:50:00+0100")", bad_time},
      {when, R"("2026-11-23")", bad_time},
      {when, "1700000000", bad_time},
  });
}

TEST(FieldValidateTest, ChoicesBooleansAndLinks) {
  FieldDef stage = Field(FieldType::kEnum, [](FieldDef& f) { f.options = {"a", "b"}; });
  FieldDef labels = Field(FieldType::kMultiEnum, [](FieldDef& f) { f.options = {"a", "b", "c"}; });
  FieldDef link = Field(FieldType::kLink, [](FieldDef& f) { f.target = "tag"; });
  FieldDef links = Field(FieldType::kLinkMany, [](FieldDef& f) { f.target = "tag"; });
  RunCases({
      {Field(FieldType::kBool), "true", "ok"},
      {Field(FieldType::kBool), "false", "ok"},
      {Field(FieldType::kBool), "1", "must be true or false"},
      {Field(FieldType::kBool), R"("true")", "must be true or false"},
      {stage, R"("a")", "ok"},
      {stage, R"("c")", "must be one of: a, b"},
      {stage, R"("A")", "must be one of: a, b"},
      {stage, "1", "must be a string"},
      {labels, R"(["c", "a"])", "ok"},
      {labels, "[]", "ok"},
      {labels, R"(["a", "d"])", "must contain only: a, b, c"},
      {labels, R"(["a", "a"])", "must not repeat 'a'"},
      {labels, R"("a")", "must be an array of strings"},
      {labels, R"([1])", "must be an array of strings"},
      {link, "7", "ok"},
      {link, "0", "must be a record id (a positive integer)"},
      {link, "-7", "must be a record id (a positive integer)"},
      {link, R"("7")", "must be a record id (a positive integer)"},
      {link, "7.0", "must be a record id (a positive integer)"},
      {links, "[3, 1, 2]", "ok"},
      {links, "[]", "ok"},
      {links, "[1, 1]", "must not repeat 1"},
      {links, R"([1, "2"])", "must be an array of record ids (positive integers)"},
      {links, "[0]", "must be an array of record ids (positive integers)"},
      {links, "7", "must be an array of record ids (positive integers)"},
  });
}

// JSON -> cells -> JSON for one value of each type, with the cells as the store binds them.
struct RoundTrip {
  FieldDef field;
  const char* in;
  const char* cells;  // rendered: i:<int> d:<double> s:<text> b:<bool> null
  const char* out;    // the canonical JSON read back
};

std::string RenderCells(const std::vector<store::Value>& cells) {
  std::string out;
  for (const store::Value& v : cells) {
    if (!out.empty()) out += " ";
    if (store::IsNull(v)) out += "null";
    if (const auto* i = std::get_if<std::int64_t>(&v)) out += "i:" + std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v)) out += "d:" + bj::serialize(bj::value(*d));
    if (const auto* s = std::get_if<std::string>(&v)) out += "s:" + *s;
    if (const auto* b = std::get_if<bool>(&v)) out += *b ? "b:true" : "b:false";
  }
  return out;
}

TEST(FieldValueTest, RoundTripsEveryType) {
  const RoundTrip cases[] = {
      {Field(FieldType::kText), R"("Acme")", "s:Acme", R"("Acme")"},
      {Field(FieldType::kLongText), R"("line 1\nline 2")", "s:line 1\nline 2", R"("line 1\nline 2")"},
      {Field(FieldType::kInt), "-9223372036854775808", "i:-9223372036854775808", "-9223372036854775808"},
      {Field(FieldType::kDecimal), "2.5", "d:2.5E0", "2.5E0"},
      {Field(FieldType::kCurrency), R"({"micros": 5000000000, "currency": "EUR"})", "i:5000000000 s:EUR",
       R"({"micros":5000000000,"currency":"EUR"})"},
      {Field(FieldType::kDate), R"("2024-02-29")", "s:2024-02-29", R"("2024-02-29")"},
      {Field(FieldType::kDatetime), R"("2023-11-14T23:13:20.123456+01:00")", "i:1700000000123000",
       R"("2023-11-14T22:13:20.123Z")"},
      {Field(FieldType::kBool), "true", "b:true", "true"},
      {Field(FieldType::kEnum, [](FieldDef& f) { f.options = {"a", "b"}; }), R"("b")", "s:b", R"("b")"},
      {Field(FieldType::kMultiEnum, [](FieldDef& f) { f.options = {"a", "b", "c"}; }), R"(["c", "a"])",
       R"(s:["a","c"])", R"(["a","c"])"},
      {Field(FieldType::kEmail), R"("ada@example.com")", "s:ada@example.com", R"("ada@example.com")"},
      {Field(FieldType::kPhone), R"("+49 30 1234")", "s:+49 30 1234", R"("+49 30 1234")"},
      {Field(FieldType::kUrl), R"("https://example.com")", "s:https://example.com", R"("https://example.com")"},
      {Field(FieldType::kLink, [](FieldDef& f) { f.target = "tag"; }), "7", "i:7", "7"},
  };
  // link_many has no columns (its links are rows of record_links), so it has no cells to round-trip.
  ASSERT_EQ(std::size(cases) + 1, AllFieldTypes().size());
  for (const RoundTrip& c : cases) {
    SCOPED_TRACE(FieldTypeName(c.field.type));
    auto cells = ToValues(bj::parse(c.in), c.field);
    ASSERT_TRUE(cells.ok()) << cells.error().message;
    EXPECT_EQ(cells->size(), Columns(c.field, store::Dialect::kSqlite).size());
    EXPECT_EQ(RenderCells(*cells), c.cells);
    auto back = FromCells(*cells, c.field);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(bj::serialize(*back), c.out);
    // The canonical form is a fixed point: it stores as the same cells.
    auto again = ToValues(*back, c.field);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(RenderCells(*again), c.cells);
  }
}

TEST(FieldValueTest, NullIsOneNullPerColumn) {
  for (FieldType t : AllFieldTypes()) {
    if (t == FieldType::kLinkMany) continue;  // no columns
    FieldDef f = Field(t);
    auto cells = ToValues(nullptr, f);
    ASSERT_TRUE(cells.ok()) << FieldTypeName(t);
    EXPECT_EQ(cells->size(), Columns(f, store::Dialect::kPostgres).size()) << FieldTypeName(t);
    for (const store::Value& v : *cells) EXPECT_TRUE(store::IsNull(v)) << FieldTypeName(t);
    auto back = FromCells(*cells, f);
    ASSERT_TRUE(back.ok()) << FieldTypeName(t);
    EXPECT_TRUE(back->is_null()) << FieldTypeName(t);
  }
}

TEST(FieldValueTest, MultipleTextIsAJsonArrayOfValidValues) {
  FieldDef f = Field(FieldType::kEmail, [](FieldDef& d) { d.multiple = true; });
  EXPECT_EQ(Validate(bj::parse(R"(["a@example.com", "b@example.org"])"), f), std::nullopt);
  EXPECT_EQ(Validate(bj::parse(R"(["a@example.com", "nope"])"), f), "each value must be an email address");
  EXPECT_EQ(Validate(bj::parse(R"(["a@example.com", "a@example.com"])"), f), "must not repeat 'a@example.com'");
  EXPECT_EQ(Validate(bj::parse(R"("a@example.com")"), f), "must be an array of strings");
  auto cells = ToValues(bj::parse(R"(["a@example.com"])"), f);
  ASSERT_TRUE(cells.ok());
  EXPECT_EQ(RenderCells(*cells), R"(s:["a@example.com"])");
  auto back = FromCells(*cells, f);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(bj::serialize(*back), R"(["a@example.com"])");
}

TEST(FieldValueTest, LinkManyByNameTakesNames) {
  FieldDef f = Field(FieldType::kLinkMany, [](FieldDef& d) {
    d.target = "tag";
    d.by = "name";
  });
  EXPECT_EQ(Validate(bj::parse(R"(["vip", "gold"])"), f), std::nullopt);
  EXPECT_EQ(Validate(bj::parse(R"(["vip", "vip"])"), f), "must not repeat 'vip'");
  EXPECT_EQ(Validate(bj::parse(R"([1])"), f), "must be an array of non-empty strings without NUL");
  auto cells = ToValues(bj::parse(R"(["vip"])"), f);
  ASSERT_TRUE(cells.ok());
  EXPECT_TRUE(cells->empty());
}

TEST(FieldValueTest, ToValuesRefusesAnInvalidValue) {
  auto cells = ToValues(bj::parse(R"("x")"), Field(FieldType::kInt));
  ASSERT_FALSE(cells.ok());
  EXPECT_EQ(cells.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(cells.error().fields.size(), 1u);
  EXPECT_EQ(cells.error().fields[0].field, "f");
  EXPECT_EQ(cells.error().fields[0].problem, "must be an integer");
}

TEST(FieldValueTest, ReadsSqliteIntegersAsBooleansAndDecimals) {
  std::vector<store::Value> one{std::int64_t{1}}, zero{std::int64_t{0}};
  EXPECT_EQ(bj::serialize(*FromCells(one, Field(FieldType::kBool))), "true");
  EXPECT_EQ(bj::serialize(*FromCells(zero, Field(FieldType::kBool))), "false");
  EXPECT_EQ(FromCells(one, Field(FieldType::kDecimal))->as_double(), 1.0);
}

TEST(FieldValueTest, CorruptCellsAreInternalErrors) {
  std::vector<store::Value> text{std::string("[1,")};
  auto broken = FromCells(text, Field(FieldType::kLinkMany));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kInternal);
  std::vector<store::Value> wrong_kind{std::string("7")};
  EXPECT_EQ(FromCells(wrong_kind, Field(FieldType::kInt)).error().code, ErrorCode::kInternal);
  std::vector<store::Value> too_few{std::int64_t{5}};
  EXPECT_EQ(FromCells(too_few, Field(FieldType::kCurrency)).error().code, ErrorCode::kInternal);
}

TEST(FieldTimeTest, ParsesRfc3339ToWholeMilliseconds) {
  EXPECT_EQ(ParseTimestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseTimestamp("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(ParseTimestamp("1969-12-31T23:59:59.999Z"), -1000);
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20Z"), 1'700'000'000'000'000);
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20.5Z"), 1'700'000'000'500'000);
  EXPECT_EQ(ParseTimestamp("2023-11-14T22:13:20.123999Z"), 1'700'000'000'123'000);
  EXPECT_EQ(ParseTimestamp("2023-11-14T17:43:20-04:30"), 1'700'000'000'000'000);
  EXPECT_EQ(ParseTimestamp("0001-01-01T00:00:00Z"), -62'135'596'800'000'000);
  EXPECT_EQ(ParseTimestamp("9999-12-31T23:59:59.999Z"), 253'402'300'799'999'000);
  EXPECT_FALSE(ParseTimestamp("2023-11-14T22:13:20Z ").has_value());
  EXPECT_FALSE(ParseTimestamp("2023-11-14T22:13:20+01").has_value());
  EXPECT_FALSE(ParseTimestamp("").has_value());
  // What is parsed formats back to the same instant.
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2026-11-23T18:50:00.123Z")), "2026-11-23T18:50:00.123Z");
}

TEST(FieldTimeTest, DatesMustExist) {
  EXPECT_TRUE(IsDate("2000-02-29"));
  EXPECT_FALSE(IsDate("1900-02-29"));
  EXPECT_TRUE(IsDate("9999-12-31"));
  EXPECT_FALSE(IsDate("2026-04-31"));
  EXPECT_FALSE(IsDate("2026-04-3a"));
}

}  // namespace
}  // namespace rapport::meta
