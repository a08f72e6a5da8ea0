// The record of every merge (table record_merges, migration 0004): which record was merged into
// which, the merged record as it was, and how many links moved. Written in the merge's
// transaction; every call runs on the caller's connection and blocks.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "store/store.h"

namespace rapport::domain {

struct MergeEntry {
  std::int64_t id = 0;
  std::string object;
  std::int64_t into = 0;
  std::int64_t from = 0;
  boost::json::object merged_record;  // `from` as it was before the merge
  boost::json::object moved;          // object name -> records that now link to `into`
  Micros created_at = 0;
  std::optional<std::int64_t> created_by;

  boost::json::object ToJson() const;
};

// Appends `entry` (its id is ignored) and returns the id it was given.
Result<std::int64_t> SaveMerge(store::Connection& conn, const MergeEntry& entry);

// The merges into record `into` of `object`, oldest first.
Result<std::vector<MergeEntry>> MergesInto(store::Connection& conn, std::string_view object, std::int64_t into);

}  // namespace rapport::domain
