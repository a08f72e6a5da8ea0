#include "common/vcard.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "common/utf8.h"

namespace rapport::vcard {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool Is(std::string_view line, std::string_view what) {
  return line.size() == what.size() && Upper(line) == what;
}

Error Bad(std::string problem) { return Error{ErrorCode::kInvalidArgument, std::move(problem), {}}; }

// The start of `text` for a message: at most 40 bytes, not cut inside a UTF-8 sequence.
std::string_view Excerpt(std::string_view text) {
  std::size_t cut = std::min<std::size_t>(text.size(), 40);
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

// Splits `value` at every `sep` not escaped by a backslash, leaving escapes in place.
std::vector<std::string_view> SplitUnescaped(std::string_view value, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\') {
      ++i;
    } else if (value[i] == sep) {
      parts.push_back(value.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(value.substr(start));
  return parts;
}

std::string Unescape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      out += value[i];
      continue;
    }
    const char c = value[++i];
    out += (c == 'n' || c == 'N') ? '\n' : c;
  }
  return out;
}

}  // namespace

std::string_view Property::Component(std::size_t i) const {
  if (i >= components.size() || components[i].empty()) return {};
  return components[i][0];
}

std::vector<std::string> Property::Types() const {
  std::vector<std::string> types;
  for (const auto& [name, value] : params) {
    if (name != "TYPE") continue;
    for (std::string_view t : SplitUnescaped(value, ',')) {
      if (!t.empty()) types.push_back(Lower(t));
    }
  }
  return types;
}

std::vector<const Property*> Card::All(std::string_view name) const {
  std::vector<const Property*> out;
  for (const Property& p : properties) {
    if (p.name == name) out.push_back(&p);
  }
  return out;
}

const Property* Card::First(std::string_view name) const {
  for (const Property& p : properties) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

Result<Property> ParseLine(std::string_view line) {
  // name and parameters end at the first ':' outside a quoted parameter value.
  std::size_t colon = std::string_view::npos;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon == std::string_view::npos) return Bad(fmt::format("\"{}\" has no ':' before its value", Excerpt(line)));
  const std::string_view head = line.substr(0, colon);
  const std::string_view value = line.substr(colon + 1);
  Property p;
  std::vector<std::string_view> parts;
  {
    std::size_t start = 0;
    quoted = false;
    for (std::size_t i = 0; i <= head.size(); ++i) {
      if (i < head.size() && head[i] == '"') quoted = !quoted;
      if (i == head.size() || (head[i] == ';' && !quoted)) {
        parts.push_back(head.substr(start, i - start));
        start = i + 1;
      }
    }
  }
  std::string_view name = parts[0];
  if (std::size_t dot = name.rfind('.'); dot != std::string_view::npos) name.remove_prefix(dot + 1);  // a group
  if (name.empty() || !std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; })) {
    return Bad(fmt::format("\"{}\" is not a property name", Excerpt(name)));
  }
  p.name = Upper(name);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    std::string_view param = parts[i];
    const std::size_t eq = param.find('=');
    // vCard 2.1 and some 3.0 writers give bare types: TEL;WORK;VOICE.
    std::string pname = eq == std::string_view::npos ? "TYPE" : Upper(param.substr(0, eq));
    std::string_view pvalue = eq == std::string_view::npos ? param : param.substr(eq + 1);
    if (pvalue.size() >= 2 && pvalue.front() == '"' && pvalue.back() == '"') pvalue = pvalue.substr(1, pvalue.size() - 2);
    if (pname == "ENCODING" && Upper(pvalue) == "QUOTED-PRINTABLE") {
      return Bad(fmt::format("{} is quoted-printable (vCard 2.1), which is not read", p.name));
    }
    p.params.emplace_back(std::move(pname), std::string(pvalue));
  }
  const bool components = p.name == "N" || p.name == "ADR" || p.name == "ORG" || p.name == "GENDER";
  const bool lists = p.name == "N" || p.name == "ADR" || p.name == "CATEGORIES" || p.name == "NICKNAME";
  for (std::string_view component : components ? SplitUnescaped(value, ';') : std::vector<std::string_view>{value}) {
    std::vector<std::string> items;
    for (std::string_view item : lists ? SplitUnescaped(component, ',') : std::vector<std::string_view>{component}) {
      items.push_back(Unescape(item));
    }
    p.components.push_back(std::move(items));
  }
  return p;
}

bool Reader::ReadPhysical(std::string& out, std::size_t& number) {
  if (pending_) {
    out = std::move(*pending_);
    number = pending_line_;
    pending_.reset();
    return true;
  }
  // Like getline, but what a line has past kMaxCardBytes is dropped (the card is then refused as
  // too large), so a huge line cannot take the memory.
  out.clear();
  int c = in_.get();
  if (c == std::char_traits<char>::eof()) return false;
  while (c != std::char_traits<char>::eof() && c != '\n') {
    if (out.size() <= kMaxCardBytes) out += static_cast<char>(c);
    c = in_.get();
  }
  number = ++line_;
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return true;
}

