// vCard (RFC 6350, version 4.0; version 3.0, RFC 2426, read too): a streaming reader that yields
// one card at a time from any number of cards, and a writer. Text only: no network, no files.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace rapport::vcard {

struct Property {
  std::string name;  // upper case, without its group: "EMAIL"
  std::vector<std::pair<std::string, std::string>> params;  // names upper case: {"TYPE", "work"}
  // The value split into its components (N and ADR have several, separated by ';') and each
  // component into its list items (separated by ','), unescaped.
  std::vector<std::vector<std::string>> components;

  // The first item of component `i`; empty when absent.
  std::string_view Component(std::size_t i) const;
  // Every TYPE of the property, lower case: TYPE=work,voice and TYPE=WORK;TYPE=VOICE alike.
  std::vector<std::string> Types() const;
};

struct Card {
  std::string version;  // "4.0" or "3.0"
  std::vector<Property> properties;

  std::vector<const Property*> All(std::string_view name) const;
  const Property* First(std::string_view name) const;
};

// Cards longer than this (a huge PHOTO) are refused, so memory stays bounded.
inline constexpr std::size_t kMaxCardBytes = 1 << 20;

class Reader {
 public:
  explicit Reader(std::istream& in) : in_(in) {}

  // The next card; nullopt at the end of the input. kInvalidArgument for a card that is not
  // well formed (its first line number in the message); reading then goes on after its END.
  Result<std::optional<Card>> Next();
  // The line number (from 1) where the last card returned or refused began.
  std::size_t card_line() const { return card_line_; }

 private:
  // The next unfolded content line; nullopt at the end. logical_line_ is where it began.
  std::optional<std::string> NextLine();
  // The next physical line without its CR, and its number; false at the end.
  bool ReadPhysical(std::string& out, std::size_t& number);

  std::istream& in_;
  std::optional<std::string> pending_;  // a physical line read ahead to look for folding
  std::size_t pending_line_ = 0;
  std::optional<std::string> unread_;   // a content line given back (the BEGIN after stray text)
  std::size_t unread_line_ = 0;
  std::size_t line_ = 0;                // physical lines read
  std::size_t logical_line_ = 0;
  std::size_t card_line_ = 0;
};

// Parses one unfolded content line ("EMAIL;TYPE=work:ada@example.com"); kInvalidArgument (naming
// what is wrong) if it is not one. N, ADR, ORG and GENDER are split into components at ';';
// N, ADR, CATEGORIES and NICKNAME items at ','.
Result<Property> ParseLine(std::string_view line);

// Writes cards: properties escaped and folded at 75 octets, lines ended by CRLF.
class Writer {
 public:
  void Begin();  // BEGIN:VCARD and VERSION:4.0
  // A property with one text value; nothing when `value` is empty.
  void Text(std::string_view name, std::string_view value, std::string_view params = {});
  // A property of several components (N, ADR): each escaped, joined by ';'.
  void Structured(std::string_view name, const std::vector<std::string>& components, std::string_view params = {});
  void End();
  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Line(std::string line);
  std::string out_;
};

// Escapes a text value for a vCard: backslash, comma, semicolon and line breaks.
std::string Escape(std::string_view value);

}  // namespace rapport::vcard
