#include "filter/parser.h"

#include <gtest/gtest.h>

#include <string>

namespace rapport::filter {
namespace {

std::string RenderLiteral(const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::kString:
      return "'" + lit.text + "'";
    case Literal::Kind::kNumber:
      return lit.text + (lit.integral ? "" : "~");
    case Literal::Kind::kBool:
      return lit.boolean ? "true" : "false";
    case Literal::Kind::kNow:
    case Literal::Kind::kToday: {
      std::string out = lit.kind == Literal::Kind::kNow ? "now" : "today";
      if (lit.amount != 0) {
        static constexpr const char* kUnits[] = {"m", "h", "d", "w"};
        out += (lit.amount > 0 ? "+" : "") + std::to_string(lit.amount) + kUnits[static_cast<int>(lit.unit)];
      }
      return out;
    }
  }
  return "?";
}

// The tree as a Lisp-like string: (and (= a 1) (not (is-null b))).
std::string Render(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kAnd:
    case Expr::Kind::kOr: {
      std::string out = e.kind == Expr::Kind::kAnd ? "(and" : "(or";
      for (const Expr& c : e.children) out += " " + Render(c);
      return out + ")";
    }
    case Expr::Kind::kNot:
      return "(not " + Render(e.children[0]) + ")";
    case Expr::Kind::kPredicate: {
      const Predicate& p = e.predicate;
      std::string out =
          "(" + std::string(OpText(p.op)) + " " + (p.path.link.empty() ? "" : p.path.link + ".") + p.path.field;
      for (const Literal& v : p.values) out += " " + RenderLiteral(v);
      return out + ")";
    }
  }
  return "?";
}

std::string ParseText(std::string_view text) {
  auto expr = Parse(text);
  if (!expr.ok()) return "error: " + expr.error().fields.at(0).problem;
  return Render(*expr);
}

TEST(FilterParserTest, ParsesTheGrammar) {
  EXPECT_EQ(ParseText("a = 1"), "(= a 1)");
  EXPECT_EQ(ParseText("a = 1 and b != 'x' or c < 2.5"), "(or (and (= a 1) (!= b 'x')) (< c 2.5~))");
  EXPECT_EQ(ParseText("a = 1 and (b = 2 or c = 3)"), "(and (= a 1) (or (= b 2) (= c 3)))");
  EXPECT_EQ(ParseText("not not a is null"), "(not (not (is null a)))");
  EXPECT_EQ(ParseText("a is not null and b <= -3 and c >= -0.5 and d > 0"),
            "(and (is not null a) (<= b -3) (>= c -0.5~) (> d 0))");
  EXPECT_EQ(ParseText("a in ('x', 'y''s', 3)"), "(in a 'x' 'y's' 3)");
  EXPECT_EQ(ParseText("a contains 'x' or a starts_with '' or tags has 'vip'"),
            "(or (contains a 'x') (starts_with a '') (has tags 'vip'))");
  EXPECT_EQ(ParseText("organization.kind = 'partner'"), "(= organization.kind 'partner')");
  EXPECT_EQ(ParseText("a < now() - 90d and b > now() + 2w and c >= today() - 7d and d = today() and e < now() + 30m "
                      "and f > now() - 12h"),
            "(and (< a now-90d) (> b now+2w) (>= c today-7d) (= d today) (< e now+30m) (> f now-12h))");
  EXPECT_EQ(ParseText("a = true or b = FALSE"), "(or (= a true) (= b false))");
  EXPECT_EQ(ParseText("  a\t=\n'multi\nline'  "), "(= a 'multi\nline')");
  EXPECT_EQ(ParseText("a = 'Äpfel 日本'"), "(= a 'Äpfel 日本')");
}

TEST(FilterParserTest, KeywordsAreCaseInsensitive) {
  EXPECT_EQ(ParseText("a IN (1) AND NOT b IS NOT NULL Or c CONTAINS 'x' and d Starts_With 'y' and e HAS 1 and "
                      "f = True and g < NOW() - 1d and h = Today()"),
            "(or (and (in a 1) (not (is not null b))) (and (contains c 'x') (starts_with d 'y') (has e 1) (= f true) "
            "(< g now-1d) (= h today)))");
}

