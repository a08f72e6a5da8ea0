#include "meta/field_type.h"

#include <array>

#include "meta/object_def.h"

namespace rapport::meta {
namespace {

struct TypeName {
  FieldType type;
  std::string_view name;
};

constexpr std::array<TypeName, 15> kTypeNames = {{
    {FieldType::kText, "text"},
    {FieldType::kLongText, "long_text"},
    {FieldType::kInt, "int"},
    {FieldType::kDecimal, "decimal"},
    {FieldType::kCurrency, "currency"},
    {FieldType::kDate, "date"},
    {FieldType::kDatetime, "datetime"},
    {FieldType::kBool, "bool"},
    {FieldType::kEnum, "enum"},
    {FieldType::kMultiEnum, "multi_enum"},
    {FieldType::kEmail, "email"},
    {FieldType::kPhone, "phone"},
    {FieldType::kUrl, "url"},
    {FieldType::kLink, "link"},
    {FieldType::kLinkMany, "link_many"},
}};

constexpr std::array<FieldType, 15> kAllTypes = {
    FieldType::kText,     FieldType::kLongText, FieldType::kInt,   FieldType::kDecimal,   FieldType::kCurrency,
    FieldType::kDate,     FieldType::kDatetime, FieldType::kBool,  FieldType::kEnum,      FieldType::kMultiEnum,
    FieldType::kEmail,    FieldType::kPhone,    FieldType::kUrl,   FieldType::kLink,      FieldType::kLinkMany};

using Op = FilterOp;
constexpr Op kOrderedOps[] = {Op::kEq, Op::kNe, Op::kLt, Op::kLe, Op::kGt, Op::kGe, Op::kIn, Op::kIsNull};
constexpr Op kStringOps[] = {Op::kEq, Op::kNe,       Op::kLt,         Op::kLe,    Op::kGt,
                             Op::kGe, Op::kIn,       Op::kContains,   Op::kStartsWith, Op::kIsNull};
constexpr Op kLongTextOps[] = {Op::kContains, Op::kIsNull};
// Money compares by amount within one currency; `in` over {micros, currency} pairs is not offered.
constexpr Op kCurrencyOps[] = {Op::kEq, Op::kNe, Op::kLt, Op::kLe, Op::kGt, Op::kGe, Op::kIsNull};
constexpr Op kBoolOps[] = {Op::kEq, Op::kNe, Op::kIsNull};
constexpr Op kChoiceOps[] = {Op::kEq, Op::kNe, Op::kIn, Op::kIsNull};
constexpr Op kSetOps[] = {Op::kHas, Op::kIsNull};

bool IsText(FieldType t) {
  return t == FieldType::kText || t == FieldType::kLongText || t == FieldType::kEmail || t == FieldType::kPhone ||
         t == FieldType::kUrl;
}

// Types whose value is held as a JSON array, or is too large or composite for a plain index.
bool IsArrayOrBlob(FieldType t) {
  return t == FieldType::kMultiEnum || t == FieldType::kLinkMany || t == FieldType::kLongText;
}

}  // namespace

std::string_view FieldTypeName(FieldType type) {
  for (const TypeName& t : kTypeNames) {
    if (t.type == type) return t.name;
  }
  return "unknown";
}

std::optional<FieldType> ParseFieldType(std::string_view name) {
  for (const TypeName& t : kTypeNames) {
    if (t.name == name) return t.type;
  }
  return std::nullopt;
}

std::span<const FieldType> AllFieldTypes() { return kAllTypes; }

bool TakesParam(FieldType type, FieldParam param) {
  switch (param) {
    case FieldParam::kMaxLength:
      return IsText(type);
    case FieldParam::kMinMax:
      return type == FieldType::kInt || type == FieldType::kDecimal || type == FieldType::kCurrency;
    case FieldParam::kOptions:
      return type == FieldType::kEnum || type == FieldType::kMultiEnum;
    case FieldParam::kTarget:
      return type == FieldType::kLink || type == FieldType::kLinkMany;
    case FieldParam::kUnique:
      // A currency is two columns, a bool has two values: neither makes a sensible unique key.
      return !IsArrayOrBlob(type) && type != FieldType::kCurrency && type != FieldType::kBool;
    case FieldParam::kIndexed:
      return !IsArrayOrBlob(type);
    case FieldParam::kDefault:
      // The ids of linked records are not known when the definition is written.
      return type != FieldType::kLink && type != FieldType::kLinkMany;
  }
  return false;
}

std::optional<std::int64_t> DefaultMaxLength(FieldType type) {
  switch (type) {
    case FieldType::kText:
      return 255;
    case FieldType::kLongText:
      return 65'535;
    case FieldType::kEmail:
      return 254;  // RFC 5321's limit on a forward path
    case FieldType::kPhone:
      return 40;
    case FieldType::kUrl:
      return 2048;
    default:
      return std::nullopt;
  }
}

std::string_view FilterOpName(FilterOp op) {
  switch (op) {
    case FilterOp::kEq:
      return "eq";
    case FilterOp::kNe:
      return "ne";
    case FilterOp::kLt:
      return "lt";
    case FilterOp::kLe:
      return "le";
    case FilterOp::kGt:
      return "gt";
    case FilterOp::kGe:
      return "ge";
    case FilterOp::kIn:
      return "in";
    case FilterOp::kContains:
      return "contains";
    case FilterOp::kStartsWith:
      return "starts_with";
    case FilterOp::kHas:
      return "has";
    case FilterOp::kIsNull:
      return "is_null";
  }
  return "unknown";
}

std::span<const FilterOp> SupportedOps(FieldType type) {
  switch (type) {
    case FieldType::kText:
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kUrl:
      return kStringOps;
    case FieldType::kLongText:
      return kLongTextOps;
    case FieldType::kInt:
    case FieldType::kDecimal:
    case FieldType::kDate:
    case FieldType::kDatetime:
      return kOrderedOps;
    case FieldType::kCurrency:
      return kCurrencyOps;
    case FieldType::kBool:
      return kBoolOps;
    case FieldType::kEnum:
    case FieldType::kLink:
      return kChoiceOps;
    case FieldType::kMultiEnum:
    case FieldType::kLinkMany:
      return kSetOps;
  }
  return {};
}

std::span<const FilterOp> SupportedOps(const FieldDef& field) {
  return field.multiple ? std::span<const FilterOp>(kSetOps) : SupportedOps(field.type);
}

bool Supports(FieldType type, FilterOp op) {
  for (FilterOp o : SupportedOps(type)) {
    if (o == op) return true;
  }
  return false;
}

std::string ColumnStem(const FieldDef& field) {
  return field.is_custom() ? "cf_" + field.name : field.name;
}

std::vector<Column> Columns(const FieldDef& field, store::Dialect dialect) {
  const bool pg = dialect == store::Dialect::kPostgres;
  const std::string integer = pg ? "BIGINT" : "INTEGER";
  std::string stem = ColumnStem(field);
  switch (field.type) {
    case FieldType::kInt:
    case FieldType::kDatetime:
      return {{stem, integer}};
    case FieldType::kDecimal:
      return {{stem, pg ? "DOUBLE PRECISION" : "REAL"}};
    case FieldType::kCurrency:
      return {{stem + "_micros", integer}, {stem + "_currency", "TEXT"}};
    case FieldType::kBool:
      return {{stem, pg ? "BOOLEAN" : "INTEGER"}};
    case FieldType::kLink:
      return {{stem + "_id", integer}};
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kDate:  // 'YYYY-MM-DD' sorts and compares correctly as text, on both dialects
    case FieldType::kEnum:
    case FieldType::kMultiEnum:
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kUrl:
      return {{stem, "TEXT"}};
    case FieldType::kLinkMany:
      return {};  // rows of record_links (object, field, record_id, target_id)
  }
  return {};
}

}  // namespace rapport::meta
