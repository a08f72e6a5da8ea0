// Checks a record's JSON against its object's definition before it is written, for a create
// (POST) and for a patch (PATCH): the rules that hold for every object, built-in or custom.
// Object-specific rules (a tag's #rrggbb color) stay in the object's service. Pure functions;
// thread-safe.
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "common/result.h"
#include "meta/object_def.h"

namespace rapport::meta {

// Trims spaces, tabs and line breaks around the values of one-line text fields (text, email,
// phone, url, and each value of their lists), as forms and imports leave them. Other members are
// untouched; call before validating.
void TrimText(const ObjectDef& object, boost::json::object& record);

// Who writes: the API may not set read-only fields (last_touch_at); the object's hooks, which
// maintain them, may.
enum class Writer { kApi, kHook };

// For a create: every required field present and not null, no unknown, inactive or system field
// (id, version, created_at, ...), each value valid for its field. Fills in the default of each absent
// field that has one (so `record` gains members). Returns every problem, fields in definition order
// first, then unknown members in the record's order; empty when the record may be created.
std::vector<FieldError> ValidateForCreate(const ObjectDef& object, boost::json::object& record,
                                          Writer writer = Writer::kApi);

// For a patch: only the members present are checked; null clears an optional field and is refused
// for a required one ("is required"); unknown, inactive and system fields are refused. Defaults are
// not applied. Returns every problem, in the patch's order.
std::vector<FieldError> ValidateForPatch(const ObjectDef& object, const boost::json::object& patch,
                                         Writer writer = Writer::kApi);

}  // namespace rapport::meta