std::optional<std::string> Reader::NextLine() {
  if (unread_) {
    std::optional<std::string> line = std::move(unread_);
    unread_.reset();
    logical_line_ = unread_line_;
    return line;
  }
  std::string line;
  if (!ReadPhysical(line, logical_line_)) return std::nullopt;
  // A line that starts with a space or a tab continues the one before (folding).
  std::string next;
  std::size_t number = 0;
  while (ReadPhysical(next, number)) {
    if (!next.empty() && (next[0] == ' ' || next[0] == '\t')) {
      if (line.size() <= kMaxCardBytes) line.append(next, 1);
      continue;
    }
    pending_ = std::move(next);
    pending_line_ = number;
    break;
  }
  return line;
}

Result<std::optional<Card>> Reader::Next() {
  std::optional<std::string> line;
  // Blank lines between cards are skipped.
  do {
    line = NextLine();
    if (!line) return std::optional<Card>();
  } while (line->empty());
  card_line_ = logical_line_;
  auto skip_to_end = [&] {
    while (auto l = NextLine()) {
      if (Is(*l, "END:VCARD")) break;
    }
  };
  if (!Is(*line, "BEGIN:VCARD")) {
    // Text between cards: reported once, skipped up to the next card.
    std::string problem = fmt::format("line {}: expected BEGIN:VCARD", card_line_);
    while (auto l = NextLine()) {
      if (Is(*l, "BEGIN:VCARD")) {
        unread_ = std::move(*l);
        unread_line_ = logical_line_;
        break;
      }
    }
    return Bad(std::move(problem));
  }
  Card card;
  std::size_t bytes = 0;
  while (true) {
    line = NextLine();
    if (!line) return Bad(fmt::format("line {}: the card that begins here has no END:VCARD", card_line_));
    if (Is(*line, "END:VCARD")) break;
    if (line->empty()) continue;
    bytes += line->size();
    if (bytes > kMaxCardBytes) {
      skip_to_end();
      return Bad(fmt::format("line {}: the card is larger than {} bytes", card_line_, kMaxCardBytes));
    }
    if (!IsValidUtf8(*line)) {
      skip_to_end();
      return Bad(fmt::format("line {}: the card is not valid UTF-8", card_line_));
    }
    auto property = ParseLine(*line);
    if (!property.ok()) {
      skip_to_end();
      return Bad(fmt::format("line {}: {}", card_line_, property.error().message));
    }
    if (property->name == "VERSION") {
      card.version = std::string(property->Component(0));
      continue;
    }
    card.properties.push_back(std::move(*property));
  }
  if (card.version != "4.0" && card.version != "3.0") {
    return Bad(fmt::format("line {}: VERSION {} is not read (4.0 and 3.0 are)",
                           card_line_, card.version.empty() ? std::string_view("(none)") : Excerpt(card.version)));
  }
  return std::optional<Card>(std::move(card));
}

std::string Escape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\\' || c == ',' || c == ';') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < value.size() && value[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Writer::Begin() {
  Line("BEGIN:VCARD");
  Line("VERSION:4.0");
}

void Writer::End() { Line("END:VCARD"); }

void Writer::Text(std::string_view name, std::string_view value, std::string_view params) {
  if (value.empty()) return;
  Line(fmt::format("{}{}{}:{}", name, params.empty() ? "" : ";", params, Escape(value)));
}

void Writer::Structured(std::string_view name, const std::vector<std::string>& components, std::string_view params) {
  if (std::all_of(components.begin(), components.end(), [](const std::string& c) { return c.empty(); })) return;
  std::string value;
  for (std::size_t i = 0; i < components.size(); ++i) value += (i ? ";" : "") + Escape(components[i]);
  Line(fmt::format("{}{}{}:{}", name, params.empty() ? "" : ";", params, value));
}

// RFC 6350 3.2: lines longer than 75 octets are folded (CRLF and a space), never inside a UTF-8
// sequence.
void Writer::Line(std::string line) {
  constexpr std::size_t kMaxOctets = 75;
  std::size_t start = 0;
  bool first = true;
  while (line.size() - start > (first ? kMaxOctets : kMaxOctets - 1)) {
    std::size_t cut = start + (first ? kMaxOctets : kMaxOctets - 1);
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (!first) out_ += ' ';
    out_.append(line, start, cut - start);
    out_ += "\r\n";
    start = cut;
    first = false;
  }
  if (!first) out_ += ' ';
  out_.append(line, start, std::string::npos);
  out_ += "\r\n";
}

}  // namespace rapport::vcard
