#include "meta/field_value.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <set>

#include "common/clock.h"
#include "meta/time_text.h"

namespace rapport::meta {
namespace {

namespace bj = boost::json;

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7F; }

bool HasSpaceOrControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c == ' ' || IsControl(static_cast<unsigned char>(c)); });
}

// A practical check, not RFC 5322: one '@', a non-empty local part, a dotted domain of letters,
// digits and hyphens (or non-ASCII, for IDNs), no spaces.
bool IsEmail(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || s.rfind('@') != at || HasSpaceOrControl(s)) return false;
  std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
  if (local.find_first_of("<>()[],;:\\\"") != std::string_view::npos) return false;
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(domain.begin(), domain.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return std::isalnum(c) || c == '-' || c == '.' || c >= 0x80;
  });
}

// Digits with the usual separators and an optional leading '+': "+49 (30) 123-456".
bool IsPhone(std::string_view s) {
  int digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+') {
      if (i != 0) return false;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 3 && digits <= 20;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// http(s)://host[...], with a host and without spaces.
bool IsUrl(std::string_view s) {
  std::size_t scheme = StartsWithNoCase(s, "https://") ? 8 : StartsWithNoCase(s, "http://") ? 7 : 0;
  if (scheme == 0 || HasSpaceOrControl(s)) return false;
  std::string_view rest = s.substr(scheme);
  std::size_t host_end = rest.find_first_of("/?#");
  return host_end != 0 && !rest.empty();
}

bool IsCurrencyCode(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

// An int64 from a JSON integer; nullopt for any other kind or an unsigned value above INT64_MAX.
std::optional<std::int64_t> AsInt64(const bj::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v.get_uint64());
  }
  return std::nullopt;
}

std::optional<std::string> IntProblem(const bj::value& v) {
  if (v.is_uint64() || (v.is_double() && std::trunc(v.get_double()) == v.get_double() &&
                        std::fabs(v.get_double()) >= 9.2233720368547758e18)) {
    return "must be an integer within the 64-bit range";
  }
  return "must be an integer";
}

// Bounds of int and currency are integral within +-2^53 (the registry checks), so the casts are exact.
std::optional<std::string> IntBounds(std::int64_t v, const FieldDef& f, std::string_view what) {
  if (f.min && v < static_cast<std::int64_t>(*f.min)) return fmt::format("{}must be at least {}", what, *f.min);
  if (f.max && v > static_cast<std::int64_t>(*f.max)) return fmt::format("{}must be at most {}", what, *f.max);
  return std::nullopt;
}

std::optional<std::string> TextProblem(const bj::value& v, const FieldDef& f) {
  if (!v.is_string()) return "must be a string";
  std::string_view s = v.get_string();
  if (s.find('\0') != std::string_view::npos) return "must not contain NUL characters";
  if (f.required && s.empty()) return "must not be empty";
  std::int64_t max = f.max_length.value_or(DefaultMaxLength(f.type).value_or(INT64_MAX));
  if (static_cast<std::int64_t>(CodePoints(s)) > max) return fmt::format("must be at most {} characters", max);
  if (s.empty()) return std::nullopt;
  switch (f.type) {
    case FieldType::kEmail:
      if (!IsEmail(s)) return "must be an email address";
      break;
    case FieldType::kPhone:
      if (!IsPhone(s)) return "must be a phone number";
      break;
    case FieldType::kUrl:
      if (!IsUrl(s)) return "must be a URL starting with http:// or https://";
      break;
    default:
      break;
  }
  return std::nullopt;
}

std::optional<std::string> CurrencyProblem(const bj::value& v, const FieldDef& f) {
  constexpr std::string_view kShape = R"(must be an object {"micros": integer, "currency": "EUR"})";
  if (!v.is_object()) return std::string(kShape);
  const bj::object& o = v.get_object();
  for (const auto& kv : o) {
    if (kv.key() != "micros" && kv.key() != "currency") return std::string(kShape);
  }
  const bj::value* micros = o.if_contains("micros");
  const bj::value* code = o.if_contains("currency");
  if (micros == nullptr || code == nullptr) return std::string(kShape);
  auto m = AsInt64(*micros);
  if (!m) return "micros " + *IntProblem(*micros);
  if (!code->is_string() || !IsCurrencyCode(code->get_string())) {
    return "currency must be a code of 3 uppercase letters such as EUR";
  }
  return IntBounds(*m, f, "micros ");
}

