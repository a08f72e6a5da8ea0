#include "filter/filter.h"

#include "filter/checker.h"
#include "filter/parser.h"

namespace rapport::filter {

Result<Checked> ParseAndCheck(std::string_view text, const meta::ObjectDef& object, const meta::Registry& registry) {
  auto expr = Parse(text);
  if (!expr.ok()) return std::move(expr).error();
  return Check(*expr, object, registry);
}

}  // namespace rapport::filter
