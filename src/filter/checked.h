// A filter checked against one object (filter/checker.h): every path resolved to a field definition,
// every operator allowed for its field, every value converted to the form the field is stored in.
// The SQL compiler and the evaluator both work from this tree, so they see the same values.
// Immutable once built; thread-safe to share. It points into the Registry it was checked against
// (and into the static system fields), so it must not outlive that registry snapshot.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "common/clock.h"
#include "filter/ast.h"
#include "meta/object_def.h"

namespace rapport::filter {

// now() or today() moved by `offset`, resolved only when the filter runs (filter/time_operand.h).
struct TimeOperand {
  enum class Base { kNow, kToday };
  Base base = Base::kNow;
  Micros offset = 0;  // signed; whole days for a date field
};

// A value in its stored form:
//   int64        int, link, link_many ids, system ints (id, version, created_by), currency micros,
//                datetime micros
//   double       decimal
//   std::string  text types, enum, multi_enum and `multiple` members, link_many `by` names, dates
//   bool         bool
//   TimeOperand  date and datetime fields
using Operand = std::variant<std::int64_t, double, std::string, bool, TimeOperand>;

struct CheckedExpr {
  enum class Kind {
    kAnd,        // children: two or more
    kOr,         // children: two or more
    kNot,        // children: one
    kPredicate,  // field op values on the object in scope
    kRelated,    // link.field: children[0] is a kPredicate on `target`, the record `link` points to
  };
  Kind kind = Kind::kPredicate;
  std::vector<CheckedExpr> children;

  // kPredicate: `field` belongs to `object` (or is a system field, filter/system_fields.h).
  // kRelated: `field` is the link field of `object`, and `target` the object it links to.
  // A kPredicate on a link_many field also sets `target`, the object it links to.
  const meta::ObjectDef* object = nullptr;
  const meta::FieldDef* field = nullptr;
  const meta::ObjectDef* target = nullptr;
  Op op = Op::kEq;
  std::vector<Operand> values;  // kPredicate: one, several for kIn, none for is (not) null
};

struct Checked {
  const meta::ObjectDef* object = nullptr;
  CheckedExpr root;
};

}  // namespace rapport::filter