std::optional<std::string> MultiEnumProblem(const bj::value& v, const FieldDef& f) {
  if (!v.is_array()) return "must be an array of strings";
  std::set<std::string_view> seen;
  for (const bj::value& item : v.get_array()) {
    if (!item.is_string()) return "must be an array of strings";
    std::string_view s = item.get_string();
    if (std::find(f.options.begin(), f.options.end(), s) == f.options.end()) {
      return "must contain only: " + Join(f.options);
    }
    if (!seen.insert(s).second) return fmt::format("must not repeat '{}'", s);
  }
  return std::nullopt;
}

// A list of text values (`multiple`): each one valid for the field's type, none repeated.
std::optional<std::string> ListProblem(const bj::value& v, const FieldDef& f) {
  if (!v.is_array()) return "must be an array of strings";
  if (v.get_array().size() > kMaxListValues) return fmt::format("must have at most {} values", kMaxListValues);
  FieldDef one = f;
  one.multiple = false;
  one.required = true;
  std::set<std::string_view> seen;
  for (const bj::value& item : v.get_array()) {
    if (auto problem = TextProblem(item, one)) return "each value " + *problem;
    if (!seen.insert(item.get_string()).second) return fmt::format("must not repeat '{}'", item.get_string().c_str());
  }
  return std::nullopt;
}

std::optional<std::string> LinkManyProblem(const bj::value& v, const FieldDef& f) {
  if (!f.by.empty()) {
    // Names of target records ("vip"); the record pipeline resolves and creates them.
    if (!v.is_array()) return "must be an array of strings";
    if (v.get_array().size() > kMaxListValues) return fmt::format("must have at most {} values", kMaxListValues);
    std::set<std::string_view> seen;
    for (const bj::value& item : v.get_array()) {
      if (!item.is_string() || item.get_string().empty() || item.get_string().size() > kMaxByLength ||
          item.get_string().find('\0') != bj::string::npos) {
        return "must be an array of non-empty strings without NUL";
      }
      if (!seen.insert(item.get_string()).second) return fmt::format("must not repeat '{}'", item.get_string().c_str());
    }
    return std::nullopt;
  }
  constexpr std::string_view kShape = "must be an array of record ids (positive integers)";
  if (!v.is_array()) return std::string(kShape);
  if (v.get_array().size() > kMaxLinks) return fmt::format("must have at most {} ids", kMaxLinks);
  std::set<std::int64_t> seen;
  for (const bj::value& item : v.get_array()) {
    auto id = AsInt64(item);
    if (!id || *id <= 0) return std::string(kShape);
    if (!seen.insert(*id).second) return fmt::format("must not repeat {}", *id);
  }
  return std::nullopt;
}

Error Corrupt(const FieldDef& f) {
  return Error{ErrorCode::kInternal, fmt::format("the stored value of {} ({}) is not readable", f.name,
                                                 FieldTypeName(f.type)), {}};
}

std::optional<std::int64_t> CellInt(const store::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  return std::nullopt;
}

const std::string* CellText(const store::Value& v) { return std::get_if<std::string>(&v); }

}  // namespace

std::optional<std::string> Validate(const bj::value& v, const FieldDef& f) {
  if (v.is_null()) {
    if (f.required) return "is required";
    return std::nullopt;
  }
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kUrl:
      return f.multiple ? ListProblem(v, f) : TextProblem(v, f);
    case FieldType::kInt: {
      auto i = AsInt64(v);
      if (!i) return IntProblem(v);
      return IntBounds(*i, f, "");
    }
    case FieldType::kDecimal: {
      if (!v.is_number()) return "must be a number";
      double d = v.to_number<double>();
      if (!std::isfinite(d)) return "must be a finite number";
      if (f.min && d < *f.min) return fmt::format("must be at least {}", *f.min);
      if (f.max && d > *f.max) return fmt::format("must be at most {}", *f.max);
      return std::nullopt;
    }
    case FieldType::kCurrency:
      return CurrencyProblem(v, f);
    case FieldType::kDate:
      if (!v.is_string() || !IsDate(v.get_string())) return "must be a date as YYYY-MM-DD";
      return std::nullopt;
    case FieldType::kDatetime:
      if (!v.is_string() || !ParseTimestamp(v.get_string())) {
        return "must be a date and time as RFC 3339, such as 2026-11-23T18:50:00Z";
      }
      return std::nullopt;
    case FieldType::kBool:
      if (!v.is_bool()) return "must be true or false";
      return std::nullopt;
    case FieldType::kEnum:
      if (!v.is_string()) return "must be a string";
      if (std::find(f.options.begin(), f.options.end(), v.get_string()) == f.options.end()) {
        return "must be one of: " + Join(f.options);
      }
      return std::nullopt;
    case FieldType::kMultiEnum:
      return MultiEnumProblem(v, f);
    case FieldType::kLink: {
      auto id = AsInt64(v);
      if (!id || *id <= 0) return "must be a record id (a positive integer)";
      return std::nullopt;
    }
    case FieldType::kLinkMany:
      return LinkManyProblem(v, f);
  }
  return "has an unknown type";
}

