// The closed set of field types (STYLE section 7): their names, which parameters each accepts,
// which filter operators each supports, and the SQL columns a field of each type occupies.
// Values (validation, JSON <-> SQL) are in meta/field_value.h. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace rapport::meta {

struct FieldDef;

enum class FieldType {
  kText,       // one line of text, max_length code points (default 255)
  kLongText,   // free text (default max 65,535)
  kInt,        // int64
  kDecimal,    // a binary floating-point number; money is kCurrency, not this
  kCurrency,   // {"micros": int64, "currency": "EUR"}
  kDate,       // "YYYY-MM-DD"
  kDatetime,   // RFC 3339, stored as microseconds since the epoch (UTC)
  kBool,
  kEnum,       // one of `options`
  kMultiEnum,  // a set of `options`
  kEmail,
  kPhone,
  kUrl,        // http or https
  kLink,       // the id of one record of `target`
  kLinkMany,   // the ids of records of `target`
};

// The type's name in metadata JSON ("long_text"), and back; nullopt for an unknown name.
std::string_view FieldTypeName(FieldType type);
std::optional<FieldType> ParseFieldType(std::string_view name);
std::span<const FieldType> AllFieldTypes();

// The parameters a field definition may set beyond those every type has (name, label, required,
// active, default): the registry refuses a definition that sets one its type does not take.
enum class FieldParam { kMaxLength, kMinMax, kOptions, kTarget, kUnique, kIndexed, kDefault };
bool TakesParam(FieldType type, FieldParam param);

// The longest text a field accepts when it sets no max_length.
std::optional<std::int64_t> DefaultMaxLength(FieldType type);

// Operators of the filter language (DESIGN 3.4) and the ones each type supports.
enum class FilterOp { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kContains, kStartsWith, kHas, kIsNull };
std::string_view FilterOpName(FilterOp op);
std::span<const FilterOp> SupportedOps(FieldType type);
// The operators of one field: a `multiple` text field is a set (has, is null) like multi_enum.
std::span<const FilterOp> SupportedOps(const FieldDef& field);
bool Supports(FieldType type, FilterOp op);

// One SQL column of a field.
struct Column {
  std::string name;
  std::string type;  // in the dialect's spelling: "BIGINT", "TEXT", ...
  bool operator==(const Column&) const = default;
};

// The stem of a field's column names: the field's name, or cf_<name> for a custom field.
std::string ColumnStem(const FieldDef& field);

// The columns of a field, in the order used by meta/field_value.h. Most types have one column
// named after the field; currency has <stem>_micros and <stem>_currency; link has <stem>_id.
// multi_enum and `multiple` text fields hold a JSON array in one TEXT column: the filter language's
// `has` can query it on both dialects (json_each, jsonb). link_many has no column: its links are rows
// of record_links (object, field, record_id, target_id), indexed both ways. Columns are nullable: `required` is enforced by validation, so that adding a
// required field to a table with rows needs no backfill.
std::vector<Column> Columns(const FieldDef& field, store::Dialect dialect);

}  // namespace rapport::meta
