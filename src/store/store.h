// The one storage interface (DESIGN 3.2): a Database hands out Connections for read snapshots and
// write transactions; SQLite and PostgreSQL implement it. SQL text uses `$1..$n` placeholders in
// both dialects and values are always bound, never spliced into the text.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"

namespace rapport::store {

enum class Dialect { kSqlite, kPostgres };

// A bound parameter or a result cell. Booleans are stored as 0/1 integers by SQLite.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, bool>;

inline bool IsNull(const Value& v) { return std::holds_alternative<std::monostate>(v); }

// An integer cell as either store gives it: an integer, the numeric (text) PostgreSQL sums bigints
// to, or a floating-point sum (rounded). Null is nullopt.
inline std::optional<std::int64_t> IntOf(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* s = std::get_if<std::string>(&v)) {
    return s->find_first_of(".eE") == std::string::npos ? std::stoll(*s) : std::llround(std::stod(*s));
  }
  if (const auto* d = std::get_if<double>(&v)) return std::llround(*d);
  return std::nullopt;
}

// Appends `v` to `params` and returns its placeholder ("$3"): for SQL built piece by piece.
inline std::string Placeholder(std::vector<Value>& params, Value v) {
  params.push_back(std::move(v));
  return "$" + std::to_string(params.size());
}

// The rows of one statement, row-major. Owns its cells.
class ResultSet {
 public:
  ResultSet() = default;
  explicit ResultSet(std::size_t columns) : columns_(columns) {}

  std::size_t columns() const { return columns_; }
  std::size_t rows() const { return columns_ == 0 ? 0 : cells_.size() / columns_; }
  bool empty() const { return cells_.empty(); }

  const Value& at(std::size_t row, std::size_t col) const { return cells_[row * columns_ + col]; }
  // Typed accessors: a NULL or a differently typed cell reads as the type's zero value.
  std::int64_t Int(std::size_t row, std::size_t col) const;
  double Real(std::size_t row, std::size_t col) const;
  std::string_view Text(std::size_t row, std::size_t col) const;
  std::optional<std::string> OptText(std::size_t row, std::size_t col) const;

  void Append(Value v) { cells_.push_back(std::move(v)); }

 private:
  std::size_t columns_ = 0;
  std::vector<Value> cells_;
};

// One database session, used by one thread at a time inside Database::Read or Database::Write.
// Statements are prepared on first use and cached for the life of the connection.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs one statement and returns its rows. Errors: kConflict (unique violation),
  // kFailedPrecondition (foreign key, check, not null), kUnavailable (busy or serialization failure,
  // which Database::Write retries; or a lost connection, which it does not), kInternal (anything
  // else, including bad SQL). After an error, PostgreSQL refuses further statements in the same
  // transaction: use ON CONFLICT rather than catching kConflict and going on. Blocks.
  virtual Result<ResultSet> Query(std::string_view sql, std::span<const Value> params) = 0;
  Result<ResultSet> Query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }

  // Runs one statement and returns the number of rows it changed. Errors as for Query.
  virtual Result<std::int64_t> Exec(std::string_view sql, std::span<const Value> params) = 0;
  Result<std::int64_t> Exec(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Exec(sql, std::span<const Value>(params.begin(), params.size()));
  }

  // Runs several statements without parameters (migration scripts). Not cached.
  virtual Status ExecScript(std::string_view sql) = 0;
};

// Figures for /metrics: one entry per pool (the SQLite writer and readers, the PostgreSQL pool).
struct PoolStats {
  std::string pool;
  std::int64_t size = 0;         // connections open
  std::int64_t in_use = 0;       // connections handed out now
  std::uint64_t acquired = 0;    // handed out since start
  std::uint64_t waited = 0;      // of those, how many had to wait for a free connection
  std::uint64_t errors = 0;      // connection failures (PostgreSQL reconnects)
  std::uint64_t retries = 0;     // write transactions retried after busy/serialization errors
};

using Work = std::function<Status(Connection&)>;

// A pool of connections to one database. Thread-safe.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;

  // Runs `work` on a read connection inside one read snapshot. Returns work's Status, or
  // kUnavailable if no connection could be had. Blocks.
  virtual Status Read(const Work& work) = 0;

  // Like Read, for work that runs exactly one statement: no explicit transaction, since one
  // statement is its own snapshot. Saves PostgreSQL two of its three round trips on a point read.
  virtual Status ReadStatement(const Work& work) = 0;

  // Runs `work` in a write transaction: commits when it returns OK, rolls back otherwise. A busy or
  // serialization failure rolls back and runs `work` again (a few times, with backoff), so `work`
  // must touch nothing but the connection. Blocks.
  virtual Status Write(const Work& work) = 0;

  // A cheap round trip to the database (readiness). kUnavailable when it cannot be reached.
  virtual Status Ping() = 0;

  virtual std::vector<PoolStats> Stats() const = 0;
};

// Read, ReadStatement or Write for work that produces a value: `fn` is Result<T>(Connection&).
template <typename F>
auto RunValue(Status (Database::*run)(const Work&), Database& db, F&& fn)
    -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  std::optional<R> out;
  Status status = (db.*run)([&](Connection& c) {
    out.emplace(fn(c));
    return out->status();
  });
  if (!status.ok()) return std::move(status).error();
  return std::move(*out);
}

template <typename F>
auto ReadValue(Database& db, F&& fn) {
  return RunValue(&Database::Read, db, std::forward<F>(fn));
}
template <typename F>
auto ReadStatementValue(Database& db, F&& fn) {
  return RunValue(&Database::ReadStatement, db, std::forward<F>(fn));
}
template <typename F>
auto WriteValue(Database& db, F&& fn) {
  return RunValue(&Database::Write, db, std::forward<F>(fn));
}

struct OpenOptions {
  int pool_size = 0;  // connections (SQLite: readers); 0: SQLite 2 x cores, PostgreSQL max(4, 2 x cores)
  bool synchronous_full = false;  // SQLite: synchronous=FULL instead of NORMAL
  // SQLite: read the file through a memory map. Fast reads for a server; a batch job that reads a
  // large file once (import, export) turns it off, since every page it touched would stay in its RSS.
  bool memory_map = true;
};

// Opens `url`: "sqlite:PATH" (the file and its folder are created) or "postgresql://..." /
// "postgres://...". An in-memory SQLite database is refused: each pooled connection would see its
// own private one. kInvalidArgument for an unknown scheme, kUnavailable when
// the database cannot be reached. Does not migrate.
Result<std::unique_ptr<Database>> Open(std::string_view url, const OpenOptions& options = {});

}  // namespace rapport::store
