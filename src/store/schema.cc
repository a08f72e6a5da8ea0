#include "store/schema.h"

namespace rapport::store {
namespace {

Result<std::set<std::string>> Names(Connection& conn, std::string_view sql, std::string_view table) {
  auto rows = conn.Query(sql, {Value(std::string(table))});
  if (!rows.ok()) return std::move(rows).error();
  std::set<std::string> out;
  for (std::size_t i = 0; i < rows->rows(); ++i) out.emplace(rows->Text(i, 0));
  return out;
}

}  // namespace

Result<std::set<std::string>> TableColumns(Connection& conn, std::string_view table) {
  if (conn.dialect() == Dialect::kSqlite) return Names(conn, "SELECT name FROM pragma_table_info($1)", table);
  return Names(conn,
               "SELECT column_name FROM information_schema.columns "
               "WHERE table_schema = current_schema() AND table_name = $1",
               table);
}

Result<std::set<std::string>> TableIndexes(Connection& conn, std::string_view table) {
  if (conn.dialect() == Dialect::kSqlite) {
    return Names(conn, "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = $1", table);
  }
  return Names(conn, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1", table);
}

}  // namespace rapport::store
