// The parse tree of a filter (DESIGN 3.4), as the parser leaves it: names and literals as written,
// with the byte position of each, not yet checked against any object (filter/checker.h does that).
// Plain values; not thread-safe to mutate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "meta/field_type.h"

namespace rapport::filter {

// The operators as the language spells them. `is not null` is its own operator here; the checker
// relates each to meta::FilterOp for the per-type whitelist.
enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kContains, kStartsWith, kHas, kIsNull, kIsNotNull };

// "=", "!=", "in", "is not null", ...
std::string_view OpText(Op op);
meta::FilterOp ToFilterOp(Op op);

enum class Unit { kMinutes, kHours, kDays, kWeeks };

// One value as written.
struct Literal {
  enum class Kind { kString, kNumber, kBool, kNow, kToday };
  Kind kind = Kind::kString;
  std::size_t pos = 0;   // byte offset of its first character (of the '-' of a negative number)
  std::string text;      // kString: the value, quotes removed and '' unescaped;
                         // kNumber: the digits as written, "-" first when negative ("-12.50")
  bool integral = true;  // kNumber: no fraction part
  bool boolean = false;  // kBool
  // kNow, kToday: the offset of `now() - 90d` as a signed amount of `unit` (-90 days); 0 when none.
  std::int64_t amount = 0;
  Unit unit = Unit::kDays;
};

// A field of the object (`first_name`), or a field of the record a link field points to
// (`organization.kind`: link = "organization", field = "kind").
struct Path {
  std::string link;  // empty for a field of the object itself
  std::string field;
  std::size_t pos = 0;        // of the path's first character
  std::size_t field_pos = 0;  // of `field`
};

// `path op value`, `path in (values)`, `path is [not] null`.
struct Predicate {
  Path path;
  Op op = Op::kEq;
  std::size_t op_pos = 0;
  std::vector<Literal> values;  // one, several for kIn, none for kIsNull and kIsNotNull
};

struct Expr {
  enum class Kind { kAnd, kOr, kNot, kPredicate };
  Kind kind = Kind::kPredicate;
  std::size_t pos = 0;
  std::vector<Expr> children;  // kAnd, kOr: two or more; kNot: exactly one
  Predicate predicate;         // kPredicate
};

}  // namespace rapport::filter
