// Object definitions as JSON, the format of meta/builtin/*.json (STYLE section 7):
//   {"object": "tag", "label": "Tag", "plural_label": "Tags", "table": "tags",
//    "fields": [{"name": "name", "type": "text", "required": true, "unique": true, "max_length": 64}]}
// Field keys: name, type, label, description, required, unique, indexed, active, options, target,
// min, max, max_length, default, read_only, multiple, by. Pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
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
// The same for a definition already parsed as JSON (a request body, a stored row).
Result<ObjectDef> ParseObjectDef(const boost::json::object& definition, std::string_view source, Origin origin);

// Parses one field definition with the given origin, checking its shape as ParseObjectDef does.
// Problems are named by `path` and the key ("path.type"), or by the key alone when `path` is empty
// ("type"; "body" when the definition is not an object).
Result<FieldDef> ParseFieldDef(const boost::json::value& definition, std::string_view path, Origin origin);

// A definition as JSON in the same format, keeping only what differs from the defaults (origin is
// not part of it); ParseObjectDef/ParseFieldDef read it back to an equal definition. For storing
// custom definitions (meta_objects, meta_fields).
boost::json::object FieldDefToJson(const FieldDef& field);
boost::json::object ObjectDefToJson(const ObjectDef& object);

// The built-in definitions compiled into the binary from src/meta/builtin/*.json, in file-name
// order. kInvalidArgument names the file and path of a malformed one (a bug in the build).
Result<std::vector<ObjectDef>> BuiltinObjects();

}  // namespace rapport::meta
