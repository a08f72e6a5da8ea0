// Text folded for search: case, accents and punctuation removed the same way for stored records and
// for queries, so that FTS5 (SQLite) and the 'simple' tsvector (PostgreSQL) match prefixes alike.
// Pure functions; thread-safe. Changing the folding means rebuilding every stored search_text.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

inline constexpr std::size_t kMaxSearchTerms = 8;
inline constexpr std::size_t kMaxSearchTermBytes = 64;

// Words of `text` for search: lower-case letters and digits, single spaces between words, none at
// either end. Never fails; the result is valid UTF-8. Character by character (utf8proc, Unicode 15):
//   - compatibility decomposition, case folding, combining marks removed: "Zoë O'Brien-Müller" →
//     "zoe o brien muller", "ß" → "ss", "ﬁ" → "fi", "①" → "1", "Ⅻ" → "xii", "Ｒａｐ" → "rap", "İ" → "i";
//   - Latin letters that have no decomposition are spelled out: æ → ae, œ → oe, ø → o, ł → l,
//     đ and ð → d, þ → th, ı → i, ħ → h, ŧ → t ("Ærø" → "aero", "Łódź" → "lodz");
//   - decimal digits of any script become ASCII digits ("٠٣٠" → "030");
//   - default-ignorable characters (soft hyphen, ZWJ, ZWNJ, variation selectors) vanish inside a
//     word, except U+200B ZERO WIDTH SPACE, which separates words;
//   - letters (L*) and numbers (N*) are word characters; every run of anything else (spaces,
//     punctuation, symbols, emoji, controls) becomes one space.
// Scripts without spaces stay one word per run ("東京都庁" is one word, found by its start only).
// Hangul is kept decomposed into jamo, so a query of a partly typed syllable still matches. Marks
// are removed in every script: kana lose their voicing marks (が → か) and Indic vowel signs vanish;
// documents and queries lose them alike, so matching only gets broader.
// A byte that is not part of valid UTF-8 is read as the Latin-1 character of that value, so
// Latin-1 text mislabelled as UTF-8 still folds sensibly ("M\xFCller" → "muller").
std::string FoldForSearch(std::string_view text);

// The text stored for search of a record with these field values (search_text): the folded words of
// each value in order, joined by single spaces (empty values add nothing). A value whose words are
// all digits, two or more of them, is taken for a phone number and also adds its digits run
// together from each group on, right after its own words: "+49 (30) 1234-56" gives
// "49 30 1234 56 4930123456 30123456 123456", so it is found with or without its prefixes. Nothing
// else is added; an email address is found by its parts ("ada.lovelace@example.com" → "ada lovelace
// example com").
std::string SearchDocument(std::span<const std::string_view> values);
std::string SearchDocument(std::span<const std::string> values);

// The terms of a user's search query: its folded words, duplicates dropped, the first
// kMaxSearchTerms only, each cut to at most kMaxSearchTermBytes bytes (at a character boundary; a
// cut term still works as a prefix). A query that would add a phone number's digits in
// SearchDocument ("030 1234-56") is one term of those digits ("030123456"), so a number is found
// however its groups were written. Empty when nothing searchable is left.
std::vector<std::string> SearchTerms(std::string_view query);

// An FTS5 MATCH expression requiring every term as a prefix: {"jo", "smi"} → "jo"* AND "smi"*.
// Each term is double-quoted with any '"' doubled, so any text is safe; empty terms are skipped.
// Empty for no terms (which is not a valid MATCH expression: do not search).
std::string Fts5PrefixQuery(std::span<const std::string> terms);

// The same for PostgreSQL's to_tsquery('simple', ...): {"jo", "smi"} → 'jo':* & 'smi':*. Each term
// is single-quoted with any '\'' and '\\' doubled (a backslash escapes inside a quoted lexeme);
// empty terms are skipped. Empty for no terms.
std::string TsqueryPrefix(std::span<const std::string> terms);

}  // namespace rapport
