// A transparent hash for unordered containers keyed by std::string, so that a lookup by
// std::string_view does not build a temporary string (statement caches look up on every query).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rapport {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// std::unordered_map<std::string, V, StringHash, std::equal_to<>> looks up by string_view.
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

}  // namespace rapport
