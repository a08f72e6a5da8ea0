// The system columns a filter may name on any object (id, version, created_at, updated_at,
// created_by), described as field definitions so that they are checked, compiled and evaluated like
// fields. Static and immutable; thread-safe.
#pragma once

#include <string_view>

#include "meta/object_def.h"

namespace rapport::filter {

// The definition of system field `name` (int: id, version, created_by; datetime: created_at,
// updated_at), or nullptr. The pointer lives as long as the program.
const meta::FieldDef* FindSystemField(std::string_view name);

}  // namespace rapport::filter
