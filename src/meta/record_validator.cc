#include "meta/record_validator.h"

#include <fmt/format.h>

#include "meta/field_value.h"

namespace rapport::meta {
namespace {

// The problem with a member that is not a writable field, or nullopt when it is one.
std::optional<std::string> NotWritable(const ObjectDef& object, std::string_view name, Writer writer) {
  if (IsSystemFieldName(name)) return "is read-only";
  const FieldDef* f = object.FindField(name);
  if (f == nullptr) return fmt::format("is not a field of {}", object.name);
  if (!f->active) return "is inactive";
  if (f->read_only && writer == Writer::kApi) return "is read-only";
  return std::nullopt;
}

bool IsOneLine(FieldType t) {
  return t == FieldType::kText || t == FieldType::kEmail || t == FieldType::kPhone || t == FieldType::kUrl;
}

void Trim(boost::json::value& v) {
  if (!v.is_string()) return;
  std::string_view s = v.get_string();
  auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) {
    v = "";
    return;
  }
  auto end = s.find_last_not_of(" \t\r\n");
  if (begin != 0 || end + 1 != s.size()) v = std::string(s.substr(begin, end - begin + 1));
}

}  // namespace

void TrimText(const ObjectDef& object, boost::json::object& record) {
  for (auto& kv : record) {
    const FieldDef* f = object.FindField(kv.key());
    if (f == nullptr || !IsOneLine(f->type)) continue;
    if (kv.value().is_array()) {
      for (boost::json::value& item : kv.value().get_array()) Trim(item);
    } else {
      Trim(kv.value());
    }
  }
}

std::vector<FieldError> ValidateForCreate(const ObjectDef& object, boost::json::object& record, Writer writer) {
  std::vector<FieldError> problems;
  for (const FieldDef& f : object.fields) {
    if (!f.active || (f.read_only && writer == Writer::kApi)) continue;
    boost::json::value* v = record.if_contains(f.name);
    if (v == nullptr && f.default_value) v = &record.emplace(f.name, *f.default_value).first->value();
    if (v == nullptr) {
      if (f.required) problems.push_back({f.name, "is required"});
      continue;
    }
    if (auto problem = Validate(*v, f)) problems.push_back({f.name, *problem});
  }
  for (const auto& kv : record) {
    if (auto problem = NotWritable(object, kv.key(), writer)) problems.push_back({std::string(kv.key()), *problem});
  }
  return problems;
}

std::vector<FieldError> ValidateForPatch(const ObjectDef& object, const boost::json::object& patch, Writer writer) {
  std::vector<FieldError> problems;
  for (const auto& kv : patch) {
    std::string name(kv.key());
    if (auto problem = NotWritable(object, name, writer)) {
      problems.push_back({name, *problem});
    } else if (auto invalid = Validate(kv.value(), *object.FindField(name))) {
      problems.push_back({name, *invalid});
    }
  }
  return problems;
}

}  // namespace rapport::meta
