#include "domain/record/list_query.h"

#include <fmt/format.h>
#include <sodium.h>

#include <boost/json.hpp>

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using meta::FieldType;

constexpr std::size_t kMaxCursorBytes = 2048;

Error SortError(std::string problem) {
  return Error{ErrorCode::kInvalidArgument, "sort: " + problem, {{"sort", problem}}};
}

Error CursorError() {
  return Error{ErrorCode::kInvalidArgument, "after: is not a cursor of this list",
               {{"after", "is not a cursor of this list (take `next` from the previous page, with the same sort)"}}};
}

bool Sortable(const meta::FieldDef& f) {
  if (f.multiple) return false;
  switch (f.type) {
    case FieldType::kLongText:
    case FieldType::kMultiEnum:
    case FieldType::kLinkMany:
      return false;
    default:
      return true;
  }
}

bj::value ToJson(const store::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* s = std::get_if<std::string>(&v)) return bj::value(*s);
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  return nullptr;
}

std::optional<store::Value> FromJson(const bj::value& v) {
  if (v.is_null()) return store::Value();
  if (v.is_int64()) return store::Value(v.get_int64());
  if (v.is_double()) return store::Value(v.get_double());
  if (v.is_string()) return store::Value(std::string(v.get_string()));
  if (v.is_bool()) return store::Value(v.get_bool());
  return std::nullopt;
}

std::string Base64Url(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

}  // namespace

Result<Sort> ParseSort(const meta::ObjectDef& object, std::string_view text, store::Dialect dialect) {
  Sort sort;
  if (text.empty()) return sort;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string_view part = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    start = comma == std::string_view::npos ? text.size() + 1 : comma + 1;
    SortKey key;
    if (!part.empty() && (part[0] == '-' || part[0] == '+')) {
      key.descending = part[0] == '-';
      part.remove_prefix(1);
    }
    if (part.empty()) return SortError("has an empty key; use field or -field, separated by commas");
    key.name = std::string(part);
    if (part == "id") {
      // Sorting by id ends the keys: id is unique.
      sort.id_descending = key.descending;
      sort.text += std::string(sort.text.empty() ? "" : ",") + (key.descending ? "-" : "") + "id";
      if (start <= text.size()) return SortError("id must be the last key: it is unique");
      return sort;
    }
    if (part == "created_at" || part == "updated_at") {
      key.column = key.name;
    } else {
      const meta::FieldDef* f = object.FindField(part);
      if (f == nullptr || !f->active) {
        return SortError(fmt::format("'{}' is not a field of {}", key.name.size() > 64 ? key.name.substr(0, 64) : key.name,
                                     object.name));
      }
      if (!Sortable(*f)) return SortError(fmt::format("'{}' cannot be sorted by (a {} field)", f->name,
                                                      f->multiple ? "multi-valued" : meta::FieldTypeName(f->type)));
      key.column = meta::Columns(*f, dialect).front().name;
    }
    for (const SortKey& k : sort.keys) {
      if (k.name == key.name) return SortError(fmt::format("repeats '{}'", key.name));
    }
    if (sort.keys.size() == kMaxSortKeys) return SortError(fmt::format("has more than {} keys", kMaxSortKeys));
    sort.text += std::string(sort.text.empty() ? "" : ",") + (key.descending ? "-" : "") + key.name;
    sort.id_descending = key.descending;
    sort.keys.push_back(std::move(key));
  }
  return sort;
}

// A ranked page's cursor is a cursor of this pseudo-sort whose one value is the offset.
static const Sort& RankedSort() {
  static const Sort kRanked{{SortKey{"rank", "rank", false}}, false, "~rank"};
  return kRanked;
}

std::string EncodeRankedCursor(std::int64_t offset) { return EncodeCursor(RankedSort(), {store::Value(offset)}, 0); }

Result<std::int64_t> DecodeRankedCursor(std::string_view text) {
  auto cursor = DecodeCursor(RankedSort(), text);
  if (!cursor.ok()) return std::move(cursor).error();
  const auto* offset = std::get_if<std::int64_t>(&cursor->values[0]);
  if (offset == nullptr || *offset < 0) return CursorError();
  return *offset;
}

