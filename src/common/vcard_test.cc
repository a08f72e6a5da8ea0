#include "common/vcard.h"

#include <gtest/gtest.h>

#include <sstream>

namespace rapport::vcard {
namespace {

std::vector<Card> ReadAll(const std::string& text, std::vector<std::string>* errors = nullptr) {
  std::istringstream in(text);
  Reader reader(in);
  std::vector<Card> cards;
  while (true) {
    auto card = reader.Next();
    if (!card.ok()) {
      if (errors != nullptr) errors->push_back(card.error().message);
      continue;
    }
    if (!*card) break;
    cards.push_back(std::move(**card));
  }
  return cards;
}

TEST(VCardTest, ReadsVersion4WithFoldingEscapesAndStructuredValues) {
  const std::string text =
      "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Müller\r\nN:Müller;Zoë;Anna,Maria;Dr.;\r\n"
      "EMAIL;TYPE=work;PREF=1:zoe@example.com\r\nTEL;TYPE=\"voice,cell\";VALUE=uri:tel:+49-30-1234567\r\n"
      "ADR;TYPE=home:;;Hauptstraße 1\\, Hinterhaus;Berlin;;10115;Germany\r\n"
      "NOTE:line one\\nline two\\; with semicolon and \\\\ backslash\r\n"
      "item1.ORG:Nordlicht GmbH;Research\r\nTITLE:Head of long titles that go on and on and on past seventy-fi\r\n"
      " ve octets\r\nEND:VCARD\r\n";
  auto cards = ReadAll(text);
  ASSERT_EQ(cards.size(), 1u);
  const Card& c = cards[0];
  EXPECT_EQ(c.version, "4.0");
  EXPECT_EQ(c.First("FN")->Component(0), "Zoë Müller");
  const Property* n = c.First("N");
  EXPECT_EQ(n->Component(0), "Müller");
  EXPECT_EQ(n->Component(1), "Zoë");
  EXPECT_EQ(n->components[2], (std::vector<std::string>{"Anna", "Maria"}));
  EXPECT_EQ(c.First("EMAIL")->Types(), (std::vector<std::string>{"work"}));
  EXPECT_EQ(c.First("TEL")->Types(), (std::vector<std::string>{"voice", "cell"}));
  EXPECT_EQ(c.First("TEL")->Component(0), "tel:+49-30-1234567");
  EXPECT_EQ(c.First("ADR")->Component(2), "Hauptstraße 1, Hinterhaus");
  EXPECT_EQ(c.First("ADR")->Component(5), "10115");
  EXPECT_EQ(c.First("NOTE")->Component(0), "line one\nline two; with semicolon and \\ backslash");
  EXPECT_EQ(c.First("ORG")->Component(0), "Nordlicht GmbH");
  EXPECT_EQ(c.First("TITLE")->Component(0), "Head of long titles that go on and on and on past seventy-five octets");
}

TEST(VCardTest, ReadsVersion3BareTypesAndSeveralCards) {
  const std::string text =
      "BEGIN:VCARD\nVERSION:3.0\nN:Doe;John;;;\nFN:John Doe\nTEL;WORK;VOICE:(111) 555-1212\n"
      "EMAIL;type=INTERNET;type=HOME:john@example.com\nBDAY:1970-04-01\nEND:VCARD\n\n"
      "begin:vcard\nversion:3.0\nfn:Jane\nend:vcard\n";
  auto cards = ReadAll(text);
  ASSERT_EQ(cards.size(), 2u);
  EXPECT_EQ(cards[0].First("TEL")->Types(), (std::vector<std::string>{"work", "voice"}));
  EXPECT_EQ(cards[0].First("EMAIL")->Types(), (std::vector<std::string>{"internet", "home"}));
  EXPECT_EQ(cards[0].First("BDAY")->Component(0), "1970-04-01");
  EXPECT_EQ(cards[1].First("FN")->Component(0), "Jane");
}

TEST(VCardTest, BadCardsAreReportedAndReadingGoesOn) {
  const std::string text =
      "BEGIN:VCARD\nVERSION:2.1\nFN:Old\nEND:VCARD\n"
      "BEGIN:VCARD\nVERSION:4.0\nthis line has no colon\nEND:VCARD\n"
      "hello\n"
      "BEGIN:VCARD\nVERSION:4.0\nFN:Good\nEND:VCARD\n"
      "BEGIN:VCARD\nVERSION:4.0\nFN:\xff\xfe\nEND:VCARD\n"
      "BEGIN:VCARD\nVERSION:4.0\nFN:Cut short\n";
  std::vector<std::string> errors;
  auto cards = ReadAll(text, &errors);
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0].First("FN")->Component(0), "Good");
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0], "line 1: VERSION 2.1 is not read (4.0 and 3.0 are)");
  EXPECT_EQ(errors[1], "line 5: \"this line has no colon\" has no ':' before its value");
  EXPECT_EQ(errors[2], "line 9: expected BEGIN:VCARD");
  EXPECT_EQ(errors[3], "line 14: the card is not valid UTF-8");
  EXPECT_EQ(errors[4], "line 18: the card that begins here has no END:VCARD");
}

TEST(VCardTest, WriterEscapesAndFoldsAndTheReaderReadsItBack) {
  Writer w;
  w.Begin();
  w.Text("FN", "Zoë Müller-Łukasiewicz, the Second; Esq.");
  w.Structured("N", {"Müller-Łukasiewicz", "Zoë", "", "", ""});
  w.Text("NOTE", std::string(40, 'x') + "ééééééééééééééééééééééééééééééééééééé\nnext");
  w.Text("TITLE", "");  // empty: not written
  w.End();
  const std::string text = w.text();
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    start = end + 2;
  }
  EXPECT_EQ(text.find("TITLE"), std::string::npos);
  auto cards = ReadAll(text);
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0].First("FN")->Component(0), "Zoë Müller-Łukasiewicz, the Second; Esq.");
  EXPECT_EQ(cards[0].First("N")->Component(0), "Müller-Łukasiewicz");
  EXPECT_EQ(cards[0].First("NOTE")->Component(0), std::string(40, 'x') + "ééééééééééééééééééééééééééééééééééééé\nnext");
}

}  // namespace
}  // namespace rapport::vcard
