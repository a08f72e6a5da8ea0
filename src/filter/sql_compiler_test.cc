#include "filter/sql_compiler.h"

#include <gtest/gtest.h>

#include <string>

#include "filter/filter.h"
#include "filter/test_objects.h"

namespace rapport::filter {
namespace {

using store::Dialect;

constexpr Micros kNow = 1'795'428'000'000'000;  // 2026-11-23T10:00:00Z
constexpr std::string_view kUpper = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ'";
constexpr std::string_view kLower = "'abcdefghijklmnopqrstuvwxyz'";

std::string Render(const store::Value& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "NULL";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return "'" + x + "'";
        } else if constexpr (std::is_same_v<T, bool>) {
          return x ? "true" : "false";
        } else {
          return std::to_string(x);
        }
      },
      v);
}

class FilterSqlCompilerTest : public ::testing::Test {
 protected:
  // "<sql> [params]" for `text` on thing, alias t.
  std::string Sql(std::string_view text, Dialect dialect, int first_param = 1) {
    auto checked = ParseAndCheck(text, *registry_->FindObject("thing"), *registry_);
    if (!checked.ok()) return "error: " + checked.error().message;
    SqlFragment f = Compile(*checked, dialect, "t", first_param, kNow);
    std::string params;
    for (const store::Value& v : f.params) params += (params.empty() ? "" : ", ") + Render(v);
    return f.sql + " [" + params + "]";
  }

  std::shared_ptr<const meta::Registry> registry_ = testing::TestRegistry();
};

TEST_F(FilterSqlCompilerTest, Comparisons) {
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    // On SQLite, equality on enums and bools is kept out of index choice ('+').
    const std::string p = d == Dialect::kSqlite ? "+" : "";
    EXPECT_EQ(Sql("name = 'x'", d), "(t.name IS NOT NULL AND t.name = $1) ['x']");
    EXPECT_EQ(Sql("name != 'x' and not count < 5", d),
              "((t.name IS NULL OR t.name <> $1) AND NOT ((t.count IS NOT NULL AND t.count < $2))) ['x', 5]");
    EXPECT_EQ(Sql("kind in ('alpha', 'Delta') or org is null", d),
              "((" + p + "t.kind IS NOT NULL AND " + p + "t.kind IN ($1, $2)) OR t.org_id IS NULL) ['alpha', 'Delta']");
    EXPECT_EQ(Sql("org = 5 and active = true and score >= -2.5", d),
              "((t.org_id IS NOT NULL AND t.org_id = $1) AND (" + p + "t.active IS NOT NULL AND " + p +
                  "t.active = $2) AND (t.score IS NOT NULL AND t.score >= $3)) [5, true, -2.500000]");
    EXPECT_EQ(Sql("id = 3 or created_by != 2 or version is not null", d),
              "((t.id IS NOT NULL AND t.id = $1) OR (t.created_by IS NULL OR t.created_by <> $2) OR "
              "t.version IS NOT NULL) [3, 2]");
  }
}

TEST_F(FilterSqlCompilerTest, TextOrdersByBytesOnPostgres) {
  EXPECT_EQ(Sql("name < 'b'", Dialect::kSqlite), "(t.name IS NOT NULL AND t.name < $1) ['b']");
  EXPECT_EQ(Sql("name < 'b'", Dialect::kPostgres), "(t.name IS NOT NULL AND t.name COLLATE \"C\" < $1) ['b']");
  EXPECT_EQ(Sql("born >= '2024-01-01'", Dialect::kPostgres),
            "(t.born IS NOT NULL AND t.born COLLATE \"C\" >= $1) ['2024-01-01']");
}

TEST_F(FilterSqlCompilerTest, ContainsAndStartsWithFoldAsciiOnlyAndTakeNoWildcards) {
  EXPECT_EQ(Sql("nick contains 'A%_'", Dialect::kSqlite),
            "(t.cf_nick IS NOT NULL AND instr(lower(t.cf_nick), $1) > 0) ['a%_']");
  EXPECT_EQ(Sql("nick contains 'A%_'", Dialect::kPostgres), "(t.cf_nick IS NOT NULL AND strpos(translate(t.cf_nick, " +
                                                                std::string(kUpper) + ", " + std::string(kLower) +
                                                                "), $1) > 0) ['a%_']");
  EXPECT_EQ(Sql("name starts_with 'ÄB'", Dialect::kSqlite),
            "(t.name IS NOT NULL AND instr(lower(t.name), $1) = 1) ['Äb']");
}

