#include "domain/record/record_filter.h"

#include "filter/filter.h"
#include "filter/sql_compiler.h"

namespace rapport::domain {

Result<FilterSql> CompileFilter(const meta::Registry& registry, const meta::ObjectDef& object, std::string_view text,
                                store::Dialect dialect, Micros now) {
  auto checked = filter::ParseAndCheck(text, object, registry);
  if (!checked.ok()) return std::move(checked).error();
  filter::SqlFragment where = filter::Compile(*checked, dialect, "t", 1, now);
  return FilterSql{std::move(where.sql), std::move(where.params)};
}

}  // namespace rapport::domain
