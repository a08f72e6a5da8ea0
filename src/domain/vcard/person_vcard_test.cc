#include "domain/vcard/person_vcard.h"

#include <gtest/gtest.h>

#include <sstream>

namespace rapport::domain {
namespace {

namespace bj = boost::json;

vcard::Card ReadOne(const std::string& text) {
  std::istringstream in(text);
  vcard::Reader reader(in);
  auto card = reader.Next();
  EXPECT_TRUE(card.ok()) << card.error().message;
  EXPECT_TRUE(card.ok() && card->has_value());
  return card.ok() && card->has_value() ? std::move(**card) : vcard::Card{};
}

TEST(PersonVCardTest, RoundTripKeepsNamesEmailsPhonesAddressesBirthdayAndOrganization) {
  const bj::object person = bj::parse(R"({"id": 7, "first_name": "Zoë", "last_name": "Müller-Łukasiewicz",
      "email": "zoe@example.com", "emails": ["z.m@private.example", "zoe@old.example"], "phone": "+49 30 1234567",
      "phones": ["+49 170 7654321"], "birthday": "1988-02-29", "job_title": "CTO; co-founder"})").as_object();
  const std::vector<bj::object> addresses = {
      bj::parse(R"({"kind": "work", "street": "Hauptstraße 1, Hinterhaus", "extended": "3. OG", "city": "Berlin",
                    "postal_code": "10115", "region": "Berlin", "country": "Germany"})").as_object(),
      bj::parse(R"({"kind": "home", "street": "Rue de Rivoli 5", "city": "Paris", "postal_code": "75001",
                    "region": null, "country": "France", "extended": null})").as_object()};
  const std::string text = PersonToVCard(person, "Nordlicht GmbH; Berlin", addresses);
  VCardPerson back = PersonFromVCard(ReadOne(text));
  EXPECT_EQ(back.person, bj::parse(R"({"first_name": "Zoë", "last_name": "Müller-Łukasiewicz",
      "email": "zoe@example.com", "emails": ["z.m@private.example", "zoe@old.example"], "phone": "+49 30 1234567",
      "phones": ["+49 170 7654321"], "birthday": "1988-02-29", "job_title": "CTO; co-founder"})").as_object());
  EXPECT_EQ(back.organization, "Nordlicht GmbH; Berlin");
  EXPECT_EQ(back.uid, "urn:rapport:person:7");
  ASSERT_EQ(back.addresses.size(), 2u);
  EXPECT_EQ(back.addresses[0], bj::parse(R"({"kind": "work", "extended": "3. OG", "street": "Hauptstraße 1, Hinterhaus",
      "city": "Berlin", "region": "Berlin", "postal_code": "10115", "country": "Germany"})").as_object());
  EXPECT_EQ(back.addresses[1], bj::parse(R"({"kind": "home", "street": "Rue de Rivoli 5", "city": "Paris",
      "postal_code": "75001", "country": "France"})").as_object());
}

TEST(PersonVCardTest, ReadsAVersion3ExportOfAnotherProgram) {
  VCardPerson p = PersonFromVCard(ReadOne(
      "BEGIN:VCARD\nVERSION:3.0\nFN:John Q. Public\nEMAIL;TYPE=INTERNET:john@home.example\n"
      "EMAIL;TYPE=INTERNET,PREF:john@work.example\nTEL;TYPE=CELL:+1 555 0100\nBDAY:19700401\n"
      "ADR;TYPE=WORK:PO Box 12;;1 Main St;Springfield;IL;62701;USA\nORG:Acme Inc.;Sales\nEND:VCARD\n"));
  EXPECT_EQ(p.person, bj::parse(R"({"first_name": "John Q.", "last_name": "Public", "email": "john@work.example",
      "emails": ["john@home.example"], "phone": "+1 555 0100", "birthday": "1970-04-01"})").as_object());
  EXPECT_EQ(p.organization, "Acme Inc.");
  ASSERT_EQ(p.addresses.size(), 1u);
  EXPECT_EQ(p.addresses[0].at("extended"), "PO Box 12");
  EXPECT_EQ(p.addresses[0].at("kind"), "work");
}

TEST(PersonVCardTest, ABirthdayWithoutAYearIsReportedNotGuessed) {
  VCardPerson p = PersonFromVCard(ReadOne("BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nBDAY:--0412\nEND:VCARD\n"));
  EXPECT_FALSE(p.person.contains("birthday"));
  ASSERT_EQ(p.ignored.size(), 1u);
  EXPECT_EQ(p.ignored[0], "BDAY --0412 (a birthday needs a year)");
  EXPECT_EQ(p.person.at("last_name"), "Ann");
}

}  // namespace
}  // namespace rapport::domain
