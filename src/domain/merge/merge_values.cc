#include "domain/merge/merge_values.h"

#include <algorithm>
#include <cctype>

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using meta::FieldDef;
using meta::FieldType;

bool IsEmpty(const bj::value* v) {
  if (v == nullptr || v->is_null()) return true;
  if (v->is_string()) return v->get_string().empty();
  if (v->is_array()) return v->get_array().empty();
  return false;
}

// Emails, tag names and the like are the same without regard to ASCII case; other values as they are.
bool Same(const bj::value& a, const bj::value& b) {
  if (!a.is_string() || !b.is_string()) return a == b;
  const bj::string& x = a.get_string();
  const bj::string& y = b.get_string();
  return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](char c, char d) {
    return std::tolower(static_cast<unsigned char>(c)) == std::tolower(static_cast<unsigned char>(d));
  });
}

bool Contains(const bj::array& list, const bj::value& v) {
  return std::any_of(list.begin(), list.end(), [&](const bj::value& x) { return Same(x, v); });
}

bool IsList(const FieldDef& f) {
  return f.multiple || f.type == FieldType::kLinkMany || f.type == FieldType::kMultiEnum;
}

const bj::value& Value(const bj::object& record, const FieldDef& f) {
  static const bj::value kNull;
  const bj::value* v = record.if_contains(f.name);
  return v != nullptr ? *v : kNull;
}

}  // namespace

bj::object MergedValues(const meta::ObjectDef& object, const bj::object& into, const bj::object& from) {
  bj::object patch;
  // The survivor's values after the merge, for the list rule below.
  auto final_value = [&](const FieldDef& f) -> const bj::value& {
    const bj::value* p = patch.if_contains(f.name);
    return p != nullptr ? *p : Value(into, f);
  };
  for (const FieldDef& f : object.fields) {
    if (!f.active || IsList(f)) continue;
    const bj::value& mine = Value(into, f);
    const bj::value& theirs = Value(from, f);
    if (f.type == FieldType::kLink && f.target == object.name) {
      // A link to the other record (or to itself) would point the survivor at itself.
      auto self = [&](const bj::value& v) { return v == into.at("id") || v == from.at("id"); };
      if (!IsEmpty(&mine) && self(mine)) {
        patch[f.name] = IsEmpty(&theirs) || self(theirs) ? bj::value(nullptr) : theirs;
      } else if (IsEmpty(&mine) && !IsEmpty(&theirs) && !self(theirs)) {
        patch[f.name] = theirs;
      }
      continue;
    }
    if (IsEmpty(&theirs)) continue;
    if (f.read_only) {
      // ISO 8601 in one format: the later sorts last.
      const bool later = f.type == FieldType::kDatetime && (IsEmpty(&mine) || theirs.get_string() > mine.get_string());
      if (later) patch[f.name] = theirs;
      continue;
    }
    if (IsEmpty(&mine)) patch[f.name] = theirs;
  }
  for (const FieldDef& f : object.fields) {
    if (!f.active || !IsList(f)) continue;
    bj::array list = Value(into, f).is_array() ? Value(into, f).get_array() : bj::array();
    const std::size_t before = list.size();
    auto add = [&](const bj::value& v) {
      if (IsEmpty(&v) || Contains(list, v)) return;
      // Not a second copy of a single field's value (the survivor's primary email).
      for (const FieldDef& single : object.fields) {
        if (single.active && !IsList(single) && single.type == f.type && Same(final_value(single), v)) return;
      }
      list.push_back(v);
    };
    if (const bj::value& theirs = Value(from, f); theirs.is_array()) {
      for (const bj::value& v : theirs.get_array()) add(v);
    }
    if (f.multiple) {
      for (const FieldDef& single : object.fields) {
        if (single.active && !IsList(single) && single.type == f.type) add(Value(from, single));
      }
    }
    if (list.size() != before) patch[f.name] = std::move(list);
  }
  return patch;
}

}  // namespace rapport::domain
