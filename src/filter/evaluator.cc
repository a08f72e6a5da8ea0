#include "filter/evaluator.h"

#include <optional>
#include <string_view>

#include "filter/operand_value.h"
#include "meta/time_text.h"

namespace rapport::filter {
namespace {

namespace bj = boost::json;
using meta::FieldDef;
using meta::FieldType;

std::optional<std::int64_t> AsInt64(const bj::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v.get_uint64());
  }
  return std::nullopt;
}

bool IsSet(const FieldDef& f) {
  return f.multiple || f.type == FieldType::kMultiEnum || f.type == FieldType::kLinkMany;
}

// The value of `f` in `v` as the SQL column holds it; nullopt for null, absent or malformed.
std::optional<store::Value> ScalarOf(const FieldDef& f, const bj::value* v) {
  if (v == nullptr || v->is_null()) return std::nullopt;
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kUrl:
    case FieldType::kEnum:
    case FieldType::kDate:
      if (v->is_string()) return store::Value(std::string(v->get_string()));
      return std::nullopt;
    case FieldType::kInt:
    case FieldType::kLink:
      if (auto i = AsInt64(*v)) return store::Value(*i);
      return std::nullopt;
    case FieldType::kDecimal:
      if (v->is_number()) return store::Value(v->to_number<double>());
      return std::nullopt;
    case FieldType::kCurrency:
      if (const bj::object* money = v->if_object()) {
        if (const bj::value* micros = money->if_contains("micros")) {
          if (auto i = AsInt64(*micros)) return store::Value(*i);
        }
      }
      return std::nullopt;
    case FieldType::kDatetime:
      if (v->is_string()) {
        if (auto micros = meta::ParseTimestamp(v->get_string())) return store::Value(*micros);
      }
      return std::nullopt;
    case FieldType::kBool:
      if (v->is_bool()) return store::Value(v->get_bool());
      return std::nullopt;
    case FieldType::kMultiEnum:
    case FieldType::kLinkMany:
      return std::nullopt;
  }
  return std::nullopt;
}

// -1, 0 or 1; nullopt when the two are of different kinds (which a checked filter never compares).
std::optional<int> Compare(const store::Value& a, const store::Value& b) {
  if (a.index() != b.index()) return std::nullopt;
  return std::visit(
      [&](const auto& x) -> std::optional<int> {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return std::nullopt;
        } else {
          const T& y = std::get<T>(b);
          if constexpr (std::is_same_v<T, std::string>) {
            int c = std::string_view(x).compare(y);  // bytewise, as unsigned char: SQLite BINARY, PostgreSQL "C"
            return c < 0 ? -1 : c > 0 ? 1 : 0;
          } else {
            return x < y ? -1 : y < x ? 1 : 0;
          }
        }
      },
      a);
}

bool Equal(const store::Value& a, const store::Value& b) { return Compare(a, b) == 0; }

bool SetPredicate(const CheckedExpr& e, const bj::value* v, Micros now) {
  const bj::array* items = v != nullptr ? v->if_array() : nullptr;
  const bool empty = items == nullptr || items->empty();
  switch (e.op) {
    case Op::kIsNull:
      return empty;
    case Op::kIsNotNull:
      return !empty;
    case Op::kHas: {
      if (empty) return false;
      const store::Value wanted = OperandValue(*e.field, e.values[0], now);
      for (const bj::value& item : *items) {
        if (const auto* s = std::get_if<std::string>(&wanted)) {
          if (item.is_string() && item.get_string() == *s) return true;
        } else if (const auto* id = std::get_if<std::int64_t>(&wanted)) {
          if (AsInt64(item) == *id) return true;
        }
      }
      return false;
    }
    default:
      return false;
  }
}

bool Predicate(const CheckedExpr& e, const bj::object& record, Micros now) {
  const FieldDef& f = *e.field;
  const bj::value* v = record.if_contains(f.name);
  if (IsSet(f)) return SetPredicate(e, v, now);
  const std::optional<store::Value> x = ScalarOf(f, v);
  switch (e.op) {
    case Op::kIsNull:
      return !x;
    case Op::kIsNotNull:
      return x.has_value();
    case Op::kNe:
      return !x || !Equal(*x, OperandValue(f, e.values[0], now));
    default:
      break;
  }
  if (!x) return false;
  switch (e.op) {
    case Op::kEq:
      return Equal(*x, OperandValue(f, e.values[0], now));
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe: {
      auto c = Compare(*x, OperandValue(f, e.values[0], now));
      if (!c) return false;
      return e.op == Op::kLt ? *c < 0 : e.op == Op::kLe ? *c <= 0 : e.op == Op::kGt ? *c > 0 : *c >= 0;
    }
    case Op::kIn:
      for (const Operand& operand : e.values) {
        if (Equal(*x, OperandValue(f, operand, now))) return true;
      }
      return false;
    case Op::kContains:
    case Op::kStartsWith: {
      const auto* text = std::get_if<std::string>(&*x);
      if (text == nullptr) return false;
      const std::string haystack = AsciiLower(*text);
      const std::string needle = AsciiLower(std::get<std::string>(e.values[0]));
      return e.op == Op::kContains ? haystack.find(needle) != std::string::npos
                                   : std::string_view(haystack).substr(0, needle.size()) == needle;
    }
    default:
      return false;
  }
}

bool Eval(const CheckedExpr& e, const bj::object& record, Micros now, const Resolver& resolve) {
  switch (e.kind) {
    case CheckedExpr::Kind::kAnd:
      for (const CheckedExpr& child : e.children) {
        if (!Eval(child, record, now, resolve)) return false;
      }
      return true;
    case CheckedExpr::Kind::kOr:
      for (const CheckedExpr& child : e.children) {
        if (Eval(child, record, now, resolve)) return true;
      }
      return false;
    case CheckedExpr::Kind::kNot:
      return !Eval(e.children[0], record, now, resolve);
    case CheckedExpr::Kind::kPredicate:
      return Predicate(e, record, now);
    case CheckedExpr::Kind::kRelated: {
      const bj::value* link = record.if_contains(e.field->name);
      if (link == nullptr || !resolve) return false;
      auto id = AsInt64(*link);
      if (!id) return false;
      const bj::object* other = resolve(*e.target, *id);
      if (other == nullptr) return false;
      const bj::value* deleted_at = other->if_contains("deleted_at");
      if (deleted_at != nullptr && !deleted_at->is_null()) return false;
      return Eval(e.children[0], *other, now, resolve);
    }
  }
  return false;
}

}  // namespace

bool Evaluate(const Checked& filter, const boost::json::object& record, Micros now, const Resolver& resolve) {
  return Eval(filter.root, record, now, resolve);
}

}  // namespace rapport::filter
