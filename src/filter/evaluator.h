// The in-memory evaluator of the filter language: a checked filter (filter/checked.h) on one record
// in its API JSON form, with the same answer as the compiled SQL (filter/sql_compiler.h) gives for
// that record's row. Workflow conditions use it on events. Pure functions; thread-safe as long as
// the resolver is.
//
// Semantics (docs/filter.md): two-valued. A comparison (= < <= > >= in contains starts_with has) on a
// null or absent field is false; != on one is true; `not` is plain negation. An empty multi_enum,
// `multiple` or link_many value counts as null. contains and starts_with fold ASCII letters only.
// `link.field ...` is true when the link names a record that exists, is not deleted (deleted_at null)
// and satisfies `field ...`.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>

#include "common/clock.h"
#include "filter/checked.h"
#include "meta/object_def.h"

namespace rapport::filter {

// The record of `target` with id `id` in its API JSON form (with its deleted_at), or nullptr when
// there is none. The pointer need only stay valid until the resolver is called again.
using Resolver = std::function<const boost::json::object*(const meta::ObjectDef& target, std::int64_t id)>;

// Whether `record` (API JSON: field names as keys, datetimes as RFC 3339 text, currency as
// {"micros", "currency"}, links as ids, link_many as arrays of ids or of `by` names) satisfies
// `filter`, with now() and today() standing for `now`. `resolve` looks up the records of link.field
// paths; when it is empty such paths are false. A member of the wrong JSON kind counts as null.
bool Evaluate(const Checked& filter, const boost::json::object& record, Micros now, const Resolver& resolve);

}  // namespace rapport::filter
