// One SQLite connection with its prepared-statement cache; the Connection of store/store.h.
// Not thread-safe: SqliteDatabase hands it to one thread at a time.
#pragma once

#include <sqlite3.h>

#include <string>

#include "common/string_hash.h"
#include "store/store.h"

namespace rapport::store::sqlite {

class SqliteConnection final : public Connection {
 public:
  // Opens `path` read-write (creating it) and applies the per-connection pragmas.
  // Throws std::runtime_error when the file cannot be opened (a startup failure).
  SqliteConnection(const std::string& path, const OpenOptions& options, bool query_only);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  using Connection::Exec;
  using Connection::Query;
  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<ResultSet> Query(std::string_view sql, std::span<const Value> params) override;
  Result<std::int64_t> Exec(std::string_view sql, std::span<const Value> params) override;
  Status ExecScript(std::string_view sql) override;

  // Whether the last failure was SQLITE_BUSY/LOCKED, so that the transaction may be retried.
  bool last_error_retryable() const { return last_error_retryable_; }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql, std::span<const Value> params);
  Error Translate(int rc, std::string_view what);

  sqlite3* db_ = nullptr;
  StringMap<sqlite3_stmt*> statements_;
  bool last_error_retryable_ = false;
};

// Rewrites `$1..$n` placeholders to SQLite's `?1..?n`, leaving quoted text alone.
std::string RewritePlaceholders(std::string_view sql);

}  // namespace rapport::store::sqlite
