// libFuzzer target: a file of vCards as a user uploads it, through the reader and the mapping to a
// person, and back: every card the reader returns is mapped (PersonFromVCard), written again
// (PersonToVCard) and read back. Besides crashes and sanitizer reports it traps when an invariant
// breaks: an error that is not kInvalidArgument, a message that is not UTF-8, a written card that
// does not read back or whose person differs, a written line longer than 75 octets. See
// docs/fuzzing.md.

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "common/utf8.h"
#include "common/vcard.h"
#include "domain/vcard/person_vcard.h"

namespace {

namespace vcard = rapport::vcard;
using rapport::domain::PersonFromVCard;
using rapport::domain::PersonToVCard;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

// A value as it reads back: the writer writes any line break (even a lone CR) as \n.
std::string Normal(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    out += s[i] == '\r' ? '\n' : s[i];
  }
  return out;
}

std::string Member(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? Normal(v->get_string()) : std::string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  vcard::Reader reader(in);
  for (int cards = 0; cards < 1000; ++cards) {
    auto card = reader.Next();
    if (!card.ok()) {
      Check(card.error().code == rapport::ErrorCode::kInvalidArgument);
      Check(rapport::IsValidUtf8(card.error().message));
      continue;
    }
    if (!*card) break;
    const rapport::domain::VCardPerson person = PersonFromVCard(**card);
    const std::string text = PersonToVCard(person.person, person.organization, person.addresses);
    for (std::size_t start = 0; start < text.size();) {
      const std::size_t end = text.find("\r\n", start);
      Check(end != std::string::npos && end - start <= 75);
      start = end + 2;
    }
    std::istringstream again_in(text);
    vcard::Reader again(again_in);
    auto back = again.Next();
    Check(back.ok() && back->has_value());
    const rapport::domain::VCardPerson round = PersonFromVCard(**back);
    Check(Member(round.person, "email") == Member(person.person, "email"));
    // (A number that still begins with "tel:" after its URI prefix came off loses that on reading.)
    if (!Member(person.person, "phone").starts_with("tel:")) {
      Check(Member(round.person, "phone") == Member(person.person, "phone"));
    }
    Check(Member(round.person, "birthday") == Member(person.person, "birthday"));
    if (!Member(person.person, "last_name").empty()) {
      Check(Member(round.person, "last_name") == Member(person.person, "last_name"));
      Check(Member(round.person, "first_name") == Member(person.person, "first_name"));
    }
    Check(Normal(round.organization) == Normal(person.organization));
    Check(round.addresses.size() == person.addresses.size());
  }
  return 0;
}
