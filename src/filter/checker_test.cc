#include "filter/checker.h"

#include <gtest/gtest.h>

#include <string>

#include "filter/filter.h"
#include "filter/test_objects.h"
#include "meta/object_def_json.h"

namespace rapport::filter {
namespace {

class FilterCheckerTest : public ::testing::Test {
 protected:
  // "ok" or the error's detail.
  std::string CheckText(std::string_view text, std::string_view object = "thing") {
    auto checked = ParseAndCheck(text, *registry_->FindObject(object), *registry_);
    if (!checked.ok()) {
      EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
      EXPECT_EQ(checked.error().fields.at(0).field, "filter");
      return checked.error().fields.at(0).problem;
    }
    return "ok";
  }

  // The one operand of a single predicate.
  Operand OperandOf(std::string_view text) {
    auto checked = ParseAndCheck(text, *registry_->FindObject("thing"), *registry_);
    EXPECT_TRUE(checked.ok()) << text;
    if (!checked.ok()) return Operand(false);
    const CheckedExpr& e =
        checked->root.kind == CheckedExpr::Kind::kRelated ? checked->root.children[0] : checked->root;
    EXPECT_EQ(e.values.size(), 1u);
    return e.values.at(0);
  }

  std::shared_ptr<const meta::Registry> registry_ = testing::TestRegistry();
};

TEST_F(FilterCheckerTest, AcceptsEachTypeWithItsOperators) {
  for (const char* text : {
           "name = 'x' and name != 'x' and name < 'b' and name in ('a', 'b') and name contains 'x' and "
           "name starts_with 'x' and name is null and name is not null",
           "notes contains 'x' or notes is null",
           "count = 1 or count >= -2 or count in (1, 2, 3) or count is not null",
           "score > 2.5 or score = 3 or score in (1, 2.5)",
           "price > 19.99 and price <= 100 and price != 0",
           "born = '2024-02-29' or born > today() - 7d or born < today() + 2w or born in ('2024-01-01', today())",
           "seen_at < now() - 90d or seen_at > '2026-11-23T10:00:00.000Z' or seen_at >= today() - 12h",
           "active = true or active != false or active is null",
           "kind = 'alpha' or kind in ('beta', 'Delta') or kind != 'gamma'",
           "colors has 'red' or colors is null",
           "email = 'a@b.io' or phone starts_with '+49' or site contains 'example'",
           "aliases has 'Bob' or aliases is not null",
           "nick = 'x'",
           "org = 5 or org in (1, 2) or org is null or org != 3",
           "parts has 7 or labels has 'vip' or labels is null or parts is not null",
           "org.kind = 'partner' or org.labels has 'vip' or org.parent = 3 or mentor.name contains 'x'",
           "id = 1 or version > 2 or created_at < now() or updated_at >= '2026-01-01T00:00:00Z' or created_by = 7",
           "org.id = 4 or org.created_at > now() - 1d",
       }) {
    EXPECT_EQ(CheckText(text), "ok") << text;
  }
}

TEST_F(FilterCheckerTest, UnknownAndInactiveFields) {
  EXPECT_EQ(CheckText("foo = 1"), "at 0: unknown field 'foo' of thing");
  EXPECT_EQ(CheckText("count = 1 and retired = 'x'"), "at 14: unknown field 'retired' of thing");
  EXPECT_EQ(CheckText("deleted_at is null"), "at 0: unknown field 'deleted_at' of thing");
  EXPECT_EQ(CheckText("cf_nick = 'x'"), "at 0: unknown field 'cf_nick' of thing");
  EXPECT_EQ(CheckText("org.foo = 1"), "at 4: unknown field 'foo' of org");
  EXPECT_EQ(CheckText("nothing.kind = 1"), "at 0: unknown field 'nothing' of thing");
  EXPECT_EQ(CheckText("name.kind = 1"), "at 0: only a link field can be followed by '.'; 'name' is text");
  EXPECT_EQ(CheckText("parts.kind = 1"), "at 0: only a link field can be followed by '.'; 'parts' is link_many");
}

TEST_F(FilterCheckerTest, UnknownFieldOfABuiltinObject) {
  auto builtin = meta::BuiltinObjects();
  ASSERT_TRUE(builtin.ok());
  auto registry = meta::Registry::Build(std::move(*builtin), 1);
  ASSERT_TRUE(registry.ok()) << registry.error().message;
  const meta::ObjectDef& person = *(*registry)->FindObject("person");
  auto checked = ParseAndCheck("foo = 'x'", person, **registry);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().message, "filter at 0: unknown field 'foo' of person");
  EXPECT_TRUE(ParseAndCheck("lifecycle_stage = 'customer' and last_touch_at < now() - 90d and tags has 'vip' and "
                            "organization.kind = 'partner'",
                            person, **registry)
                  .ok());
}

TEST_F(FilterCheckerTest, OperatorsTheFieldDoesNotSupport) {
  EXPECT_EQ(CheckText("labels contains 'x'"),
            "at 7: 'labels' (link_many) does not support 'contains'; it supports: has, is null, is not null");
  EXPECT_EQ(CheckText("aliases = 'x'"),
            "at 8: 'aliases' (list of text) does not support '='; it supports: has, is null, is not null");
  EXPECT_EQ(CheckText("notes = 'x'"),
            "at 6: 'notes' (long_text) does not support '='; it supports: contains, is null, is not null");
  EXPECT_EQ(CheckText("active < true"),
            "at 7: 'active' (bool) does not support '<'; it supports: =, !=, is null, is not null");
  EXPECT_EQ(CheckText("kind contains 'a'"),
            "at 5: 'kind' (enum) does not support 'contains'; it supports: =, !=, in, is null, is not null");
  EXPECT_EQ(CheckText("price in (1, 2)"),
            "at 6: 'price' (currency) does not support 'in'; it supports: =, !=, <, <=, >, >=, is null, is not null");
  EXPECT_EQ(CheckText("count has 1"),
            "at 6: 'count' (int) does not support 'has'; it supports: =, !=, <, <=, >, "
            ">=, in, is null, is not null");
  EXPECT_EQ(CheckText("org.labels = 'x'"),
            "at 11: 'labels' (link_many) does not support '='; it supports: has, is null, is not null");
}

TEST_F(FilterCheckerTest, ValuesOfTheWrongKind) {
  EXPECT_EQ(CheckText("count = 'x'"), "at 8: 'count' (int) takes an integer; found the string 'x'");
  EXPECT_EQ(CheckText("count = 1.5"), "at 8: 'count' (int) takes an integer; found the number '1.5'");
  EXPECT_EQ(CheckText("count = 99999999999999999999"),
            "at 8: the number '99999999999999999999' is out of the 64-bit integer range");
  EXPECT_EQ(CheckText("name = 1"), "at 7: 'name' (text) takes a string in single quotes; found the number '1'");
  EXPECT_EQ(CheckText("score = true"), "at 8: 'score' (decimal) takes a number; found true");
  EXPECT_EQ(CheckText("score = 1" + std::string(400, '0')),
            "at 8: the number '1" + std::string(39, '0') + "...' is out of range");
  EXPECT_EQ(CheckText("price > 1.1234567"), "at 8: the amount '1.1234567' has more than 6 decimal places");
  EXPECT_EQ(CheckText("price > 9223372036855"), "at 8: the amount '9223372036855' is out of range");
  EXPECT_EQ(CheckText("price > 'EUR'"),
            "at 8: 'price' (currency) takes an amount in major units, such as 19.99; found the string 'EUR'");
  EXPECT_EQ(CheckText("born = '2023-02-29'"), "at 7: '2023-02-29' is not a date as 'YYYY-MM-DD'");
  EXPECT_EQ(CheckText("born = now()"), "at 7: 'born' is a date: compare it with today(), not now()");
  EXPECT_EQ(CheckText("born = today() - 3h"), "at 7: 'born' is a date: move today() by days (d) or weeks (w)");
  EXPECT_EQ(CheckText("born = 20240101"),
            "at 7: 'born' (date) takes a date as 'YYYY-MM-DD' or today() with an offset in days, such as "
            "today() - 7d; found the number '20240101'");
  EXPECT_EQ(CheckText("seen_at > '2026-01-01'"),
            "at 10: '2026-01-01' is not a time as RFC 3339, such as '2026-11-23T10:00:00Z'");
  EXPECT_EQ(CheckText("seen_at > now() - 2000000000000w"), "at 10: the duration is out of range");
  EXPECT_EQ(CheckText("active = 1"), "at 9: 'active' (bool) takes true or false; found the number '1'");
  EXPECT_EQ(CheckText("kind = 'zeta'"),
            "at 7: 'zeta' is not an option of 'kind'; the options are: alpha, beta, "
            "gamma, Delta");
  EXPECT_EQ(CheckText("kind = 'delta'"),
            "at 7: 'delta' is not an option of 'kind'; the options are: alpha, beta, "
            "gamma, Delta");
  EXPECT_EQ(CheckText("kind in ('alpha', 'zeta')"),
            "at 18: 'zeta' is not an option of 'kind'; the options are: alpha, beta, gamma, Delta");
  EXPECT_EQ(CheckText("colors has 'pink'"),
            "at 11: 'pink' is not an option of 'colors'; the options are: red, "
            "green, blue");
  EXPECT_EQ(CheckText("org = 'acme'"), "at 6: 'org' (link) takes a record id (an integer); found the string 'acme'");
  EXPECT_EQ(CheckText("labels has 3"), "at 11: 'labels' (link_many) takes a name (a string); found the number '3'");
  EXPECT_EQ(CheckText("parts has 'x'"),
            "at 10: 'parts' (link_many) takes a record id (an integer); found the string 'x'");
  EXPECT_EQ(CheckText("aliases has 3"), "at 12: 'aliases' (list of text) takes a string; found the number '3'");
  EXPECT_EQ(CheckText("id = 'x'"), "at 5: 'id' (int) takes an integer; found the string 'x'");
  EXPECT_EQ(CheckText("org.kind = 'nope'"),
            "at 11: 'nope' is not an option of 'kind'; the options are: partner, customer, vendor");
}

TEST_F(FilterCheckerTest, ValuesTakeTheStoredForm) {
  EXPECT_EQ(std::get<std::int64_t>(OperandOf("price > 19.99")), 19'990'000);
  EXPECT_EQ(std::get<std::int64_t>(OperandOf("price > -0.000001")), -1);
  EXPECT_EQ(std::get<std::int64_t>(OperandOf("price > 7")), 7'000'000);
  EXPECT_EQ(std::get<std::int64_t>(OperandOf("price > 9223372036854.775807")), INT64_MAX);
  EXPECT_EQ(std::get<double>(OperandOf("score = 2")), 2.0);
  EXPECT_EQ(std::get<std::int64_t>(OperandOf("count = -9223372036854775808")), INT64_MIN);
  EXPECT_EQ(std::get<std::int64_t>(OperandOf("seen_at = '2026-11-23T11:00:00+01:00'")), 1'795'428'000'000'000);
  EXPECT_EQ(std::get<std::string>(OperandOf("born = '2024-02-29'")), "2024-02-29");
  auto t = std::get<TimeOperand>(OperandOf("born >= today() - 2w"));
  EXPECT_EQ(t.base, TimeOperand::Base::kToday);
  EXPECT_EQ(t.offset, -14 * 86'400'000'000LL);
  t = std::get<TimeOperand>(OperandOf("seen_at >= now() + 30m"));
  EXPECT_EQ(t.base, TimeOperand::Base::kNow);
  EXPECT_EQ(t.offset, 30 * 60'000'000LL);
  EXPECT_EQ(std::get<bool>(OperandOf("active = FALSE")), false);
  EXPECT_EQ(std::get<std::string>(OperandOf("org.kind = 'partner'")), "partner");
}

}  // namespace
}  // namespace rapport::filter
