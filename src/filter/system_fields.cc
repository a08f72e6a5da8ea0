#include "filter/system_fields.h"

#include <array>
#include <string>

namespace rapport::filter {
namespace {

meta::FieldDef System(std::string name, meta::FieldType type) {
  meta::FieldDef f;
  f.name = std::move(name);
  f.type = type;
  f.origin = meta::Origin::kSystem;  // so the column is the name itself
  f.read_only = true;
  return f;
}

const std::array<meta::FieldDef, 5>& SystemFields() {
  static const std::array<meta::FieldDef, 5> fields = {
      System("id", meta::FieldType::kInt),
      System("version", meta::FieldType::kInt),
      System("created_at", meta::FieldType::kDatetime),
      System("updated_at", meta::FieldType::kDatetime),
      System("created_by", meta::FieldType::kInt),
  };
  return fields;
}

}  // namespace

const meta::FieldDef* FindSystemField(std::string_view name) {
  for (const meta::FieldDef& f : SystemFields()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace rapport::filter
