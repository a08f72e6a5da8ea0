#include "meta/registry.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "meta/object_def_json.h"
#include "meta/registry_holder.h"

namespace rapport::meta {
namespace {

ObjectDef Object(std::string name, std::string table, std::vector<FieldDef> fields) {
  ObjectDef o;
  o.name = std::move(name);
  o.table = std::move(table);
  o.fields = std::move(fields);
  return o;
}

FieldDef Field(std::string name, FieldType type) {
  FieldDef f;
  f.name = std::move(name);
  f.type = type;
  return f;
}

// The problems of a failed Build as "path: problem" lines, or "ok".
std::string Problems(std::vector<ObjectDef> objects) {
  auto built = Registry::Build(std::move(objects), 1);
  if (built.ok()) return "ok";
  EXPECT_EQ(built.error().code, ErrorCode::kInvalidArgument);
  std::string out;
  for (const FieldError& e : built.error().fields) out += e.field + ": " + e.problem + "\n";
  return out;
}

std::vector<ObjectDef> CompanyAndPerson() {
  FieldDef stage = Field("stage", FieldType::kEnum);
  stage.options = {"lead", "customer"};
  stage.default_value = boost::json::value("lead");
  FieldDef employer = Field("employer", FieldType::kLink);
  employer.target = "company";
  return {Object("company", "companies", {Field("name", FieldType::kText)}),
          Object("person", "people", {Field("first_name", FieldType::kText), stage, employer})};
}

TEST(RegistryTest, BuildsAndLooksUpObjectsAndFields) {
  auto built = Registry::Build(CompanyAndPerson(), 7);
  ASSERT_TRUE(built.ok()) << built.error().message;
  const Registry& registry = **built;
  EXPECT_EQ(registry.version(), 7);
  EXPECT_EQ(registry.objects().size(), 2u);
  const ObjectDef* person = registry.FindObject("person");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->table, "people");
  EXPECT_EQ(person->label, "Person");          // derived from the name
  EXPECT_EQ(person->plural_label, "Persons");  // label + "s" unless given
  const FieldDef* first = registry.FindField("person", "first_name");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->label, "First name");
  EXPECT_EQ(registry.FindField("person", "employer")->target, "company");
  EXPECT_EQ(registry.FindObject("deal"), nullptr);
  EXPECT_EQ(registry.FindField("person", "nickname"), nullptr);
  EXPECT_EQ(registry.FindField("deal", "name"), nullptr);
}

TEST(RegistryTest, RejectsBadNames) {
  EXPECT_EQ(Problems({Object("Tag", "tags", {})}), "objects[0].object: must match [a-z][a-z0-9_]{0,40}\n");
  EXPECT_EQ(Problems({Object("tag", "tags", {Field("1st", FieldType::kText)})}),
            "tag.fields[0].name: must match [a-z][a-z0-9_]{0,40}\n");
  EXPECT_EQ(Problems({Object("tag", "tags", {Field(std::string(42, 'a'), FieldType::kText)})}),
            "tag.fields[0].name: must match [a-z][a-z0-9_]{0,40}\n");
  EXPECT_EQ(Problems({Object("tag", "tags", {Field(std::string(41, 'a'), FieldType::kText)})}), "ok");
  EXPECT_EQ(Problems({Object("tag", "Tags; DROP", {})}), "tag.table: must match [a-z][a-z0-9_]{0,62}\n");
  EXPECT_EQ(Problems({Object("tag", "tags", {Field("created_at", FieldType::kDatetime)})}),
            "tag.fields[0].name: 'created_at' is reserved for a system column\n");
}

TEST(RegistryTest, RejectsRepeatsAndColumnClashes) {
  EXPECT_EQ(Problems({Object("tag", "tags", {}), Object("tag", "tags2", {})}),
            "objects[1].object: repeats the object 'tag'\n");
  EXPECT_EQ(Problems({Object("tag", "tags", {}), Object("label", "tags", {})}),
            "objects[1].table: repeats the table 'tags'\n");
  EXPECT_EQ(Problems({Object("tag", "tags", {Field("name", FieldType::kText), Field("name", FieldType::kInt)})}),
            "tag.fields[1].name: repeats the field 'name'\n");
  FieldDef owner = Field("owner", FieldType::kLink);
  owner.target = "tag";
  EXPECT_EQ(Problems({Object("tag", "tags", {Field("owner_id", FieldType::kInt), owner})}),
            "tag.fields[1].name: its column 'owner_id' clashes with field 'owner_id'\n");
}

