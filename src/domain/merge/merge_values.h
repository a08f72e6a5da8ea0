// What a survivor takes from the record merged into it: the changes to apply to the survivor.
#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "meta/object_def.h"

namespace rapport::domain {

// The objects the API finds duplicates of and merges.
inline constexpr std::string_view kMergeableObjects[] = {"person", "organization"};

// The patch for `into` when `from` is merged into it (both as the record pipeline renders them):
// - a field that is empty on `into` (null, "", []) takes `from`'s value;
// - lists (link_many such as tags, multi_enum, further emails and phones) take the union;
// - `from`'s value of a single field that `into` already has is not lost: it joins `into`'s list
//   field of the same type (`from`'s email becomes one of `into`'s further emails);
// - read-only datetimes kept by hooks (last_touch_at) take the later; other read-only fields are
//   derived again by the hooks;
// - a link to either record of the merge from the survivor itself (referred by the other) is cleared.
// Inactive fields are left alone. Fields whose value does not change are not in the patch.
boost::json::object MergedValues(const meta::ObjectDef& object, const boost::json::object& into,
                                 const boost::json::object& from);

}  // namespace rapport::domain