Result<std::vector<store::Value>> ToValues(const bj::value& v, const FieldDef& f) {
  if (auto problem = Validate(v, f)) {
    return Error{ErrorCode::kInvalidArgument, fmt::format("{} {}", f.name, *problem), {{f.name, *problem}}};
  }
  std::vector<store::Value> out;
  if (f.type == FieldType::kLinkMany) return out;  // no columns: the links are rows of record_links
  if (v.is_null()) {
    out.resize(f.type == FieldType::kCurrency ? 2 : 1);
    return out;
  }
  if (f.multiple) {
    out.emplace_back(bj::serialize(v));
    return out;
  }
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kUrl:
    case FieldType::kDate:
    case FieldType::kEnum:
      out.emplace_back(std::string(v.get_string()));
      break;
    case FieldType::kInt:
    case FieldType::kLink:
      out.emplace_back(*AsInt64(v));
      break;
    case FieldType::kDecimal:
      out.emplace_back(v.to_number<double>());
      break;
    case FieldType::kCurrency:
      out.emplace_back(*AsInt64(v.at("micros")));
      out.emplace_back(std::string(v.at("currency").get_string()));
      break;
    case FieldType::kDatetime:
      out.emplace_back(*ParseTimestamp(v.get_string()));
      break;
    case FieldType::kBool:
      out.emplace_back(v.get_bool());
      break;
    case FieldType::kMultiEnum: {
      // Stored in the options' order, so equal sets are equal text.
      bj::array sorted;
      for (const std::string& option : f.options) {
        const bj::array& given = v.get_array();
        if (std::find(given.begin(), given.end(), bj::value(option)) != given.end()) sorted.emplace_back(option);
      }
      out.emplace_back(bj::serialize(sorted));
      break;
    }
    case FieldType::kLinkMany:
      break;
  }
  return out;
}

Result<bj::value> FromCells(std::span<const store::Value> cells, const FieldDef& f) {
  const std::size_t expected = f.type == FieldType::kCurrency ? 2 : f.type == FieldType::kLinkMany ? 0 : 1;
  if (cells.size() != expected || expected == 0) return Corrupt(f);
  const store::Value& cell = cells[0];
  if (store::IsNull(cell)) return bj::value(nullptr);
  if (f.multiple || f.type == FieldType::kMultiEnum) {
    // A JSON array in one TEXT column.
    const std::string* s = CellText(cell);
    if (s == nullptr) return Corrupt(f);
    boost::system::error_code ec;
    bj::value parsed = bj::parse(*s, ec);
    if (ec || !parsed.is_array()) return Corrupt(f);
    return parsed;
  }
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kUrl:
    case FieldType::kDate:
    case FieldType::kEnum:
      if (const std::string* s = CellText(cell)) return bj::value(*s);
      return Corrupt(f);
    case FieldType::kInt:
    case FieldType::kLink:
      if (auto i = CellInt(cell)) return bj::value(*i);
      return Corrupt(f);
    case FieldType::kDecimal:
      if (const double* d = std::get_if<double>(&cell)) return bj::value(*d);
      if (auto i = CellInt(cell)) return bj::value(static_cast<double>(*i));  // SQLite may hand back an integer
      return Corrupt(f);
    case FieldType::kCurrency: {
      auto micros = CellInt(cell);
      const std::string* code = CellText(cells[1]);
      if (!micros || code == nullptr) return Corrupt(f);
      bj::object money;
      money["micros"] = *micros;
      money["currency"] = *code;
      return bj::value(std::move(money));
    }
    case FieldType::kDatetime:
      if (auto i = CellInt(cell)) return bj::value(FormatTimestamp(*i));
      return Corrupt(f);
    case FieldType::kBool:
      if (const bool* b = std::get_if<bool>(&cell)) return bj::value(*b);
      if (auto i = CellInt(cell)) return bj::value(*i != 0);
      return Corrupt(f);
    case FieldType::kLinkMany:
    case FieldType::kMultiEnum:  // above
      return Corrupt(f);
  }
  return Corrupt(f);
}

}  // namespace rapport::meta
