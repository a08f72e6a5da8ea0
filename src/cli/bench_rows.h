// What the bench data generators share: seeded random picks, rows sent as batched multi-row INSERTs,
// and a phase run in transactions of a fixed number of rows, each chunk with its own seeded
// generator (a chunk retried after a busy error writes the same rows; a seed gives the same data).
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace rapport::cli::bench {

// Bound parameters per statement: libpq (15) refuses a parameter description over 30,000 bytes
// (4 per parameter) as a lost synchronization, well below SQLite's (32766) and PostgreSQL's limits.
inline constexpr std::size_t kMaxParams = 7'000;
inline constexpr std::size_t kMaxRowsPerStatement = 500;

template <typename A>
const char* Pick(std::mt19937_64& rng, const A& items) {
  return items[rng() % items.size()];
}

inline std::int64_t Below(std::mt19937_64& rng, std::int64_t n) { return static_cast<std::int64_t>(rng() % n); }
inline bool Chance(std::mt19937_64& rng, int percent) { return static_cast<int>(rng() % 100) < percent; }

inline std::mt19937_64 ChunkRng(std::uint64_t seed, std::uint64_t phase, std::int64_t chunk) {
  std::seed_seq seq{seed, phase, static_cast<std::uint64_t>(chunk)};
  return std::mt19937_64(seq);
}

inline store::Value Opt(bool present, store::Value v) { return present ? std::move(v) : store::Value(); }

inline double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Rows of one table, sent as multi-row INSERTs of up to kMaxRowsPerStatement rows. Lives inside one
// transaction.
class RowBatch {
 public:
  RowBatch(store::Connection& conn, std::string table, std::vector<std::string> columns)
      : conn_(conn), table_(std::move(table)), columns_(std::move(columns)) {
    rows_per_statement_ = std::min(kMaxRowsPerStatement, kMaxParams / columns_.size());
    cells_.reserve(rows_per_statement_ * columns_.size());
  }

  // Ends the row being added: `cells_` has had exactly columns_.size() values pushed since.
  Status EndRow() {
    if (cells_.size() / columns_.size() < rows_per_statement_) return {};
    return Flush();
  }

  Status Flush() {
    const std::size_t rows = cells_.size() / columns_.size();
    if (rows == 0) return {};
    auto done = conn_.Exec(Sql(rows), cells_);
    cells_.clear();
    if (!done.ok()) return std::move(done).error();
    return {};
  }

  std::vector<store::Value>& cells() { return cells_; }

 private:
  std::string Sql(std::size_t rows) const {
    std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ", table_, fmt::join(columns_, ", "));
    std::size_t n = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r ? ", (" : "(";
      for (std::size_t c = 0; c < columns_.size(); ++c) sql += fmt::format("{}${}", c ? ", " : "", ++n);
      sql += ")";
    }
    return sql;
  }

  store::Connection& conn_;
  std::string table_;
  std::vector<std::string> columns_;
  std::size_t rows_per_statement_ = 1;
  std::vector<store::Value> cells_;
};

// The id after the largest in `table` (a generator appends after what is there).
inline Result<std::int64_t> NextId(store::Database& db, const std::string& table) {
  return store::ReadValue(db, [&](store::Connection& conn) -> Result<std::int64_t> {
    auto rows = conn.Query(fmt::format("SELECT coalesce(max(id), 0) FROM {}", table));
    if (!rows.ok()) return std::move(rows).error();
    return rows->Int(0, 0) + 1;
  });
}

using Progress = std::function<void(std::string_view phase, std::int64_t done, std::int64_t total)>;

struct Phase {
  store::Database& db;
  std::uint64_t seed;
  std::int64_t rows_per_transaction;
  const Progress& progress;
};

// Runs `chunk(conn, first, count, rng)` for [0, total) in transactions of rows_per_transaction.
template <typename F>
Status Chunked(const Phase& p, std::uint64_t phase, std::string_view name, std::int64_t total, F&& chunk) {
  const std::int64_t per = std::max<std::int64_t>(1, p.rows_per_transaction);
  for (std::int64_t first = 0, index = 0; first < total; first += per, ++index) {
    const std::int64_t count = std::min(per, total - first);
    RAPPORT_RETURN_IF_ERROR(p.db.Write([&](store::Connection& conn) -> Status {
      std::mt19937_64 rng = ChunkRng(p.seed, phase, index);
      return chunk(conn, first, count, rng);
    }));
    if (p.progress) p.progress(name, first + count, total);
  }
  return {};
}

}  // namespace rapport::cli::bench
