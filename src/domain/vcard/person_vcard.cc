#include "domain/vcard/person_vcard.h"

#include <fmt/format.h>

#include <algorithm>

namespace rapport::domain {
namespace {

namespace bj = boost::json;

std::string_view Text(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

std::vector<std::string> List(const bj::object& o, std::string_view key) {
  std::vector<std::string> out;
  const bj::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_array()) return out;
  for (const bj::value& item : v->get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
  return out;
}

bool Preferred(const vcard::Property& p) {
  for (const auto& [name, value] : p.params) {
    if (name == "PREF" && value == "1") return true;
  }
  const auto types = p.Types();
  return std::find(types.begin(), types.end(), "pref") != types.end();  // vCard 3.0
}

// The values of every `name` property, the preferred one first.
std::vector<std::string> Values(const vcard::Card& card, std::string_view name) {
  std::vector<const vcard::Property*> props = card.All(name);
  std::stable_partition(props.begin(), props.end(), [](const vcard::Property* p) { return Preferred(*p); });
  std::vector<std::string> out;
  for (const vcard::Property* p : props) {
    std::string value(p->Component(0));
    if (name == "TEL" && value.starts_with("tel:")) value.erase(0, 4);
    if (!value.empty() && std::find(out.begin(), out.end(), value) == out.end()) out.push_back(std::move(value));
  }
  return out;
}

// "1970-04-01" or "19700401"; nullopt for anything else (a date without a year: "--0401").
std::optional<std::string> Birthday(std::string_view v) {
  if (std::size_t t = v.find('T'); t != std::string_view::npos) v = v.substr(0, t);  // a date-time
  auto digits = [](std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), ::isdigit); };
  if (v.size() == 10 && v[4] == '-' && v[7] == '-' && digits(v.substr(0, 4)) && digits(v.substr(5, 2)) &&
      digits(v.substr(8, 2))) {
    return std::string(v);
  }
  if (v.size() == 8 && digits(v)) return fmt::format("{}-{}-{}", v.substr(0, 4), v.substr(4, 2), v.substr(6, 2));
  return std::nullopt;
}

constexpr std::string_view kAddressKinds[] = {"home", "work", "billing", "shipping", "other"};

}  // namespace

VCardPerson PersonFromVCard(const vcard::Card& card) {
  VCardPerson out;
  bj::object& p = out.person;
  if (const vcard::Property* n = card.First("N"); n != nullptr && !(n->Component(0).empty() && n->Component(1).empty())) {
    if (!n->Component(1).empty()) p["first_name"] = n->Component(1);
    if (!n->Component(0).empty()) p["last_name"] = n->Component(0);
  } else if (const vcard::Property* fn = card.First("FN"); fn != nullptr && !fn->Component(0).empty()) {
    std::string_view full = fn->Component(0);
    const std::size_t space = full.rfind(' ');
    if (space == std::string_view::npos) {
      p["last_name"] = full;
    } else {
      p["first_name"] = full.substr(0, space);
      p["last_name"] = full.substr(space + 1);
    }
  }
  auto primary_and_further = [&](std::string_view property, const char* primary, const char* further) {
    std::vector<std::string> values = Values(card, property);
    if (values.empty()) return;
    p[primary] = values[0];
    if (values.size() > 1) {
      bj::array rest;
      for (std::size_t i = 1; i < values.size(); ++i) rest.emplace_back(values[i]);
      p[further] = std::move(rest);
    }
  };
  primary_and_further("EMAIL", "email", "emails");
  primary_and_further("TEL", "phone", "phones");
  if (const vcard::Property* bday = card.First("BDAY"); bday != nullptr) {
    if (auto date = Birthday(bday->Component(0))) {
      p["birthday"] = *date;
    } else {
      out.ignored.push_back(fmt::format("BDAY {} (a birthday needs a year)", bday->Component(0)));
    }
  }
  if (const vcard::Property* title = card.First("TITLE"); title != nullptr && !title->Component(0).empty()) {
    p["job_title"] = title->Component(0);
  }
  if (const vcard::Property* org = card.First("ORG"); org != nullptr) out.organization = org->Component(0);
  if (const vcard::Property* uid = card.First("UID"); uid != nullptr) out.uid = uid->Component(0);
  for (const vcard::Property* adr : card.All("ADR")) {
    bj::object a;
    std::string kind = "other";
    for (const std::string& t : adr->Types()) {
      if (std::find(std::begin(kAddressKinds), std::end(kAddressKinds), t) != std::end(kAddressKinds)) kind = t;
    }
    a["kind"] = kind;
    // ADR: post office box; extended address; street; locality; region; postal code; country.
    const char* fields[] = {nullptr, "extended", "street", "city", "region", "postal_code", "country"};
    bool any = false;
    for (std::size_t i = 1; i < std::size(fields); ++i) {
      std::string_view v = adr->Component(i);
      if (i == 1 && v.empty()) v = adr->Component(0);  // a P.O. box where there is no extended line
      if (v.empty()) continue;
      a[fields[i]] = v;
      any = true;
    }
    if (any) out.addresses.push_back(std::move(a));
  }
  return out;
}

std::string PersonToVCard(const bj::object& person, std::string_view organization,
                          const std::vector<bj::object>& addresses) {
  vcard::Writer w;
  w.Begin();
  const std::string_view first = Text(person, "first_name"), last = Text(person, "last_name");
  std::string full = std::string(first) + (first.empty() || last.empty() ? "" : " ") + std::string(last);
  // FN is required by RFC 6350: a person without a name is named by the email.
  if (full.empty()) full = Text(person, "email");
  w.Text("FN", full.empty() ? "(no name)" : full);
  w.Structured("N", {std::string(last), std::string(first), "", "", ""});
  if (const bj::value* id = person.if_contains("id"); id != nullptr && id->is_int64()) {
    w.Text("UID", fmt::format("urn:rapport:person:{}", id->get_int64()));
  }
  w.Text("EMAIL", Text(person, "email"), "PREF=1");
  for (const std::string& e : List(person, "emails")) w.Text("EMAIL", e);
  w.Text("TEL", Text(person, "phone"), "PREF=1");
  for (const std::string& t : List(person, "phones")) w.Text("TEL", t);
  w.Text("BDAY", Text(person, "birthday"));
  w.Text("TITLE", Text(person, "job_title"));
  w.Text("ORG", organization);
  for (const bj::object& a : addresses) {
    const std::string kind(Text(a, "kind"));
    w.Structured("ADR",
                 {"", std::string(Text(a, "extended")), std::string(Text(a, "street")), std::string(Text(a, "city")),
                  std::string(Text(a, "region")), std::string(Text(a, "postal_code")), std::string(Text(a, "country"))},
                 kind.empty() || kind == "other" ? "" : "TYPE=" + kind);
  }
  w.End();
  return w.Take();
}

}  // namespace rapport::domain
