// The parser of the filter language (DESIGN 3.4): text to a parse tree (filter/ast.h), with the
// language's limits. Grammar (keywords in any case):
//   expr      := or
//   or        := and ('or' and)*
//   and       := unary ('and' unary)*
//   unary     := 'not' unary | '(' expr ')' | predicate
//   predicate := path ('=' | '!=' | '<' | '<=' | '>' | '>=') value
//              | path 'in' '(' value (',' value)* ')'
//              | path ('contains' | 'starts_with' | 'has') value
//              | path 'is' ['not'] 'null'
//   path      := name ['.' name]
//   value     := 'string' | ['-'] number | 'true' | 'false'
//              | ('now' | 'today') '(' ')' [('+' | '-') duration]      duration: 90d, 12h, 30m, 2w
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

#include "common/result.h"
#include "filter/ast.h"

namespace rapport::filter {

inline constexpr std::size_t kMaxFilterBytes = 4096;
inline constexpr int kMaxDepth = 32;  // nested '(' and 'not'
inline constexpr int kMaxPredicates = 100;
inline constexpr std::size_t kMaxInValues = 100;

// The parse tree of `text`. kInvalidArgument (filter/filter_error.h) with the byte position and what
// was expected, e.g. "at 14: expected a value after '=' but found end of input"; also when a limit
// above is passed. The tree owns its strings.
Result<Expr> Parse(std::string_view text);

}  // namespace rapport::filter