std::string EncodeCursor(const Sort& sort, const std::vector<store::Value>& values, std::int64_t id) {
  bj::array a;
  a.emplace_back(sort.text);
  for (const store::Value& v : values) a.push_back(ToJson(v));
  a.emplace_back(id);
  return Base64Url(bj::serialize(a));
}

Result<Cursor> DecodeCursor(const Sort& sort, std::string_view text) {
  if (text.size() > kMaxCursorBytes) return CursorError();
  auto bytes = FromBase64Url(text);
  if (!bytes) return CursorError();
  boost::system::error_code ec;
  bj::value parsed = bj::parse(*bytes, ec);
  if (ec || !parsed.is_array()) return CursorError();
  const bj::array& a = parsed.get_array();
  if (a.size() != sort.keys.size() + 2 || !a.front().is_string() || a.front().get_string() != sort.text ||
      !a.back().is_int64()) {
    return CursorError();
  }
  Cursor cursor;
  for (std::size_t i = 1; i + 1 < a.size(); ++i) {
    auto v = FromJson(a[i]);
    if (!v) return CursorError();
    cursor.values.push_back(std::move(*v));
  }
  cursor.id = a.back().get_int64();
  return cursor;
}

std::string OrderBy(const Sort& sort) {
  std::string out = " ORDER BY ";
  for (const SortKey& k : sort.keys) out += fmt::format("t.{}{}, ", k.column, k.descending ? " DESC" : "");
  out += sort.id_descending ? "t.id DESC" : "t.id";
  return out;
}

std::string AfterCondition(const Sort& sort, const Cursor& cursor, store::Dialect dialect,
                           std::vector<store::Value>& params) {
  const bool nulls_largest = dialect == store::Dialect::kPostgres;
  auto bind = [&](const store::Value& v) {
    params.push_back(v);
    return fmt::format("${}", params.size());
  };
  // "column comes after v" in the key's direction, with the dialect's place for NULL.
  auto after = [&](const std::string& col, bool desc, const store::Value& v) -> std::string {
    const bool null_v = store::IsNull(v);
    // Going up from v: larger values; NULL is larger only when nulls are largest.
    const bool up = !desc;
    if (null_v) {
      // After NULL come only non-NULLs, and only if NULL is at the start of this direction.
      const bool null_first = up != nulls_largest;
      return null_first ? col + " IS NOT NULL" : "1 = 0";
    }
    std::string cmp = fmt::format("{} {} {}", col, up ? ">" : "<", bind(v));
    const bool nulls_after = up == nulls_largest;
    return nulls_after ? "(" + cmp + " OR " + col + " IS NULL)" : cmp;
  };
  auto equal = [&](const std::string& col, const store::Value& v) {
    return store::IsNull(v) ? col + " IS NULL" : fmt::format("{} = {}", col, bind(v));
  };
  std::vector<std::string> ors;
  std::string prefix;
  for (std::size_t i = 0; i < sort.keys.size(); ++i) {
    const std::string col = "t." + sort.keys[i].column;
    ors.push_back(prefix + after(col, sort.keys[i].descending, cursor.values[i]));
    prefix += equal(col, cursor.values[i]) + " AND ";
  }
  ors.push_back(prefix + fmt::format("t.id {} {}", sort.id_descending ? "<" : ">", bind(cursor.id)));
  std::string out = "(";
  for (std::size_t i = 0; i < ors.size(); ++i) out += (i ? " OR " : "") + ("(" + ors[i] + ")");
  out += ")";
  // A range on the first key lets the index seek instead of scanning from the start.
  if (!sort.keys.empty() && !store::IsNull(cursor.values[0])) {
    const SortKey& k = sort.keys[0];
    const bool up = !k.descending;
    const bool nulls_after = up == nulls_largest;
    std::string bound = fmt::format("t.{} {} {}", k.column, up ? ">=" : "<=", bind(cursor.values[0]));
    out += nulls_after ? " AND (" + bound + " OR t." + k.column + " IS NULL)" : " AND " + bound;
  }
  return out;
}

}  // namespace rapport::domain
