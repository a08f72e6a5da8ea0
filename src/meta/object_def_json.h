// Object definitions as JSON, the format of meta/builtin/*.json (STYLE section 7):
//   {"object": "tag", "label": "Tag", "plural_label": "Tags", "table": "tags",
//    "fields": [{"name": "name", "type": "text", "required": true, "unique": true, "max_length": 64}]}
// Field keys: name, type, label, description, required, unique, indexed, active, options, target,
// min, max, max_length, default. Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "meta/object_def.h"

namespace rapport::meta {

// Parses one definition with the given origin. Checks only the shape (known keys, JSON types,
// known field type names); Registry::Build checks the meaning. kInvalidArgument lists every
// problem with its path, prefixed by the object's name or else by `source`
// ("tag.fields[1].type": "unknown field type 'strng'").
Result<ObjectDef> ParseObjectDef(std::string_view text, std::string_view source, Origin origin);

// The built-in definitions compiled into the binary from src/meta/builtin/*.json, in file-name
// order. kInvalidArgument names the file and path of a malformed one (a bug in the build).
Result<std::vector<ObjectDef>> BuiltinObjects();

}  // namespace rapport::meta
