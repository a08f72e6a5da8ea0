#include "domain/import/column_mapping.h"

#include <gtest/gtest.h>

#include "meta/object_def_json.h"
#include "meta/registry.h"

namespace rapport::domain {
namespace {

// The built-in objects, as the server loads them.
const meta::Registry& Builtins() {
  static const std::shared_ptr<const meta::Registry> registry = [] {
    auto objects = meta::BuiltinObjects();
    EXPECT_TRUE(objects.ok());
    auto built = meta::Registry::Build(std::move(*objects), 1);
    EXPECT_TRUE(built.ok()) << (built.ok() ? "" : built.error().message);
    return std::move(*built);
  }();
  return *registry;
}

const meta::ObjectDef& Person() { return *Builtins().FindObject("person"); }
const meta::ObjectDef& Organization() { return *Builtins().FindObject("organization"); }

// "header>field" per column ("header>" when ignored).
std::string Mapped(const meta::ObjectDef& object, std::vector<std::string> headers, const ExplicitMapping& given = {}) {
  auto mapping = MapColumns(object, headers, given);
  if (!mapping.ok()) return "error: " + mapping.error().message;
  std::string out;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    out += (i ? " " : "") + mapping->headers[i] + ">" + mapping->fields[i];
  }
  return out;
}

TEST(ColumnMappingTest, HeaderKeysIgnoreCaseAccentsSpacesAndPunctuation) {
  EXPECT_EQ(HeaderKey("First Name"), "firstname");
  EXPECT_EQ(HeaderKey("first_name"), "firstname");
  EXPECT_EQ(HeaderKey("  E-Mail "), "email");
  EXPECT_EQ(HeaderKey("Prénom"), "prenom");
}

TEST(ColumnMappingTest, FieldNamesAndLabels) {
  EXPECT_EQ(SuggestField(Person(), "first_name"), "first_name");
  EXPECT_EQ(SuggestField(Person(), "LAST NAME"), "last_name");
  EXPECT_EQ(SuggestField(Person(), "Account manager"), "owner");  // the label
  EXPECT_EQ(SuggestField(Person(), "Keep in touch every (days)"), "touch_cadence_days");
  EXPECT_EQ(SuggestField(Person(), "Further emails"), "emails");
  EXPECT_EQ(SuggestField(Person(), "Birthday (MMDD)"), "");  // read-only
  EXPECT_EQ(SuggestField(Person(), "Shoe size"), "");
}

TEST(ColumnMappingTest, HubSpotHeaders) {
  EXPECT_EQ(Mapped(Person(), {"First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number",
                              "Company Name", "Job Title", "Lifecycle Stage", "Record ID", "Lead Status"}),
            "First Name>first_name Last Name>last_name Email>email Phone Number>phone Mobile Phone Number>phones "
            "Company Name>organization Job Title>job_title Lifecycle Stage>lifecycle_stage Record ID>external_id "
            "Lead Status>");
  EXPECT_EQ(Mapped(Organization(), {"Company Name", "Company Domain Name", "Website URL", "Industry", "Type",
                                    "Number of Employees"}),
            "Company Name>name Company Domain Name>domain Website URL>website Industry>industry Type>kind "
            "Number of Employees>size");
}

TEST(ColumnMappingTest, SalesforceHeaders) {
  EXPECT_EQ(Mapped(Person(), {"Id", "FirstName", "LastName", "Email", "Phone", "MobilePhone", "Title", "Birthdate",
                              "AccountName", "LeadSource", "MailingStreet"}),
            "Id>external_id FirstName>first_name LastName>last_name Email>email Phone>phone MobilePhone>phones "
            "Title>job_title Birthdate>birthday AccountName>organization LeadSource>source MailingStreet>");
}

TEST(ColumnMappingTest, PipedriveTwentyAndEspoCrmHeaders) {
  EXPECT_EQ(Mapped(Person(), {"Person - Name", "Person - First name", "Person - Email - Work", "Person - Phone - Work",
                              "Person - Labels", "Organization"}),
            "Person - Name> Person - First name>first_name Person - Email - Work>email "
            "Person - Phone - Work>phone Person - Labels>tags Organization>organization");
  EXPECT_EQ(Mapped(Person(), {"Name First Name", "Name Last Name", "Emails Primary Email", "Phones Primary Phone Number",
                              "Company"}),
            "Name First Name>first_name Name Last Name>last_name Emails Primary Email>email "
            "Phones Primary Phone Number>phone Company>organization");
  EXPECT_EQ(Mapped(Person(), {"firstName", "lastName", "emailAddress", "phoneNumber", "accountName", "title"}),
            "firstName>first_name lastName>last_name emailAddress>email phoneNumber>phone accountName>organization "
            "title>job_title");
}

TEST(ColumnMappingTest, CommonHeaders) {
  EXPECT_EQ(Mapped(Person(), {"E-mail", "Mobile", "Birthday", "Tags", "E-mail 2", "Home Phone"}),
            "E-mail>email Mobile>phone Birthday>birthday Tags>tags E-mail 2>emails Home Phone>phones");
  // A field fed by one column is not fed by a second; a list field is fed by several.
  EXPECT_EQ(Mapped(Person(), {"Email", "E-mail", "Tags", "Labels"}), "Email>email E-mail>emails Tags>tags Labels>tags");
}

TEST(ColumnMappingTest, AnExplicitMappingWins) {
  EXPECT_EQ(Mapped(Person(), {"Mail", "Notes", "Company"}, {{"Notes", "job_title"}, {"Company", ""}}),
            "Mail>email Notes>job_title Company>");
  EXPECT_EQ(Mapped(Person(), {"Email", "Work"}, {{"Work", "email"}}), "Email>emails Work>email");
}

TEST(ColumnMappingTest, ABadExplicitMappingIsRefused) {
  auto unknown = MapColumns(Person(), std::vector<std::string>{"A", "B"}, {{"A", "shoe_size"}, {"C", "email"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(unknown.error().fields.size(), 2u);
  EXPECT_EQ(unknown.error().fields[0].field, "map");
  EXPECT_EQ(unknown.error().fields[0].problem, "'A=shoe_size': shoe_size is not a field of person");
  EXPECT_EQ(unknown.error().fields[1].problem, "'C': the file has no column of that header");
  auto read_only = MapColumns(Person(), std::vector<std::string>{"A"}, {{"A", "last_touch_at"}});
  ASSERT_FALSE(read_only.ok());
  EXPECT_EQ(read_only.error().fields[0].problem, "'A=last_touch_at': last_touch_at is read-only");
  auto twice = MapColumns(Person(), std::vector<std::string>{"A", "B"}, {{"A", "email"}, {"B", "email"}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().fields[0].problem, "'B=email': another column feeds email already");
}

TEST(ColumnMappingTest, ParsesTheMapOption) {
  auto parsed = ParseMapping(" First Name = first_name,E-Mail=email ,Notes=,,a=b=c");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, (ExplicitMapping{{"First Name", "first_name"}, {"E-Mail", "email"}, {"Notes", ""}, {"a=b", "c"}}));
  EXPECT_FALSE(ParseMapping("Email").ok());
}

TEST(ColumnMappingTest, ReportsIgnoredColumnsInFileOrder) {
  auto mapping = MapColumns(Person(), std::vector<std::string>{"Notes", "Email", "Lead Status"}, {});
  ASSERT_TRUE(mapping.ok());
  EXPECT_EQ(mapping->ignored, (std::vector<std::string>{"Notes", "Lead Status"}));
}

TEST(ColumnMappingTest, ACustomFieldIsMappableByItsNameAndLabel) {
  meta::ObjectDef person = Person();
  meta::FieldDef region;
  region.name = "region";
  region.type = meta::FieldType::kText;
  region.label = "Sales Region";
  region.origin = meta::Origin::kCustom;
  person.fields.push_back(region);
  EXPECT_EQ(SuggestField(person, "Region"), "region");
  EXPECT_EQ(SuggestField(person, "sales region"), "region");
}

}  // namespace
}  // namespace rapport::domain
