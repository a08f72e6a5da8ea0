// The seam between lists and the filter language (src/filter): a filter's text for one object,
// compiled to SQL over alias `t` with placeholders from $1.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "meta/registry.h"
#include "store/store.h"

namespace rapport::domain {

struct FilterSql {
  std::string sql;
  std::vector<store::Value> params;
};

// kInvalidArgument naming "filter" with the position and what was expected.
Result<FilterSql> CompileFilter(const meta::Registry& registry, const meta::ObjectDef& object, std::string_view text,
                                store::Dialect dialect, Micros now);

}  // namespace rapport::domain
