#include "filter/filter_error.h"

#include <fmt/format.h>

namespace rapport::filter {
namespace {

constexpr std::size_t kMaxQuoted = 40;

}  // namespace

Error FilterError(std::size_t pos, std::string_view problem) {
  std::string detail = fmt::format("at {}: {}", pos, problem);
  return Error{ErrorCode::kInvalidArgument, "filter " + detail, {{"filter", detail}}};
}

std::string Quote(std::string_view text) {
  if (text.size() <= kMaxQuoted) return fmt::format("'{}'", text);
  std::size_t cut = kMaxQuoted;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return fmt::format("'{}...'", text.substr(0, cut));
}

}  // namespace rapport::filter
