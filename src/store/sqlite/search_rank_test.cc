#include "store/sqlite/search_rank.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/sqlite/sqlite_connection.h"

namespace rapport::store::sqlite {
namespace {

// The ids that `query` finds, best first, as q= search orders them (rank, then newest).
std::vector<std::int64_t> Ranked(SqliteConnection& conn, const std::string& query) {
  auto rows = conn.Query(
      "SELECT rowid FROM docs WHERE docs MATCH $1 ORDER BY rapport_rank(docs), rowid DESC", {Value(query)});
  EXPECT_TRUE(rows.ok()) << rows.error().message;
  std::vector<std::int64_t> ids;
  if (!rows.ok()) return ids;
  for (std::size_t r = 0; r < rows->rows(); ++r) ids.push_back(std::get<std::int64_t>(rows->at(r, 0)));
  return ids;
}

TEST(SearchRankTest, EarlierMatchesRankHigherAndTiesGoToTheNewest) {
  SqliteConnection conn(":memory:", OpenOptions{}, false);
  ASSERT_TRUE(conn.ExecScript("CREATE VIRTUAL TABLE docs USING fts5(t, prefix='1 2 3');"
                              "INSERT INTO docs (rowid, t) VALUES (1, 'bob jones anna schubert'),"
                              "(2, 'anna schmidt annas shop'), (3, 'schmidt anna'), (4, 'anna schulz'),"
                              "(5, 'carla weber')")
                  .ok());
  // "anna sch": texts with the two words first (positions 0 and 1, in either order) before the one
  // that has them later; equal ranks go newest first.
  EXPECT_EQ(Ranked(conn, "\"anna\"* AND \"sch\"*"), (std::vector<std::int64_t>{4, 3, 2, 1}));
  // One term: where it first appears counts.
  EXPECT_EQ(Ranked(conn, "\"schm\"*"), (std::vector<std::int64_t>{3, 2}));
  EXPECT_EQ(Ranked(conn, "\"w\"*"), (std::vector<std::int64_t>{5}));
  EXPECT_TRUE(Ranked(conn, "\"zed\"*").empty());
}

}  // namespace
}  // namespace rapport::store::sqlite
