// The parts of a list request that the record engine turns into SQL: sort keys checked against
// metadata, the opaque `after` cursor, and the keyset condition that continues a page after it.
// Keyset pages stay stable while rows are inserted (no offsets). Pure functions; thread-safe.
//
// Cursor: base64url (no padding) of a JSON array [sort, v1, ..., vn, id] where `sort` is the
// normalized sort text and v1..vn the last row's sort values; a cursor made for another sort is
// refused. NULL is the smallest value on SQLite and the largest on PostgreSQL (each dialect's
// default order, so its indexes serve both directions).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "meta/object_def.h"
#include "store/store.h"

namespace rapport::domain {

inline constexpr std::size_t kMaxSortKeys = 4;

struct SortKey {
  std::string name;    // the field's name ("last_name") or a system column ("created_at")
  std::string column;  // the SQL column ("last_name", "cf_region", "amount_micros")
  bool descending = false;
};

struct Sort {
  std::vector<SortKey> keys;  // without the final id key, which every sort ends with
  bool id_descending = false;  // the id tie-break follows the last key's direction
  std::string text;  // normalized: "last_name,-created_at"
};

// `sort` as "field,-field,..." (at most 4 keys). Fields must be active, scalar (not long_text,
// multi-valued, link_many) and may be system columns id, created_at, updated_at. Empty: by id.
// kInvalidArgument naming "sort" and the offending key.
Result<Sort> ParseSort(const meta::ObjectDef& object, std::string_view sort, store::Dialect dialect);

struct Cursor {
  std::vector<store::Value> values;  // one per sort key
  std::int64_t id = 0;
};

// The cursor of a page ranked by search relevance holds the offset of the next page (a ranked page
// is not stable while rows change; a sorted one is). Decoding: kInvalidArgument naming "after".
std::string EncodeRankedCursor(std::int64_t offset);
Result<std::int64_t> DecodeRankedCursor(std::string_view text);

std::string EncodeCursor(const Sort& sort, const std::vector<store::Value>& values, std::int64_t id);
// kInvalidArgument naming "after" when the text is not a cursor of this sort.
Result<Cursor> DecodeCursor(const Sort& sort, std::string_view text);

// " ORDER BY t.k1 [DESC], ..., t.id [DESC]".
std::string OrderBy(const Sort& sort);

// The condition "after the cursor" in `sort` order, with values bound as $first, $first+1, ...
// appended to `params`.
std::string AfterCondition(const Sort& sort, const Cursor& cursor, store::Dialect dialect,
                           std::vector<store::Value>& params);

}  // namespace rapport::domain
