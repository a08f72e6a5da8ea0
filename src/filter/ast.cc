#include "filter/ast.h"

namespace rapport::filter {

std::string_view OpText(Op op) {
  switch (op) {
    case Op::kEq:
      return "=";
    case Op::kNe:
      return "!=";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    case Op::kIn:
      return "in";
    case Op::kContains:
      return "contains";
    case Op::kStartsWith:
      return "starts_with";
    case Op::kHas:
      return "has";
    case Op::kIsNull:
      return "is null";
    case Op::kIsNotNull:
      return "is not null";
  }
  return "?";
}

meta::FilterOp ToFilterOp(Op op) {
  switch (op) {
    case Op::kEq:
      return meta::FilterOp::kEq;
    case Op::kNe:
      return meta::FilterOp::kNe;
    case Op::kLt:
      return meta::FilterOp::kLt;
    case Op::kLe:
      return meta::FilterOp::kLe;
    case Op::kGt:
      return meta::FilterOp::kGt;
    case Op::kGe:
      return meta::FilterOp::kGe;
    case Op::kIn:
      return meta::FilterOp::kIn;
    case Op::kContains:
      return meta::FilterOp::kContains;
    case Op::kStartsWith:
      return meta::FilterOp::kStartsWith;
    case Op::kHas:
      return meta::FilterOp::kHas;
    case Op::kIsNull:
    case Op::kIsNotNull:
      return meta::FilterOp::kIsNull;
  }
  return meta::FilterOp::kIsNull;
}

}  // namespace rapport::filter