TEST(RegistryTest, RejectsParametersTheTypeDoesNotTake) {
  FieldDef count = Field("count", FieldType::kInt);
  count.max_length = 5;
  FieldDef name = Field("name", FieldType::kText);
  name.options = {"a"};
  name.target = "tag";
  FieldDef notes = Field("notes", FieldType::kLongText);
  notes.unique = true;
  FieldDef when = Field("when", FieldType::kDate);
  when.min = 1;
  EXPECT_EQ(Problems({Object("tag", "tags", {count, name, notes, when})}),
            "tag.fields[0].max_length: does not apply to int fields\n"
            "tag.fields[1].options: does not apply to text fields\n"
            "tag.fields[1].target: does not apply to text fields\n"
            "tag.fields[2].unique: does not apply to long_text fields\n"
            "tag.fields[3].min: does not apply to date fields\n");
}

TEST(RegistryTest, RejectsEnumsWithoutOptionsAndLinksToUnknownObjects) {
  FieldDef stage = Field("stage", FieldType::kEnum);
  FieldDef labels = Field("labels", FieldType::kMultiEnum);
  labels.options = {"a", "", "a"};
  FieldDef owner = Field("owner", FieldType::kLink);
  owner.target = "user";
  FieldDef friends = Field("friends", FieldType::kLinkMany);
  EXPECT_EQ(Problems({Object("tag", "tags", {stage, labels, owner, friends})}),
            "tag.fields[0].options: enum fields need at least one option\n"
            "tag.fields[1].options[1]: must be 1 to 100 characters without NUL\n"
            "tag.fields[1].options[2]: repeats 'a'\n"
            "tag.fields[2].target: unknown object 'user'\n"
            "tag.fields[3].target: link_many fields need a target object\n");
}

TEST(RegistryTest, RejectsBadBoundsAndDefaults) {
  FieldDef count = Field("count", FieldType::kInt);
  count.min = 10;
  count.max = 1.5;
  FieldDef stage = Field("stage", FieldType::kEnum);
  stage.options = {"a", "b"};
  stage.default_value = boost::json::value("c");
  FieldDef name = Field("name", FieldType::kText);
  name.max_length = 0;
  FieldDef parent = Field("parent", FieldType::kLink);
  parent.target = "tag";
  parent.default_value = boost::json::value(1);
  EXPECT_EQ(Problems({Object("tag", "tags", {count, stage, name, parent})}),
            "tag.fields[0].max: must be an integer between -2^53 and 2^53\n"
            "tag.fields[0].max: must not be less than min\n"
            "tag.fields[1].default: must be one of: a, b\n"
            "tag.fields[2].max_length: must be between 1 and 1000000\n"
            "tag.fields[3].default: does not apply to link fields\n");
}

TEST(RegistryTest, CustomObjectsUseCoTablesAndCustomFields) {
  ObjectDef project = Object("project", "projects", {Field("name", FieldType::kText)});
  project.origin = Origin::kCustom;
  EXPECT_EQ(Problems({project}),
            "project.table: must be co_project for a custom object\n"
            "project.fields[0]: a custom object has only custom fields\n");
  project.table = "co_project";
  project.fields[0].origin = Origin::kCustom;
  EXPECT_EQ(Problems({project}), "ok");
}

TEST(RegistryTest, BuildsFromTheBuiltinObjects) {
  auto builtin = BuiltinObjects();
  ASSERT_TRUE(builtin.ok()) << builtin.error().message;
  auto registry = Registry::Build(std::move(*builtin), 1);
  ASSERT_TRUE(registry.ok()) << registry.error().message;
  const ObjectDef* tag = (*registry)->FindObject("tag");
  ASSERT_NE(tag, nullptr);
  EXPECT_EQ(tag->table, "tags");
}

TEST(RegistryHolderTest, ReadersSeeTheSwappedSnapshot) {
  auto first = Registry::Build(CompanyAndPerson(), 1);
  auto second = Registry::Build(CompanyAndPerson(), 2);
  ASSERT_TRUE(first.ok() && second.ok());
  RegistryHolder holder(*first);
  std::shared_ptr<const Registry> held = holder.Get();
  EXPECT_EQ(held->version(), 1);

  // A reader thread spins until it sees version 2; it must never see anything but 1 or 2.
  std::atomic<bool> saw_other{false};
  std::thread reader([&] {
    for (;;) {
      std::int64_t v = holder.Get()->version();
      if (v != 1 && v != 2) saw_other = true;
      if (v == 2) return;
    }
  });
  holder.Swap(*second);
  reader.join();
  EXPECT_FALSE(saw_other);
  EXPECT_EQ(holder.Get()->version(), 2);
  // The snapshot taken before the swap is untouched and still usable.
  EXPECT_EQ(held->version(), 1);
  EXPECT_NE(held->FindObject("person"), nullptr);
}

}  // namespace
}  // namespace rapport::meta
