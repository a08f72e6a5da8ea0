#include "filter/parser.h"

#include <fmt/format.h>

#include <charconv>
#include <utility>
#include <vector>

#include "filter/filter_error.h"
#include "filter/lexer.h"

namespace rapport::filter {
namespace {

constexpr std::string_view kDurationHint = "a duration such as 90d, 12h, 30m or 2w";

bool EqualsNoCase(std::string_view a, std::string_view keyword) {
  if (a.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != keyword[i]) return false;
  }
  return true;
}

std::string Describe(const Token& t) {
  switch (t.kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kString:
      return "the string " + Quote(t.value);
    default:
      return Quote(t.source);
  }
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<Expr> Run() {
    auto expr = ParseOr(0);
    if (!expr.ok()) return expr;
    if (Peek().kind != TokenKind::kEnd) {
      return FilterError(Peek().pos, "expected 'and', 'or' or end of input but found " + Describe(Peek()));
    }
    return expr;
  }

 private:
  const Token& Peek(std::size_t ahead = 0) const {
    std::size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& Take() {
    const Token& t = tokens_[pos_];
    if (t.kind != TokenKind::kEnd) ++pos_;
    return t;
  }
  bool IsKeyword(const Token& t, std::string_view keyword) const {
    return t.kind == TokenKind::kWord && EqualsNoCase(t.source, keyword);
  }

  Result<Expr> ParseOr(int depth) { return ParseChain(depth, "or", Expr::Kind::kOr); }
  Result<Expr> ParseAnd(int depth) { return ParseChain(depth, "and", Expr::Kind::kAnd); }

  // or := and ('or' and)*, and := unary ('and' unary)*: one node with all the operands.
  Result<Expr> ParseChain(int depth, std::string_view keyword, Expr::Kind kind) {
    const std::size_t start = Peek().pos;
    auto first = kind == Expr::Kind::kOr ? ParseAnd(depth) : ParseUnary(depth);
    if (!first.ok() || !IsKeyword(Peek(), keyword)) return first;
    Expr chain;
    chain.kind = kind;
    chain.pos = start;
    chain.children.push_back(std::move(*first));
    while (IsKeyword(Peek(), keyword)) {
      Take();
      auto next = kind == Expr::Kind::kOr ? ParseAnd(depth) : ParseUnary(depth);
      if (!next.ok()) return next;
      chain.children.push_back(std::move(*next));
    }
    return chain;
  }

  Result<Expr> ParseUnary(int depth) {
    const Token& t = Peek();
    const bool is_not = IsKeyword(t, "not");
    if (is_not || t.kind == TokenKind::kLParen) {
      if (depth >= kMaxDepth) {
        return FilterError(t.pos, fmt::format("a filter may nest at most {} levels of '(' and 'not'", kMaxDepth));
      }
      Take();
      if (is_not) {
        auto operand = ParseUnary(depth + 1);
        if (!operand.ok()) return operand;
        Expr negation;
        negation.kind = Expr::Kind::kNot;
        negation.pos = t.pos;
        negation.children.push_back(std::move(*operand));
        return negation;
      }
      auto inner = ParseOr(depth + 1);
      if (!inner.ok()) return inner;
      if (Peek().kind != TokenKind::kRParen) {
        return FilterError(Peek().pos, "expected 'and', 'or' or ')' but found " + Describe(Peek()));
      }
      Take();
      return inner;
    }
    return ParsePredicate();
  }

  Result<Expr> ParsePredicate() {
    const Token& first = Peek();
    if (first.kind != TokenKind::kWord) {
      return FilterError(first.pos, "expected a field name, 'not' or '(' but found " + Describe(first));
    }
    if (++predicates_ > kMaxPredicates) {
      return FilterError(first.pos, fmt::format("a filter may have at most {} conditions", kMaxPredicates));
    }
    Expr expr;
    expr.kind = Expr::Kind::kPredicate;
    expr.pos = first.pos;
    Predicate& p = expr.predicate;
    p.path.pos = first.pos;
    p.path.field = std::string(Take().source);
    p.path.field_pos = first.pos;
    if (Peek().kind == TokenKind::kDot) {
      Take();
      const Token& second = Peek();
      if (second.kind != TokenKind::kWord) {
        return FilterError(second.pos, "expected a field name after '.' but found " + Describe(second));
      }
      p.path.link = std::move(p.path.field);
      p.path.field = std::string(Take().source);
      p.path.field_pos = second.pos;
      if (Peek().kind == TokenKind::kDot) {
        return FilterError(Peek().pos, "a path goes at most one link deep (link.field)");
      }
    }
    const std::string path_text = p.path.link.empty() ? p.path.field : p.path.link + "." + p.path.field;

    const Token& op = Peek();
    p.op_pos = op.pos;
    switch (op.kind) {
      case TokenKind::kEq:
        p.op = Op::kEq;
        break;
      case TokenKind::kNe:
        p.op = Op::kNe;
        break;
      case TokenKind::kLt:
        p.op = Op::kLt;
        break;
      case TokenKind::kLe:
        p.op = Op::kLe;
        break;
      case TokenKind::kGt:
        p.op = Op::kGt;
        break;
      case TokenKind::kGe:
        p.op = Op::kGe;
        break;
      default:
        if (IsKeyword(op, "in")) {
          p.op = Op::kIn;
        } else if (IsKeyword(op, "contains")) {
          p.op = Op::kContains;
        } else if (IsKeyword(op, "starts_with")) {
          p.op = Op::kStartsWith;
        } else if (IsKeyword(op, "has")) {
          p.op = Op::kHas;
        } else if (IsKeyword(op, "is")) {
          p.op = Op::kIsNull;
        } else {
          return FilterError(op.pos, fmt::format("expected an operator (=, !=, <, <=, >, >=, in, contains, "
                                                 "starts_with, has, is null) after {} but found {}",
                                                 Quote(path_text), Describe(op)));
        }
    }
    const std::string op_text(Take().source);

    if (p.op == Op::kIsNull) {
      if (IsKeyword(Peek(), "not")) {
        Take();
        p.op = Op::kIsNotNull;
      }
      if (!IsKeyword(Peek(), "null")) {
        return FilterError(Peek().pos, "expected 'null' or 'not null' after 'is' but found " + Describe(Peek()));
      }
      Take();
      return expr;
    }
    if (p.op == Op::kIn) {
      if (Peek().kind != TokenKind::kLParen) {
        return FilterError(Peek().pos, "expected '(' after 'in' but found " + Describe(Peek()));
      }
      std::string after = "'('";
      Take();
      for (;;) {
        if (p.values.size() == kMaxInValues) {
          return FilterError(Peek().pos, fmt::format("an 'in' list may hold at most {} values", kMaxInValues));
        }
        auto value = ParseValue(after);
        if (!value.ok()) return std::move(value).error();
        p.values.push_back(std::move(*value));
        if (Peek().kind == TokenKind::kRParen) {
          Take();
          return expr;
        }
        if (Peek().kind != TokenKind::kComma) {
          return FilterError(Peek().pos, "expected ',' or ')' in the 'in' list but found " + Describe(Peek()));
        }
        Take();
        after = "','";
      }
    }
    auto value = ParseValue(Quote(op_text));
    if (!value.ok()) return std::move(value).error();
    p.values.push_back(std::move(*value));
    return expr;
  }

  // A value; `after` names what precedes it, for the error ("after '='").
  Result<Literal> ParseValue(const std::string& after) {
    const Token& t = Peek();
    Literal lit;
    lit.pos = t.pos;
    switch (t.kind) {
      case TokenKind::kString:
        lit.kind = Literal::Kind::kString;
        lit.text = Take().value;
        return lit;
      case TokenKind::kNumber:
        lit.kind = Literal::Kind::kNumber;
        lit.text = std::string(Take().source);
        lit.integral = lit.text.find('.') == std::string::npos;
        return lit;
      case TokenKind::kMinus: {
        Take();
        if (Peek().kind != TokenKind::kNumber) {
          return FilterError(Peek().pos, "expected a number after '-' but found " + Describe(Peek()));
        }
        lit.kind = Literal::Kind::kNumber;
        lit.text = "-";
        lit.text += Take().source;
        lit.integral = lit.text.find('.') == std::string::npos;
        return lit;
      }
      case TokenKind::kDuration:
        return FilterError(t.pos, fmt::format("expected a value after {} but found {}: a duration goes with "
                                              "now() or today(), as in now() - 90d",
                                              after, Describe(t)));
      case TokenKind::kWord:
        if (IsKeyword(t, "true") || IsKeyword(t, "false")) {
          lit.kind = Literal::Kind::kBool;
          lit.boolean = IsKeyword(t, "true");
          Take();
          return lit;
        }
        if (IsKeyword(t, "now") || IsKeyword(t, "today")) return ParseTime(std::move(lit));
        break;
      default:
        break;
    }
    return FilterError(t.pos, fmt::format("expected a value after {} but found {}", after, Describe(t)));
  }

  // now() or today(), then an optional `+ duration` or `- duration`.
  Result<Literal> ParseTime(Literal lit) {
    const Token& name = Take();
    lit.kind = IsKeyword(name, "now") ? Literal::Kind::kNow : Literal::Kind::kToday;
    const std::string call = lit.kind == Literal::Kind::kNow ? "now" : "today";
    if (Peek().kind != TokenKind::kLParen || Peek(1).kind != TokenKind::kRParen) {
      const Token& bad = Peek().kind == TokenKind::kLParen ? Peek(1) : Peek();
      return FilterError(bad.pos, fmt::format("expected '()' after '{}' but found {}", call, Describe(bad)));
    }
    Take();
    Take();
    const Token& sign = Peek();
    if (sign.kind != TokenKind::kPlus && sign.kind != TokenKind::kMinus) return lit;
    const bool minus = sign.kind == TokenKind::kMinus;
    Take();
    const Token& d = Peek();
    if (d.kind != TokenKind::kDuration) {
      return FilterError(
          d.pos, fmt::format("expected {} after '{}' but found {}", kDurationHint, minus ? '-' : '+', Describe(d)));
    }
    Take();
    std::string_view text = d.source;
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    std::string_view unit = text.substr(digits);
    if (unit.empty() || unit.front() == '.') {
      return FilterError(d.pos, fmt::format("a duration is a whole number and a unit, {}", kDurationHint));
    }
    if (unit == "d") {
      lit.unit = Unit::kDays;
    } else if (unit == "h") {
      lit.unit = Unit::kHours;
    } else if (unit == "m") {
      lit.unit = Unit::kMinutes;
    } else if (unit == "w") {
      lit.unit = Unit::kWeeks;
    } else {
      return FilterError(d.pos + digits, fmt::format("unknown unit {}: use d (days), h (hours), m (minutes) or w "
                                                     "(weeks)",
                                                     Quote(unit)));
    }
    std::int64_t amount = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + digits, amount);
    if (ec != std::errc() || end != text.data() + digits) {
      return FilterError(d.pos, fmt::format("the duration {} is out of range", Quote(text)));
    }
    lit.amount = minus ? -amount : amount;
    return lit;
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int predicates_ = 0;
};

}  // namespace

Result<Expr> Parse(std::string_view text) {
  if (text.size() > kMaxFilterBytes) {
    return FilterError(kMaxFilterBytes, fmt::format("a filter may be at most {} bytes long (this one has {})",
                                                    kMaxFilterBytes, text.size()));
  }
  auto tokens = Lex(text);
  if (!tokens.ok()) return std::move(tokens).error();
  return Parser(std::move(*tokens)).Run();
}

}  // namespace rapport::filter
