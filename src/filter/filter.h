// The filter language (DESIGN 3.4) in one call: text to a checked filter that compiles to SQL
// (filter/sql_compiler.h) and evaluates in memory (filter/evaluator.h). Pure functions; thread-safe.
//
//   auto filter = filter::ParseAndCheck("lifecycle_stage = 'customer' and tags has 'vip'", person, registry);
//   if (!filter.ok()) return std::move(filter).error();
//   filter::SqlFragment where = filter::Compile(*filter, dialect, "t", 1, clock.Now());
#pragma once

#include <string_view>

#include "common/result.h"
#include "filter/checked.h"
#include "meta/object_def.h"
#include "meta/registry.h"

namespace rapport::filter {

// filter::Parse (filter/parser.h), then filter::Check (filter/checker.h) against `object`. Errors are
// theirs: kInvalidArgument naming "filter", with the byte position and the problem. The result points
// into `object` and `registry` and is valid while they live.
Result<Checked> ParseAndCheck(std::string_view text, const meta::ObjectDef& object, const meta::Registry& registry);

}  // namespace rapport::filter
