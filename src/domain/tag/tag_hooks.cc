#include "domain/tag/tag_hooks.h"

#include <cctype>

namespace rapport::domain {
namespace {

bool IsHexColor(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (char c : s.substr(1)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

// A color is #rrggbb, stored in lower case.
static Status CheckColor(WriteContext&, const boost::json::object*, boost::json::object& after) {
  boost::json::value* color = after.if_contains("color");
  if (color == nullptr || !color->is_string()) return {};
  std::string lower(color->get_string());
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!IsHexColor(lower)) {
    return Error{ErrorCode::kInvalidArgument, "color must be a color as #rrggbb", {{"color", "must be a color as #rrggbb"}}};
  }
  *color = lower;
  return {};
}

void AddTagHooks(HookRegistry& hooks) { hooks.Add("tag", BeforeWriteHook(CheckColor)); }

}  // namespace rapport::domain
