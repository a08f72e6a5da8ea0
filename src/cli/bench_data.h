// Bulk data for benchmarks and large demos: organizations, people and interactions (with their
// participants as record_links rows) written straight into the object tables with batched
// multi-row INSERTs, bypassing the record pipeline but storing exactly what it would (search_text
// from SearchDocument, birthday_md, version 1). Deterministic for a given seed. Needs the
// migrations applied and the registry loaded (domain::MetaService::Load) so the tables exist.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "common/result.h"
#include "meta/registry.h"
#include "store/store.h"

namespace rapport::cli {

struct BenchDataOptions {
  std::int64_t organizations = 50'000;
  std::int64_t people = 1'000'000;
  std::int64_t interactions = 10'000'000;
  std::uint64_t seed = 1;
  std::int64_t rows_per_transaction = 50'000;
  // Called after each transaction: the phase ("organizations", "people", "interactions"), rows done
  // and the phase's total.
  std::function<void(std::string_view phase, std::int64_t done, std::int64_t total)> progress;
};

struct BenchDataTimes {
  double organizations_s = 0;
  double people_s = 0;
  double interactions_s = 0;  // including their record_links rows
  double finish_s = 0;        // search index rebuild, sequences, ANALYZE
};

// Appends the rows after any already there (ids continue from each table's largest). Blocks for as
// long as it takes; errors are the store's.
Result<BenchDataTimes> GenerateBenchData(store::Database& db, const meta::Registry& registry,
                                         const BenchDataOptions& options);

}  // namespace rapport::cli
