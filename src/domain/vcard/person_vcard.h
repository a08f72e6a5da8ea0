// A person as a vCard (RFC 6350) and back: names, emails, phones, birthday, job title, the
// organization's name, addresses and a note. Pure functions over the record pipeline's JSON.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/vcard.h"

namespace rapport::domain {

// What a card says about a person, in the fields of the built-in objects.
struct VCardPerson {
  boost::json::object person;              // first_name, last_name, email, emails, phone, phones, birthday, job_title
  std::string organization;                // ORG: the organization's name; empty when none
  std::vector<boost::json::object> addresses;  // kind, street, extended, city, postal_code, region, country
  std::string uid;                         // UID, for matching on a later import; empty when none
  std::vector<std::string> ignored;        // what was not taken (a birthday without a year), for the report
};

// The person of `card`. The preferred email (PREF=1, else the first) is the primary one, the others
// further ones; phones alike (a tel: URI becomes its number). N gives the names, else FN is split
// at its last space.
VCardPerson PersonFromVCard(const vcard::Card& card);

// The vCard 4.0 text of `person` (as the API renders it), with its organization's name and its
// addresses (address records as the API renders them).
std::string PersonToVCard(const boost::json::object& person, std::string_view organization,
                          const std::vector<boost::json::object>& addresses);

}  // namespace rapport::domain
