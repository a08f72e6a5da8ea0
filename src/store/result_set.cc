#include "store/store.h"

namespace rapport::store {

std::int64_t ResultSet::Int(std::size_t row, std::size_t col) const {
  const Value& v = at(row, col);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  return 0;
}

double ResultSet::Real(std::size_t row, std::size_t col) const {
  const Value& v = at(row, col);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return 0;
}

std::string_view ResultSet::Text(std::size_t row, std::size_t col) const {
  const Value& v = at(row, col);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

std::optional<std::string> ResultSet::OptText(std::size_t row, std::size_t col) const {
  const Value& v = at(row, col);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return std::nullopt;
}

}  // namespace rapport::store
