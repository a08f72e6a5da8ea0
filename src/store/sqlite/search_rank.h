// rapport_rank(): the FTS5 ranking function of q= search on SQLite.
#pragma once

#include <sqlite3.h>

namespace rapport::store::sqlite {

// The name under which RegisterSearchRank makes the function known to FTS5 queries.
inline constexpr const char* kSearchRankFunction = "rapport_rank";

// Registers rapport_rank(<fts table>) on `db`: the sum over the query's terms of the token position
// of each term's first match (lower is better). A record's search text starts with its title
// fields, so "anna sch" ranks Anna Schmidt above a record that mentions Anna in its company's name.
// Unlike bm25 it reads only the row at hand: bm25 counts every match of every term in the whole
// table for its document frequencies, which costs as much as the match set is large (100+ ms for
// a short prefix on 1 M people) however few rows are ranked.
// Returns false when this SQLite has no FTS5.
bool RegisterSearchRank(sqlite3* db);

}  // namespace rapport::store::sqlite
