#include "store/sqlite/sqlite_connection.h"

#include <fmt/format.h>

#include <stdexcept>

#include "store/sqlite/search_rank.h"

namespace rapport::store::sqlite {

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;        // inside '…' or "…"
  bool comment = false;  // inside -- … end of line
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (comment) {
      comment = c != '\n';
    } else if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      comment = true;
    } else if (c == '$') {
      c = '?';
    }
    out.push_back(c);
  }
  return out;
}

SqliteConnection::SqliteConnection(const std::string& path, const OpenOptions& options, bool query_only) {
  // Memory statistics put a process-wide mutex around every SQLite allocation, which the readers
  // of all threads then queue on; nothing reads them. Set before SQLite initialises, so once.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(fmt::format("cannot open SQLite database {}: {}", path, message));
  }
  sqlite3_extended_result_codes(db_, 1);
  // Waits inside SQLite for another process's lock before we see SQLITE_BUSY.
  sqlite3_busy_timeout(db_, 5000);
  std::string pragmas = fmt::format(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous={}; PRAGMA foreign_keys=ON; "
      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA mmap_size={};{}",
      options.synchronous_full ? "FULL" : "NORMAL", options.memory_map ? 2147418112 : 0,
      // The writer zeroes what it deletes or overwrites (free space in pages, freed pages), so an
      // erased person (domain/privacy) or an old value does not linger in the file's free space.
      query_only ? " PRAGMA query_only=1;" : " PRAGMA secure_delete=ON;");
  char* err = nullptr;
  if (sqlite3_exec(db_, pragmas.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = err != nullptr ? err : "unknown error";
    sqlite3_free(err);
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(fmt::format("cannot configure SQLite database {}: {}", path, message));
  }
  if (!RegisterSearchRank(db_)) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("this SQLite library has no FTS5, which search needs");
  }
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Error SqliteConnection::Translate(int rc, std::string_view what) {
  last_error_retryable_ = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
  std::string message = fmt::format("{}: {}", what, sqlite3_errmsg(db_));
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error{ErrorCode::kConflict, std::move(message), {}};
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return Error{ErrorCode::kFailedPrecondition, std::move(message), {}};
    default:
      break;
  }
  if (last_error_retryable_) return Error{ErrorCode::kUnavailable, std::move(message), {}};
  return Error{ErrorCode::kInternal, std::move(message), {}};
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql, std::span<const Value> params) {
  last_error_retryable_ = false;
  sqlite3_stmt* stmt = nullptr;
  // Keyed by the caller's text: statements come from code, so the cache stays small.
  auto it = statements_.find(sql);
  if (it != statements_.end()) {
    stmt = it->second;
  } else {
    std::string rewritten = RewritePlaceholders(sql);
    int rc = sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Translate(rc, "prepare");
    statements_.emplace(std::string(sql), stmt);
  }
  if (static_cast<std::size_t>(sqlite3_bind_parameter_count(stmt)) != params.size()) {
    return Error{ErrorCode::kInternal,
                 fmt::format("statement takes {} parameters, {} given", sqlite3_bind_parameter_count(stmt),
                             params.size()),
                 {}};
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return sqlite3_bind_null(stmt, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(stmt, index, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt, index, v);
          } else if constexpr (std::is_same_v<T, bool>) {
            return sqlite3_bind_int(stmt, index, v ? 1 : 0);
          } else {
            return sqlite3_bind_text(stmt, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
          }
        },
        params[i]);
    if (rc != SQLITE_OK) {
      sqlite3_reset(stmt);
      return Translate(rc, "bind");
    }
  }
  return stmt;
}

Result<ResultSet> SqliteConnection::Query(std::string_view sql, std::span<const Value> params) {
  auto prepared = Prepare(sql, params);
  if (!prepared.ok()) return std::move(prepared).error();
  sqlite3_stmt* stmt = *prepared;
  int columns = sqlite3_column_count(stmt);
  ResultSet rows(static_cast<std::size_t>(columns));
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER: rows.Append(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c))); break;
        case SQLITE_FLOAT: rows.Append(sqlite3_column_double(stmt, c)); break;
        case SQLITE_NULL: rows.Append(std::monostate{}); break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          rows.Append(std::string(text != nullptr ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
    }
  }
  if (rc != SQLITE_DONE) {
    Error error = Translate(sqlite3_extended_errcode(db_), "step");
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return error;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return rows;
}

Result<std::int64_t> SqliteConnection::Exec(std::string_view sql, std::span<const Value> params) {
  auto prepared = Prepare(sql, params);
  if (!prepared.ok()) return std::move(prepared).error();
  sqlite3_stmt* stmt = *prepared;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) {
    Error error = Translate(sqlite3_extended_errcode(db_), "step");
    sqlite3_reset(stmt);
    return error;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

Status SqliteConnection::ExecScript(std::string_view sql) {
  last_error_retryable_ = false;
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return Translate(sqlite3_extended_errcode(db_), "script");
  return {};
}

}  // namespace rapport::store::sqlite
