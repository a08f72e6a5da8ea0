#include "http/types.h"

#include <boost/url/parse_query.hpp>

namespace rapport::http {

std::string_view RequestContext::Param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return {};
}

std::optional<std::string> RequestContext::Query(std::string_view name) const {
  if (query.empty()) return std::nullopt;
  // Boost.URL 1.81's parse_query measures its argument with strlen (it passes s.data() where a
  // string_view is taken), so it gets a NUL-terminated copy. A query that is not valid
  // percent-encoding has no parameters we can read.
  const std::string text(query);
  auto params = boost::urls::parse_query(text);
  if (!params) return std::nullopt;
  for (auto param : *params) {
    if (param.key.decoded_size() == name.size() && param.key.decode() == name) {
      return param.has_value ? param.value.decode() : std::string();
    }
  }
  return std::nullopt;
}

std::optional<std::vector<std::pair<std::string, std::string>>> RequestContext::QueryParams() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (query.empty()) return out;
  const std::string text(query);  // NUL-terminated: see Query
  auto params = boost::urls::parse_query(text);
  if (!params) return std::nullopt;
  for (auto param : *params) out.emplace_back(param.key.decode(), param.has_value ? param.value.decode() : "");
  return out;
}

}  // namespace rapport::http
