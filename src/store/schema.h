// What the database says about a table's shape, for the migration planner
// (meta/migration_planner.h) to compare with the metadata: its columns and its indexes.
// Plain functions over a Connection; they block.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "common/result.h"
#include "store/store.h"

namespace rapport::store {

// The names of the columns of `table` in the current schema; an empty set when there is no such
// table. Errors are the connection's (store.h).
Result<std::set<std::string>> TableColumns(Connection& conn, std::string_view table);

// The names of the indexes on `table` and, on SQLite, of its triggers (they keep the FTS5 search
// index in step, so they are part of it); an empty set when there is no such table. Errors are the
// connection's.
Result<std::set<std::string>> TableIndexes(Connection& conn, std::string_view table);

}  // namespace rapport::store