TEST(FilterParserTest, ErrorsNameThePositionAndWhatWasExpected) {
  EXPECT_EQ(ParseText("organization ="), "error: at 14: expected a value after '=' but found end of input");
  EXPECT_EQ(ParseText(""), "error: at 0: expected a field name, 'not' or '(' but found end of input");
  EXPECT_EQ(ParseText("a = 1 b = 2"), "error: at 6: expected 'and', 'or' or end of input but found 'b'");
  EXPECT_EQ(ParseText("(a = 1"), "error: at 6: expected 'and', 'or' or ')' but found end of input");
  EXPECT_EQ(ParseText("a = 1)"), "error: at 5: expected 'and', 'or' or end of input but found ')'");
  EXPECT_EQ(ParseText("a = 'open"), "error: at 4: this string has no closing quote (')");
  EXPECT_EQ(ParseText("a ~ 1"), "error: at 2: unexpected character '~'");
  EXPECT_EQ(ParseText("a = \"x\""), "error: at 4: strings take single quotes ('text'), not double quotes");
  EXPECT_EQ(ParseText("a <> 1"), "error: at 2: '<>' is not an operator: write !=");
  EXPECT_EQ(ParseText("a ! 1"), "error: at 2: expected '=' after '!' (the operator is !=)");
  EXPECT_EQ(ParseText("a 1"),
            "error: at 2: expected an operator (=, !=, <, <=, >, >=, in, contains, starts_with, "
            "has, is null) after 'a' but found '1'");
  EXPECT_EQ(ParseText("a in 1"), "error: at 5: expected '(' after 'in' but found '1'");
  EXPECT_EQ(ParseText("a in (1, )"), "error: at 9: expected a value after ',' but found ')'");
  EXPECT_EQ(ParseText("a in ()"), "error: at 6: expected a value after '(' but found ')'");
  EXPECT_EQ(ParseText("a in (1 2)"), "error: at 8: expected ',' or ')' in the 'in' list but found '2'");
  EXPECT_EQ(ParseText("a is nul"), "error: at 5: expected 'null' or 'not null' after 'is' but found 'nul'");
  EXPECT_EQ(ParseText("a = b"), "error: at 4: expected a value after '=' but found 'b'");
  EXPECT_EQ(ParseText("a = - 'x'"), "error: at 6: expected a number after '-' but found the string 'x'");
  EXPECT_EQ(ParseText("a = 90d"),
            "error: at 4: expected a value after '=' but found '90d': a duration goes with "
            "now() or today(), as in now() - 90d");
  EXPECT_EQ(ParseText("a = now"), "error: at 7: expected '()' after 'now' but found end of input");
  EXPECT_EQ(ParseText("a = now(1)"), "error: at 8: expected '()' after 'now' but found '1'");
  EXPECT_EQ(ParseText("a = now() - 90"),
            "error: at 12: expected a duration such as 90d, 12h, 30m or 2w after '-' but found '90'");
  EXPECT_EQ(ParseText("a = now() - 90x"),
            "error: at 14: unknown unit 'x': use d (days), h (hours), m (minutes) or w (weeks)");
  EXPECT_EQ(ParseText("a = now() - 1.5d"),
            "error: at 12: a duration is a whole number and a unit, a duration such "
            "as 90d, 12h, 30m or 2w");
  EXPECT_EQ(ParseText("a = now() - 99999999999999999999d"),
            "error: at 12: the duration '99999999999999999999d' is "
            "out of range");
  EXPECT_EQ(ParseText("a.b.c = 1"), "error: at 3: a path goes at most one link deep (link.field)");
  EXPECT_EQ(ParseText("a. = 1"), "error: at 3: expected a field name after '.' but found '='");
  EXPECT_EQ(ParseText("a = 'bad \xC3('"), "error: at 4: this string is not valid UTF-8");
  EXPECT_EQ(ParseText(std::string_view("a = 'nul\0'", 10)), "error: at 8: a string may not contain a NUL character");
  EXPECT_EQ(ParseText("a = 1 and \xC3\xA4 = 2"), "error: at 10: unexpected byte 0xC3");
}

TEST(FilterParserTest, ErrorsHaveTheOneShape) {
  auto expr = Parse("a =");
  ASSERT_FALSE(expr.ok());
  EXPECT_EQ(expr.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(expr.error().message, "filter at 3: expected a value after '=' but found end of input");
  ASSERT_EQ(expr.error().fields.size(), 1u);
  EXPECT_EQ(expr.error().fields[0].field, "filter");
}

TEST(FilterParserTest, LongStringsAreCutInMessages) {
  std::string long_value(100, 'x');
  EXPECT_EQ(ParseText("a = 1 '" + long_value + "'"),
            "error: at 6: expected 'and', 'or' or end of input but found the string '" + std::string(40, 'x') + "...'");
}

TEST(FilterParserTest, EnforcesTheSizeLimit) {
  std::string text = "a = '" + std::string(kMaxFilterBytes - 6, 'x') + "'";
  ASSERT_EQ(text.size(), kMaxFilterBytes);
  EXPECT_TRUE(Parse(text).ok());
  EXPECT_EQ(ParseText(text + " "), "error: at 4096: a filter may be at most 4096 bytes long (this one has 4097)");
}

TEST(FilterParserTest, EnforcesTheNestingLimit) {
  auto nested = [](int depth) { return std::string(depth, '(') + "a = 1" + std::string(depth, ')'); };
  EXPECT_EQ(ParseText(nested(kMaxDepth)).substr(0, 6), "(= a 1");
  EXPECT_EQ(ParseText(nested(kMaxDepth + 1)), "error: at 32: a filter may nest at most 32 levels of '(' and 'not'");
  std::string nots;
  for (int i = 0; i <= kMaxDepth; ++i) nots += "not ";
  EXPECT_EQ(ParseText(nots + "a = 1"), "error: at 128: a filter may nest at most 32 levels of '(' and 'not'");
  EXPECT_EQ(ParseText("not (" + nested(kMaxDepth - 2) + ")").substr(0, 1), "(");  // 'not' and '(' count alike
  EXPECT_EQ(ParseText("not (" + nested(kMaxDepth - 1) + ")"),
            "error: at 35: a filter may nest at most 32 levels of '(' and 'not'");
}

TEST(FilterParserTest, EnforcesThePredicateLimit) {
  std::string text = "a = 1";
  for (int i = 1; i < kMaxPredicates; ++i) text += " or a = 1";
  EXPECT_TRUE(Parse(text).ok());
  EXPECT_EQ(ParseText(text + " or b = 1"), "error: at 900: a filter may have at most 100 conditions");
}

TEST(FilterParserTest, EnforcesTheInListLimit) {
  std::string list = "0";
  for (std::size_t i = 1; i < kMaxInValues; ++i) list += ",0";
  EXPECT_TRUE(Parse("a in (" + list + ")").ok());
  EXPECT_EQ(ParseText("a in (" + list + ",7)"), "error: at 206: an 'in' list may hold at most 100 values");
}

}  // namespace
}  // namespace rapport::filter
