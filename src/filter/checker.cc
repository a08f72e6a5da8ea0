#include "filter/checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "filter/filter_error.h"
#include "filter/system_fields.h"
#include "filter/time_operand.h"
#include "meta/time_text.h"

namespace rapport::filter {
namespace {

using meta::FieldDef;
using meta::FieldType;

bool IsTextType(FieldType t) {
  return t == FieldType::kText || t == FieldType::kLongText || t == FieldType::kEmail || t == FieldType::kPhone ||
         t == FieldType::kUrl;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// How errors name a field's type: "date", "list of email".
std::string TypeText(const FieldDef& f) {
  std::string type(meta::FieldTypeName(f.type));
  return f.multiple ? "list of " + type : type;
}

std::string OpsText(const FieldDef& f) {
  std::vector<std::string> names;
  for (meta::FilterOp op : meta::SupportedOps(f)) {
    switch (op) {
      case meta::FilterOp::kEq:
        names.emplace_back("=");
        break;
      case meta::FilterOp::kNe:
        names.emplace_back("!=");
        break;
      case meta::FilterOp::kLt:
        names.emplace_back("<");
        break;
      case meta::FilterOp::kLe:
        names.emplace_back("<=");
        break;
      case meta::FilterOp::kGt:
        names.emplace_back(">");
        break;
      case meta::FilterOp::kGe:
        names.emplace_back(">=");
        break;
      case meta::FilterOp::kIsNull:
        names.emplace_back("is null");
        names.emplace_back("is not null");
        break;
      default:
        names.emplace_back(meta::FilterOpName(op));
        break;
    }
  }
  return Join(names);
}

bool Supports(const FieldDef& f, Op op) {
  auto ops = meta::SupportedOps(f);
  return std::find(ops.begin(), ops.end(), ToFilterOp(op)) != ops.end();
}

std::string Describe(const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::kString:
      return "the string " + Quote(lit.text);
    case Literal::Kind::kNumber:
      return "the number " + Quote(lit.text);
    case Literal::Kind::kBool:
      return lit.boolean ? "true" : "false";
    case Literal::Kind::kNow:
      return "now()";
    case Literal::Kind::kToday:
      return "today()";
  }
  return "a value";
}

// What a field takes, for errors: "takes an integer".
std::string Expects(const FieldDef& f) {
  if (f.multiple) return "a string";
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kUrl:
      return "a string in single quotes";
    case FieldType::kInt:
      return "an integer";
    case FieldType::kLink:
      return "a record id (an integer)";
    case FieldType::kDecimal:
      return "a number";
    case FieldType::kCurrency:
      return "an amount in major units, such as 19.99";
    case FieldType::kDate:
      return "a date as 'YYYY-MM-DD' or today() with an offset in days, such as today() - 7d";
    case FieldType::kDatetime:
      return "a time as RFC 3339, such as '2026-11-23T10:00:00Z', or now() with an offset, such as now() - 90d";
    case FieldType::kBool:
      return "true or false";
    case FieldType::kEnum:
    case FieldType::kMultiEnum:
      return "one of: " + Join(f.options);
    case FieldType::kLinkMany:
      return f.by.empty() ? "a record id (an integer)" : fmt::format("a {} (a string)", f.by);
  }
  return "a value";
}

Error WrongValue(const FieldDef& f, const Literal& lit) {
  return FilterError(lit.pos,
                     fmt::format("'{}' ({}) takes {}; found {}", f.name, TypeText(f), Expects(f), Describe(lit)));
}

Result<std::int64_t> ToInt(const FieldDef& f, const Literal& lit) {
  if (lit.kind != Literal::Kind::kNumber || !lit.integral) return WrongValue(f, lit);
  std::int64_t v = 0;
  const char* end = lit.text.data() + lit.text.size();
  auto [ptr, ec] = std::from_chars(lit.text.data(), end, v);
  if (ec != std::errc() || ptr != end) {
    return FilterError(lit.pos, fmt::format("the number {} is out of the 64-bit integer range", Quote(lit.text)));
  }
  return v;
}

Result<double> ToDouble(const FieldDef& f, const Literal& lit) {
  if (lit.kind != Literal::Kind::kNumber) return WrongValue(f, lit);
  double v = 0;
  const char* end = lit.text.data() + lit.text.size();
  auto [ptr, ec] = std::from_chars(lit.text.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) {
    return FilterError(lit.pos, fmt::format("the number {} is out of range", Quote(lit.text)));
  }
  return v == 0 ? 0.0 : v;  // -0 and 0 are one value
}

// A number of major units as exact micros: "19.99" is 19,990,000.
Result<std::int64_t> ToMicros(const FieldDef& f, const Literal& lit) {
  if (lit.kind != Literal::Kind::kNumber) return WrongValue(f, lit);
  std::string_view text = lit.text;
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  std::size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (fraction.size() > 6) {
    return FilterError(lit.pos, fmt::format("the amount {} has more than 6 decimal places", Quote(lit.text)));
  }
  const Error out_of_range = FilterError(lit.pos, fmt::format("the amount {} is out of range", Quote(lit.text)));
  std::int64_t micros = 0;
  for (char c : whole) {
    if (__builtin_mul_overflow(micros, 10, &micros) || __builtin_add_overflow(micros, c - '0', &micros)) {
      return out_of_range;
    }
  }
  if (__builtin_mul_overflow(micros, 1'000'000, &micros)) return out_of_range;
  std::int64_t part = 0;
  for (std::size_t i = 0; i < 6; ++i) part = part * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  if (__builtin_add_overflow(micros, part, &micros)) return out_of_range;
  return negative ? -micros : micros;
}

Result<std::string> ToOption(const FieldDef& f, const Literal& lit) {
  if (lit.kind != Literal::Kind::kString) return WrongValue(f, lit);
  if (std::find(f.options.begin(), f.options.end(), lit.text) == f.options.end()) {
    return FilterError(lit.pos, fmt::format("{} is not an option of '{}'; the options are: {}", Quote(lit.text), f.name,
                                            Join(f.options)));
  }
  return lit.text;
}

Result<Operand> ToTime(const FieldDef& f, const Literal& lit) {
  const bool date = f.type == FieldType::kDate;
  if (lit.kind == Literal::Kind::kString) {
    if (date) {
      if (!meta::IsDate(lit.text)) {
        return FilterError(lit.pos, fmt::format("{} is not a date as 'YYYY-MM-DD'", Quote(lit.text)));
      }
      return Operand(lit.text);
    }
    auto micros = meta::ParseTimestamp(lit.text);
    if (!micros) {
      return FilterError(lit.pos,
                         fmt::format("{} is not a time as RFC 3339, such as '2026-11-23T10:00:00Z'", Quote(lit.text)));
    }
    return Operand(*micros);
  }
  if (lit.kind != Literal::Kind::kNow && lit.kind != Literal::Kind::kToday) return WrongValue(f, lit);
  if (date && lit.kind == Literal::Kind::kNow) {
    return FilterError(lit.pos, fmt::format("'{}' is a date: compare it with today(), not now()", f.name));
  }
  if (date && lit.amount != 0 && lit.unit != Unit::kDays && lit.unit != Unit::kWeeks) {
    return FilterError(lit.pos, fmt::format("'{}' is a date: move today() by days (d) or weeks (w)", f.name));
  }
  auto offset = DurationMicros(lit.amount, lit.unit);
  if (!offset) return FilterError(lit.pos, "the duration is out of range");
  TimeOperand t;
  t.base = lit.kind == Literal::Kind::kNow ? TimeOperand::Base::kNow : TimeOperand::Base::kToday;
  t.offset = *offset;
  return Operand(t);
}

template <typename T>
Result<Operand> Wrap(Result<T> r) {
  if (!r.ok()) return std::move(r).error();
  return Operand(std::move(*r));
}

// One value for `f` in its stored form.
Result<Operand> ToOperand(const FieldDef& f, const Literal& lit) {
  if (f.multiple || IsTextType(f.type)) {
    if (lit.kind != Literal::Kind::kString) return WrongValue(f, lit);
    return Operand(lit.text);
  }
  switch (f.type) {
    case FieldType::kInt:
    case FieldType::kLink:
      return Wrap(ToInt(f, lit));
    case FieldType::kLinkMany:
      if (!f.by.empty()) {
        if (lit.kind != Literal::Kind::kString) return WrongValue(f, lit);
        return Operand(lit.text);
      }
      return Wrap(ToInt(f, lit));
    case FieldType::kDecimal:
      return Wrap(ToDouble(f, lit));
    case FieldType::kCurrency:
      return Wrap(ToMicros(f, lit));
    case FieldType::kDate:
    case FieldType::kDatetime:
      return ToTime(f, lit);
    case FieldType::kBool:
      if (lit.kind != Literal::Kind::kBool) return WrongValue(f, lit);
      return Operand(lit.boolean);
    case FieldType::kEnum:
    case FieldType::kMultiEnum:
      return Wrap(ToOption(f, lit));
    default:
      return WrongValue(f, lit);
  }
}

// A field a filter may name on `object`: a system field, or an active field.
const FieldDef* FindFilterField(const meta::ObjectDef& object, std::string_view name) {
  if (const FieldDef* sys = FindSystemField(name)) return sys;
  const FieldDef* f = object.FindField(name);
  return f != nullptr && f->active ? f : nullptr;
}

Error UnknownField(std::size_t pos, std::string_view name, const meta::ObjectDef& object) {
  return FilterError(pos, fmt::format("unknown field {} of {}", Quote(name), object.name));
}

// `name op values` on `object`.
Result<CheckedExpr> CheckField(const Predicate& p, const meta::ObjectDef& object, const meta::Registry& registry,
                               std::string_view name, std::size_t pos) {
  const FieldDef* f = FindFilterField(object, name);
  if (f == nullptr) return UnknownField(pos, name, object);
  if (!Supports(*f, p.op)) {
    return FilterError(p.op_pos, fmt::format("'{}' ({}) does not support '{}'; it supports: {}", f->name, TypeText(*f),
                                             OpText(p.op), OpsText(*f)));
  }
  CheckedExpr out;
  out.kind = CheckedExpr::Kind::kPredicate;
  out.object = &object;
  out.field = f;
  out.op = p.op;
  if (f->type == FieldType::kLinkMany) {
    // The SQL of `has 'name'` joins the target's table on its `by` column.
    out.target = registry.FindObject(f->target);
    if (out.target == nullptr || (!f->by.empty() && out.target->FindField(f->by) == nullptr)) {
      return FilterError(pos, fmt::format("'{}' links to '{}', which is not a known object", f->name, f->target));
    }
  }
  for (const Literal& lit : p.values) {
    auto operand = ToOperand(*f, lit);
    if (!operand.ok()) return std::move(operand).error();
    out.values.push_back(std::move(*operand));
  }
  return out;
}

Result<CheckedExpr> CheckPredicate(const Predicate& p, const meta::ObjectDef& object, const meta::Registry& registry) {
  if (p.path.link.empty()) return CheckField(p, object, registry, p.path.field, p.path.field_pos);
  const FieldDef* link = FindFilterField(object, p.path.link);
  if (link == nullptr) return UnknownField(p.path.pos, p.path.link, object);
  if (link->type != FieldType::kLink) {
    return FilterError(
        p.path.pos, fmt::format("only a link field can be followed by '.'; '{}' is {}", link->name, TypeText(*link)));
  }
  const meta::ObjectDef* target = registry.FindObject(link->target);
  if (target == nullptr) {
    return FilterError(p.path.pos,
                       fmt::format("'{}' links to '{}', which is not a known object", link->name, link->target));
  }
  auto inner = CheckField(p, *target, registry, p.path.field, p.path.field_pos);
  if (!inner.ok()) return inner;
  CheckedExpr out;
  out.kind = CheckedExpr::Kind::kRelated;
  out.object = &object;
  out.field = link;
  out.target = target;
  out.children.push_back(std::move(*inner));
  return out;
}

Result<CheckedExpr> CheckExpr(const Expr& expr, const meta::ObjectDef& object, const meta::Registry& registry) {
  if (expr.kind == Expr::Kind::kPredicate) return CheckPredicate(expr.predicate, object, registry);
  CheckedExpr out;
  out.kind = expr.kind == Expr::Kind::kAnd  ? CheckedExpr::Kind::kAnd
             : expr.kind == Expr::Kind::kOr ? CheckedExpr::Kind::kOr
                                            : CheckedExpr::Kind::kNot;
  for (const Expr& child : expr.children) {
    auto checked = CheckExpr(child, object, registry);
    if (!checked.ok()) return checked;
    out.children.push_back(std::move(*checked));
  }
  return out;
}

}  // namespace

Result<Checked> Check(const Expr& expr, const meta::ObjectDef& object, const meta::Registry& registry) {
  auto root = CheckExpr(expr, object, registry);
  if (!root.ok()) return std::move(root).error();
  return Checked{&object, std::move(*root)};
}

}  // namespace rapport::filter
