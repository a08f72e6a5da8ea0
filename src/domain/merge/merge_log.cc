#include "domain/merge/merge_log.h"

#include <fmt/format.h>

#include "common/json.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Value;

// A JSON column written by SaveMerge.
Result<bj::object> StoredObject(const store::ResultSet& rows, std::size_t row, std::size_t col, std::string_view what) {
  auto parsed = json::ParseObject(rows.Text(row, col));
  if (!parsed.ok()) return Error{ErrorCode::kInternal, fmt::format("a merge's {} is not readable", what), {}};
  return parsed;
}

}  // namespace

bj::object MergeEntry::ToJson() const {
  return bj::object{{"id", id},
                    {"object", object},
                    {"into", into},
                    {"from", from},
                    {"moved", moved},
                    {"merged_record", merged_record},
                    {"created_at", FormatTimestamp(created_at)},
                    {"created_by", created_by ? bj::value(*created_by) : bj::value(nullptr)}};
}

Result<std::int64_t> SaveMerge(store::Connection& conn, const MergeEntry& entry) {
  auto rows = conn.Query(
      "INSERT INTO record_merges (object, into_id, from_id, merged_record, moved, created_at, created_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {Value(entry.object), Value(entry.into), Value(entry.from), Value(bj::serialize(entry.merged_record)),
       Value(bj::serialize(entry.moved)), Value(entry.created_at),
       entry.created_by ? Value(*entry.created_by) : Value()});
  if (!rows.ok()) return std::move(rows).error();
  return rows->Int(0, 0);
}

Result<std::vector<MergeEntry>> MergesInto(store::Connection& conn, std::string_view object, std::int64_t into) {
  auto rows = conn.Query(
      "SELECT id, from_id, merged_record, moved, created_at, created_by FROM record_merges "
      "WHERE object = $1 AND into_id = $2 ORDER BY id",
      {Value(std::string(object)), Value(into)});
  if (!rows.ok()) return std::move(rows).error();
  std::vector<MergeEntry> out;
  for (std::size_t r = 0; r < rows->rows(); ++r) {
    MergeEntry e;
    e.id = rows->Int(r, 0);
    e.object = std::string(object);
    e.into = into;
    e.from = rows->Int(r, 1);
    auto record = StoredObject(*rows, r, 2, "merged record");
    if (!record.ok()) return std::move(record).error();
    e.merged_record = std::move(*record);
    auto moved = StoredObject(*rows, r, 3, "moved links");
    if (!moved.ok()) return std::move(moved).error();
    e.moved = std::move(*moved);
    e.created_at = rows->Int(r, 4);
    if (!store::IsNull(rows->at(r, 5))) e.created_by = rows->Int(r, 5);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace rapport::domain
