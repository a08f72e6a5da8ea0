// The OpenAPI 3.1 document of the REST API (DESIGN section 2), generated from the metadata registry
// alone: a custom field or object is described as soon as the registry that holds it is current.
// Served at GET /api/v1/openapi.json (api/openapi_handler.h) and printed by `rapport openapi`.
//
// Shape, per object (the schema stem is the object's name in PascalCase, "personal_date" ->
// PersonalDate, suffixed with "Object" when it would clash with another name in the document):
//   components.schemas  <Stem> (a record as returned), <Stem>Create, <Stem>Patch, <Stem>Page
//   paths               /api/v1/<path> for a built-in object with a path, else /api/v1/objects/<name>;
//                       then {id}, {id}/restore and {id}/purge below it (writable objects only)
//   operationIds        list<Stem>, create<Stem>, get<Stem>, update<Stem>, delete<Stem>,
//                       restore<Stem>, purge<Stem>
// plus the fixed parts: Problem, metadata, search, upcoming dates, health, metrics, this document.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "meta/registry.h"

namespace rapport::api {

// The whole document for `registry`; `version` is the build's (common/version.h), info.version.
// Pure: no I/O, never blocks, never fails (the registry was checked when it was built). The caller
// owns the result.
boost::json::object BuildOpenApi(const meta::Registry& registry, std::string_view version);

}  // namespace rapport::api
