// The type checker of the filter language: a parse tree (filter/ast.h) against one object's
// definition, giving the typed tree (filter/checked.h) that the SQL compiler and the evaluator run.
// Pure functions; thread-safe.
#pragma once

#include "common/result.h"
#include "filter/ast.h"
#include "filter/checked.h"
#include "meta/object_def.h"
#include "meta/registry.h"

namespace rapport::filter {

// Checks `expr` against `object`, looking up link targets in `registry`. kInvalidArgument
// (filter/filter_error.h) with the position of the first problem:
//   - an unknown or inactive field ("unknown field 'foo' of person"), a '.' after a field that is
//     not a link;
//   - an operator the field does not support (meta::SupportedOps; a `multiple` field has only
//     `has` and `is [not] null`);
//   - a value of the wrong kind for the field: a date takes 'YYYY-MM-DD' or today() +- days or weeks;
//     a datetime an RFC 3339 string, now() or today() +- a duration; a currency a number in major units
//     (at most 6 decimal places); an enum or multi_enum one of its options; a bool true or false; a
//     link an integer id; a link_many an integer id, or a string when the field sets `by`.
// Besides the object's active fields, the system fields id, version, created_by (int) and
// created_at, updated_at (datetime) may be named. The result points into `object`, `registry` and
// the static system fields, and is valid while they live.
Result<Checked> Check(const Expr& expr, const meta::ObjectDef& object, const meta::Registry& registry);

}  // namespace rapport::filter