TEST_F(FilterSqlCompilerTest, TimesAndMoney) {
  // now() and today() are values bound for the given now: 2026-11-23T10:00:00Z.
  EXPECT_EQ(Sql("price > 19.99 or born >= today() - 7d or seen_at < now() - 1h", Dialect::kSqlite),
            "((t.price_micros IS NOT NULL AND t.price_micros > $1) OR (t.born IS NOT NULL AND t.born >= $2) OR "
            "(t.seen_at IS NOT NULL AND t.seen_at < $3)) [19990000, '2026-11-16', 1795424400000000]");
  EXPECT_EQ(Sql("seen_at >= today() and born = today() + 2w", Dialect::kSqlite),
            "((t.seen_at IS NOT NULL AND t.seen_at >= $1) AND (t.born IS NOT NULL AND t.born = $2)) "
            "[1795392000000000, '2026-12-07']");
}

TEST_F(FilterSqlCompilerTest, Sets) {
  EXPECT_EQ(Sql("colors has 'red'", Dialect::kSqlite),
            "EXISTS (SELECT 1 FROM json_each(t.colors) t_j WHERE t_j.value = $1) ['red']");
  EXPECT_EQ(Sql("colors has 'red'", Dialect::kPostgres),
            "(t.colors IS NOT NULL AND (t.colors)::jsonb @> jsonb_build_array($1::text)) ['red']");
  EXPECT_EQ(Sql("aliases is null", Dialect::kSqlite), "(t.aliases IS NULL OR json_array_length(t.aliases) = 0) []");
  EXPECT_EQ(Sql("aliases is not null", Dialect::kPostgres),
            "(t.aliases IS NOT NULL AND jsonb_array_length((t.aliases)::jsonb) > 0) []");
}

TEST_F(FilterSqlCompilerTest, LinkMany) {
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    EXPECT_EQ(Sql("labels has 'vip'", d),
              "EXISTS (SELECT 1 FROM record_links t_l JOIN labels t_g ON t_g.id = t_l.target_id WHERE t_l.object = $1 "
              "AND t_l.field = $2 AND t_l.record_id = t.id AND t_g.name = $3) ['thing', 'labels', 'vip']");
    EXPECT_EQ(Sql("parts has 7", d),
              "EXISTS (SELECT 1 FROM record_links t_l WHERE t_l.object = $1 AND t_l.field = $2 AND t_l.record_id = "
              "t.id AND t_l.target_id = $3) ['thing', 'parts', 7]");
    EXPECT_EQ(Sql("parts is null", d),
              "NOT EXISTS (SELECT 1 FROM record_links t_l WHERE t_l.object = $1 AND t_l.field = $2 AND "
              "t_l.record_id = t.id) ['thing', 'parts']");
  }
}

TEST_F(FilterSqlCompilerTest, RelatedRecords) {
  EXPECT_EQ(Sql("org.kind = 'partner'", Dialect::kSqlite),
            "EXISTS (SELECT 1 FROM orgs t_r WHERE t_r.id = t.org_id AND t_r.deleted_at IS NULL AND "
            "(+t_r.kind IS NOT NULL AND +t_r.kind = $1)) ['partner']");
  EXPECT_EQ(Sql("not org.labels has 'x'", Dialect::kSqlite),
            "NOT (EXISTS (SELECT 1 FROM orgs t_r WHERE t_r.id = t.org_id AND t_r.deleted_at IS NULL AND "
            "EXISTS (SELECT 1 FROM record_links t_r_l JOIN labels t_r_g ON t_r_g.id = t_r_l.target_id WHERE "
            "t_r_l.object = $1 AND t_r_l.field = $2 AND t_r_l.record_id = t_r.id AND t_r_g.name = $3))) "
            "['org', 'labels', 'x']");
  EXPECT_EQ(Sql("mentor.mentor is null", Dialect::kPostgres),
            "EXISTS (SELECT 1 FROM things t_r WHERE t_r.id = t.mentor_id AND t_r.deleted_at IS NULL AND "
            "t_r.mentor_id IS NULL) []");
}

TEST_F(FilterSqlCompilerTest, PlaceholdersStartWhereTheCallerSays) {
  EXPECT_EQ(Sql("name = 'a' or count in (1, 2)", Dialect::kSqlite, 4),
            "((t.name IS NOT NULL AND t.name = $4) OR (t.count IS NOT NULL AND t.count IN ($5, $6))) ['a', 1, 2]");
}

TEST_F(FilterSqlCompilerTest, UserTextNeverReachesTheSql) {
  std::string sql =
      Sql("name = 'x''); DROP TABLE things; --' or nick contains 'it''s' or kind = 'Delta'", Dialect::kPostgres);
  EXPECT_EQ(sql.find("DROP"), sql.rfind("DROP"));  // once: in the params only
  EXPECT_NE(sql.find("['x'); DROP TABLE things; --'"), std::string::npos) << sql;
  EXPECT_EQ(sql.substr(0, sql.find('[')).find('\''), sql.substr(0, sql.find('[')).find("'ABC"));
}

}  // namespace
}  // namespace rapport::filter
