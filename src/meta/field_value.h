// Values of fields: strict validation of JSON input against a FieldDef, and the conversion between
// JSON and the SQL cells of the field's columns (meta/field_type.h, Columns). Pure functions;
// thread-safe.
//
// Storage, per type (in Columns order):
//   text, long_text, email, phone, url, enum   TEXT as given
//   int, link                                  int64
//   decimal                                    double
//   currency                                   int64 micros, TEXT ISO 4217 code
//   date                                       TEXT 'YYYY-MM-DD'
//   datetime                                   int64 microseconds since the epoch (UTC), whole ms;
//                                              rendered by FormatTimestamp ("...T18:50:00.000Z")
//   bool                                       bool (SQLite reads back 0/1)
//   multi_enum                                 TEXT JSON array of strings, in the options' order
//   link_many                                  TEXT JSON array of ids, ascending
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "meta/object_def.h"
#include "store/store.h"

namespace rapport::meta {

// How many values a list may hold: a `multiple` text field or a link_many by name (tags), and a
// link_many by id; and how long one name of a link_many by name may be.
inline constexpr std::size_t kMaxListValues = 100;
inline constexpr std::size_t kMaxLinks = 1000;
inline constexpr std::size_t kMaxByLength = 255;

// The problem with `value` as a value of `field` ("must be a string", "must be one of: a, b"), or
// nullopt when it is acceptable. Strict: no coercion between JSON types (1.0 is not an int, "1" is
// not a number). Null is acceptable unless the field is required; a required text field must also
// not be empty.
std::optional<std::string> Validate(const boost::json::value& value, const FieldDef& field);

// The cells to bind for `value` (null: one NULL per column), one per column of Columns(field).
// kInvalidArgument with the field's name when Validate refuses the value.
Result<std::vector<store::Value>> ToValues(const boost::json::value& value, const FieldDef& field);

// The JSON value of a field from its cells as read back (one per column, in Columns order); null
// when the cells are NULL. kInternal when a cell cannot hold a value of the type (a corrupt row or
// a column of another type).
Result<boost::json::value> FromCells(std::span<const store::Value> cells, const FieldDef& field);

}  // namespace rapport::meta
