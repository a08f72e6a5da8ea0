// Finding the record that an imported row updates: the undeleted record of an object whose field
// holds a value (external_id exactly, an email address or a name without regard to case). SQL from
// the registry only, the value bound. Works in the caller's transaction; thread-safe; blocks.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "meta/object_def.h"
#include "store/store.h"

namespace rapport::domain {

// The lowest id of the undeleted records of `object` whose `field` is `value` (ASCII case ignored
// when `ignore_case`: lower() on both sides, which the planner's <table>_<column>_ci index serves
// for emails and one-field titles); nullopt when there is none.
Result<std::optional<std::int64_t>> FindIdByValue(store::Connection& conn, const meta::ObjectDef& object,
                                                  const meta::FieldDef& field, std::string_view value,
                                                  bool ignore_case);

// The lowest id of the undeleted records of `object` that have exactly `values` (field → text or
// integer; a null must be null; other fields do not count); nullopt when there is none. For not
// creating the same child record (an address) twice, and for upserts by several fields.
Result<std::optional<std::int64_t>> FindIdWith(store::Connection& conn, const meta::ObjectDef& object,
                                               const boost::json::object& values);

}  // namespace rapport::domain
