// The SQL compiler of the filter language: a checked filter (filter/checked.h) to a boolean SQL
// expression with bound parameters, for SQLite or PostgreSQL. Identifiers come only from metadata;
// every value from the filter's text is a parameter. Pure functions; thread-safe.
//
// The expression is never NULL (two-valued logic, as in filter/evaluator.h): a comparison on a
// NULL column is false, `!=` on a NULL column is true, so NOT is plain negation. Storage as the
// record engine keeps it (meta/field_type.h Columns, meta/field_value.h): the object's table with
// id, version, created_at, updated_at (int64 micros), created_by, deleted_at; multi_enum and
// `multiple` fields as a JSON array in TEXT; link_many as rows of record_links(object, field,
// record_id, target_id).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "filter/checked.h"
#include "store/store.h"

namespace rapport::filter {

struct SqlFragment {
  std::string sql;                   // a boolean expression, to go after WHERE or AND
  std::vector<store::Value> params;  // for $first_param, $first_param + 1, ... in order
};

// `filter` as SQL over the object's table known as `alias` (an SQL identifier from code, such as
// "t"; subqueries use aliases made from it by appending "_r", "_l", "_g" and "_j"). Placeholders
// count up from $first_param; the caller binds its own parameters around them. `now` is the time
// now() and today() stand for: pass the same one to Evaluate to get the same answer.
SqlFragment Compile(const Checked& filter, store::Dialect dialect, std::string_view alias, int first_param, Micros now);

}  // namespace rapport::filter
