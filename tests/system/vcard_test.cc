// vCards through `rapport import` and `rapport export` as a user runs them: a round trip (export,
// import into another database, export again) keeps names, emails, phones, addresses, birthday and
// organization; importing the same cards again changes nothing; a bad card is reported by its line.
// On SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <string>

#include "tests/support/cli_run.h"

namespace rapport::testing {
namespace {

// Two people as another program exports them (3.0 and 4.0, folded, escaped), and one bad card.
constexpr const char* kCards =
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Müller-Łukasiewicz\r\nN:Müller-Łukasiewicz;Zoë;;;\r\n"
    "EMAIL;PREF=1:zoe@nordlicht.example\r\nEMAIL;TYPE=home:zoe@private.example\r\n"
    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+49 170 1234567\r\nTEL:+49 30 7654321\r\nBDAY:19880229\r\n"
    "TITLE:Head of Research\\, Berlin\r\nORG:Nordlicht GmbH;Research\r\n"
    "ADR;TYPE=work:;3. OG;Hauptstraße 1;Berlin;BE;10115;DE\r\n"
    "ADR;TYPE=home:;;Kastanienallee 7;Berlin;;10435;DE\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\nVERSION:3.0\nN:Doe;John;;;\nFN:John Doe\nEMAIL;TYPE=INTERNET,PREF:john@acme.example\n"
    "TEL;WORK;VOICE:+1 555 0100\nORG:Acme Inc.\nADR;TYPE=WORK:;;1 Main St;Springfield;IL;62701;US\n"
    "BDAY:1970-04-01\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:2.1\nFN:Old Style\nEND:VCARD\n";

std::string WithoutUids(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (!line.starts_with("UID:")) out += line + "\n";
    start = end + 2;
  }
  return out;
}

void RoundTrip(TestDatabase::Kind kind) {
  TestDatabase a(kind), b(kind);
  TempDir tmp;
  const std::string cards = tmp.path() + "/contacts.vcf";
  WriteFile(cards, kCards);

  CommandRun imported = RunRapport(a, tmp, {"import", "people", cards});
  EXPECT_EQ(imported.status, 2) << imported.output;  // the 2.1 card is reported
  EXPECT_NE(imported.output.find("3 rows"), std::string::npos) << imported.output;
  EXPECT_NE(imported.output.find("2 created, 0 updated, 0 unchanged, 1 failed"), std::string::npos) << imported.output;
  EXPECT_NE(imported.output.find("2 organization created for links by name"), std::string::npos) << imported.output;
  EXPECT_NE(imported.output.find("25,,line 25: VERSION 2.1 is not read (4.0 and 3.0 are)"), std::string::npos)
      << imported.output;

  const std::string exported_a = tmp.path() + "/a.vcf";
  CommandRun export_a = RunRapport(a, tmp, {"export", "people", "--format", "vcard", "--sort", "email", "-o", exported_a});
  ASSERT_EQ(export_a.status, 0) << export_a.output;
  const std::string text = ReadFile(exported_a);
  for (const char* line : {"FN:Zoë Müller-Łukasiewicz\r\n", "N:Müller-Łukasiewicz;Zoë;;;\r\n",
                           "EMAIL;PREF=1:zoe@nordlicht.example\r\n", "EMAIL:zoe@private.example\r\n",
                           "TEL;PREF=1:+49 170 1234567\r\n", "TEL:+49 30 7654321\r\n", "BDAY:1988-02-29\r\n",
                           "TITLE:Head of Research\\, Berlin\r\n", "ORG:Nordlicht GmbH\r\n",
                           "ADR;TYPE=work:;3. OG;Hauptstraße 1;Berlin;BE;10115;DE\r\n",
                           "ADR;TYPE=home:;;Kastanienallee 7;Berlin;;10435;DE\r\n", "FN:John Doe\r\n",
                           "EMAIL;PREF=1:john@acme.example\r\n", "TEL;PREF=1:+1 555 0100\r\n", "ORG:Acme Inc.\r\n",
                           "ADR;TYPE=work:;;1 Main St;Springfield;IL;62701;US\r\n", "BDAY:1970-04-01\r\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << "missing " << line << " in\n" << text;
  }

  CommandRun import_b = RunRapport(b, tmp, {"import", "people", exported_a});
  EXPECT_EQ(import_b.status, 0) << import_b.output;
  const std::string exported_b = tmp.path() + "/b.vcf";
  CommandRun export_b = RunRapport(b, tmp, {"export", "people", "--format", "vcard", "--sort", "email", "-o", exported_b});
  ASSERT_EQ(export_b.status, 0) << export_b.output;
  EXPECT_EQ(WithoutUids(ReadFile(exported_b)), WithoutUids(text));

  // The same cards again: matched by email, nothing new, no address twice.
  CommandRun again = RunRapport(b, tmp, {"import", "people", exported_a});
  EXPECT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("0 created, 0 updated, 2 unchanged, 0 failed"), std::string::npos) << again.output;
}

TEST(VCardTest, RoundTripOnSqlite) { RoundTrip(TestDatabase::Kind::kSqlite); }

TEST(VCardTest, RoundTripOnPostgres) {
  if (TestDatabase::PostgresAdminUrl().empty()) GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
  RoundTrip(TestDatabase::Kind::kPostgres);
}

}  // namespace
}  // namespace rapport::testing
