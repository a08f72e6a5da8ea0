#include "common/text_fold.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace rapport {
namespace {

constexpr auto kFoldOptions = static_cast<utf8proc_option_t>(
    UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);

constexpr utf8proc_int32_t kZeroWidthSpace = 0x200B;

// Case-folded Latin letters that Unicode does not decompose, spelled as their base letters.
std::string_view LatinSpelling(utf8proc_int32_t c) {
  switch (c) {
    case 0x00E6: return "ae";  // æ
    case 0x0153: return "oe";  // œ
    case 0x00F8: return "o";   // ø
    case 0x0142: return "l";   // ł
    case 0x0111: return "d";   // đ
    case 0x00F0: return "d";   // ð
    case 0x00FE: return "th";  // þ
    case 0x0131: return "i";   // ı
    case 0x0127: return "h";   // ħ
    case 0x0167: return "t";   // ŧ
    default: return {};
  }
}

bool IsWordCodepoint(utf8proc_int32_t c) {
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// A decimal digit of any script as its ASCII digit. Unicode encodes decimal digits only in
// contiguous runs of whole 0..9 sets, so the value is the distance from the run's start, mod 10.
utf8proc_int32_t AsciiDigit(utf8proc_int32_t c) {
  if (c < 0x80 || utf8proc_category(c) != UTF8PROC_CATEGORY_ND) return c;
  utf8proc_int32_t start = c;
  while (start > 0 && utf8proc_category(start - 1) == UTF8PROC_CATEGORY_ND) --start;
  return '0' + (c - start) % 10;
}

// Builds the folded text: word characters appended, anything else noted as one pending space.
class Folder {
 public:
  void Add(utf8proc_int32_t c) {
    if (std::string_view spelled = LatinSpelling(c); !spelled.empty()) {
      Word(spelled);
      return;
    }
    if (!IsWordCodepoint(c)) {
      space_ = true;
      return;
    }
    std::array<utf8proc_uint8_t, 4> bytes{};
    const utf8proc_ssize_t n = utf8proc_encode_char(AsciiDigit(c), bytes.data());
    Word(std::string_view(reinterpret_cast<const char*>(bytes.data()), static_cast<std::size_t>(n)));
  }

  // One input character, decomposed, folded and stripped.
  void AddFolded(utf8proc_int32_t c) {
    if (c == kZeroWidthSpace) {
      space_ = true;
      return;
    }
    std::array<utf8proc_int32_t, 32> small{};
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(c, small.data(), small.size(), kFoldOptions, &boundclass);
    if (n <= static_cast<utf8proc_ssize_t>(small.size())) {
      for (utf8proc_ssize_t i = 0; i < n; ++i) Add(small[i]);
      return;
    }
    std::vector<utf8proc_int32_t> large(static_cast<std::size_t>(n));
    n = utf8proc_decompose_char(c, large.data(), n, kFoldOptions, &boundclass);
    for (utf8proc_ssize_t i = 0; i < n && i < static_cast<utf8proc_ssize_t>(large.size()); ++i) Add(large[i]);
  }

  std::string Take() && { return std::move(out_); }

 private:
  void Word(std::string_view bytes) {
    if (space_ && !out_.empty()) out_ += ' ';
    space_ = false;
    out_ += bytes;
  }

  std::string out_;
  bool space_ = false;
};

// Splits folded text (single spaces, none at the ends) into its words.
std::vector<std::string_view> Words(std::string_view folded) {
  std::vector<std::string_view> words;
  while (!folded.empty()) {
    const std::size_t end = std::min(folded.find(' '), folded.size());
    words.push_back(folded.substr(0, end));
    folded.remove_prefix(std::min(end + 1, folded.size()));
  }
  return words;
}

// The digits of a phone number run together, when `words` are two or more words of ASCII digits
// only; empty otherwise.
std::string PhoneDigits(const std::vector<std::string_view>& words) {
  if (words.size() < 2) return {};
  std::string digits;
  for (std::string_view w : words) {
    if (!std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) return {};
    digits += w;
  }
  return digits;
}

void AppendWords(std::string& out, std::string_view words) {
  if (words.empty()) return;
  if (!out.empty()) out += ' ';
  out += words;
}

// A phone number's digits run together from each group on: "49 30 1234 56" gives
// "4930123456 30123456 123456", so the number is found with or without its country and area codes.
std::string PhoneTails(const std::vector<std::string_view>& words) {
  std::string out;
  if (PhoneDigits(words).empty()) return out;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    std::string tail;
    for (std::size_t j = i; j < words.size(); ++j) tail += words[j];
    AppendWords(out, tail);
  }
  return out;
}

template <typename String>
std::string Document(std::span<const String> values) {
  std::string out;
  for (std::string_view value : values) {
    const std::string folded = FoldForSearch(value);
    AppendWords(out, folded);
    AppendWords(out, PhoneTails(Words(folded)));
  }
  return out;
}

// `text` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view CutAtCharacter(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

std::string Quoted(std::string_view term, char quote, std::string_view doubled) {
  std::string out(1, quote);
  for (char c : term) {
    if (doubled.find(c) != std::string_view::npos) out += c;
    out += c;
  }
  out += quote;
  return out;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  Folder folder;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) {  // not valid UTF-8 here: this one byte as Latin-1
      c = *p;
      n = 1;
    }
    folder.AddFolded(c);
    p += n;
    left -= n;
  }
  return std::move(folder).Take();
}

std::string SearchDocument(std::span<const std::string_view> values) { return Document(values); }
std::string SearchDocument(std::span<const std::string> values) { return Document(values); }

std::vector<std::string> SearchTerms(std::string_view query) {
  const std::string folded = FoldForSearch(query);
  const std::vector<std::string_view> words = Words(folded);
  if (std::string digits = PhoneDigits(words); !digits.empty()) {
    return {std::string(CutAtCharacter(digits, kMaxSearchTermBytes))};
  }
  std::vector<std::string> terms;
  for (std::string_view word : words) {
    if (terms.size() == kMaxSearchTerms) break;
    std::string term(CutAtCharacter(word, kMaxSearchTermBytes));
    if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
  }
  return terms;
}

std::string Fts5PrefixQuery(std::span<const std::string> terms) {
  std::string out;
  for (const std::string& term : terms) {
    if (term.empty()) continue;
    if (!out.empty()) out += " AND ";
    out += Quoted(term, '"', "\"") + "*";
  }
  return out;
}

std::string TsqueryPrefix(std::span<const std::string> terms) {
  std::string out;
  for (const std::string& term : terms) {
    if (term.empty()) continue;
    if (!out.empty()) out += " & ";
    out += Quoted(term, '\'', "'\\") + ":*";
  }
  return out;
}

}  // namespace rapport
