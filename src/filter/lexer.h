// The tokens of the filter language: words (field names and keywords alike), 'strings', numbers,
// durations such as 90d, and punctuation. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace rapport::filter {

enum class TokenKind {
  kEnd,       // after the last token
  kWord,      // [A-Za-z_][A-Za-z0-9_]*: a field name or a keyword (keywords in any case)
  kString,    // '...' with '' for a quote; `value` holds the text
  kNumber,    // 12, 12.50
  kDuration,  // digits directly followed by letters: 90d, 2w (the parser checks the unit)
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kLParen,
  kRParen,
  kComma,
  kDot,
  kPlus,
  kMinus,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::size_t pos = 0;      // byte offset of the first character
  std::string_view source;  // the token as written (a slice of the input; empty for kEnd)
  std::string value;        // kString: the unescaped text
};

// The tokens of `text`, ending with one kEnd. Errors (kInvalidArgument, see filter/filter_error.h): an
// unexpected character, an unterminated string, a string that is not valid UTF-8 or holds a NUL.
// The tokens' `source` points into `text`.
Result<std::vector<Token>> Lex(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace rapport::filter
