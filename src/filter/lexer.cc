#include "filter/lexer.h"

#include <fmt/format.h>

#include "filter/filter_error.h"

namespace rapport::filter {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsWordChar(char c) { return IsWordStart(c) || IsDigit(c); }

std::string DescribeByte(char c) {
  auto b = static_cast<unsigned char>(c);
  if (b >= 0x21 && b < 0x7F) return fmt::format("character '{}'", c);
  return fmt::format("byte 0x{:02X}", b);
}

// Reads the string whose opening quote is at `open`; on success `end` is just past the closing quote.
Result<std::string> ReadString(std::string_view text, std::size_t open, std::size_t& end) {
  std::string value;
  std::size_t i = open + 1;
  for (;;) {
    if (i >= text.size()) return FilterError(open, "this string has no closing quote (')");
    char c = text[i];
    if (c == '\'') {
      if (i + 1 < text.size() && text[i + 1] == '\'') {
        value.push_back('\'');
        i += 2;
        continue;
      }
      end = i + 1;
      break;
    }
    if (c == '\0') return FilterError(i, "a string may not contain a NUL character");
    value.push_back(c);
    ++i;
  }
  if (!IsValidUtf8(value)) return FilterError(open, "this string is not valid UTF-8");
  return value;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // the sequence runs past the end
    for (std::size_t k = 1; k <= n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

Result<std::vector<Token>> Lex(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    Token token;
    token.pos = start;
    if (IsWordStart(c)) {
      while (i < text.size() && IsWordChar(text[i])) ++i;
      token.kind = TokenKind::kWord;
    } else if (IsDigit(c)) {
      while (i < text.size() && IsDigit(text[i])) ++i;
      if (i + 1 < text.size() && text[i] == '.' && IsDigit(text[i + 1])) {
        ++i;
        while (i < text.size() && IsDigit(text[i])) ++i;
      }
      token.kind = TokenKind::kNumber;
      if (i < text.size() && IsWordStart(text[i])) {
        while (i < text.size() && IsWordChar(text[i])) ++i;
        token.kind = TokenKind::kDuration;
      }
    } else if (c == '\'') {
      auto value = ReadString(text, start, i);
      if (!value.ok()) return std::move(value).error();
      token.kind = TokenKind::kString;
      token.value = std::move(*value);
    } else {
      const char next = i + 1 < text.size() ? text[i + 1] : '\0';
      ++i;
      switch (c) {
        case '=':
          token.kind = TokenKind::kEq;
          break;
        case '!':
          if (next != '=') return FilterError(start, "expected '=' after '!' (the operator is !=)");
          ++i;
          token.kind = TokenKind::kNe;
          break;
        case '<':
          token.kind = next == '=' ? TokenKind::kLe : TokenKind::kLt;
          if (next == '=') ++i;
          if (next == '>') return FilterError(start, "'<>' is not an operator: write !=");
          break;
        case '>':
          token.kind = next == '=' ? TokenKind::kGe : TokenKind::kGt;
          if (next == '=') ++i;
          break;
        case '(':
          token.kind = TokenKind::kLParen;
          break;
        case ')':
          token.kind = TokenKind::kRParen;
          break;
        case ',':
          token.kind = TokenKind::kComma;
          break;
        case '.':
          token.kind = TokenKind::kDot;
          break;
        case '+':
          token.kind = TokenKind::kPlus;
          break;
        case '-':
          token.kind = TokenKind::kMinus;
          break;
        case '"':
          return FilterError(start, "strings take single quotes ('text'), not double quotes");
        default:
          return FilterError(start, "unexpected " + DescribeByte(c));
      }
    }
    token.source = text.substr(start, i - start);
    tokens.push_back(std::move(token));
  }
  Token end;
  end.kind = TokenKind::kEnd;
  end.pos = text.size();
  tokens.push_back(std::move(end));
  return tokens;
}

}  // namespace rapport::filter
