#include "domain/tag/tag_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "store/migrations.h"
#include "store/outbox.h"
#include "tests/support/test_database.h"

namespace rapport::domain {
namespace {

constexpr Micros kStart = 1'700'000'000'000'000;

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The problems as "field: problem" lines, to compare in one go.
std::string Problems(NewTag tag) {
  std::string out;
  for (const FieldError& e : ValidateTag(tag)) out += e.field + ": " + e.problem + "\n";
  return out;
}

TEST(ValidateTagTest, TrimsTheNameAndLowerCasesTheColor) {
  NewTag tag{" \t Urgent \r\n", "#AbCdEf", std::nullopt};
  EXPECT_TRUE(ValidateTag(tag).empty());
  EXPECT_EQ(tag.name, "Urgent");
  EXPECT_EQ(tag.color, "#abcdef");
  EXPECT_FALSE(tag.description.has_value());
}

TEST(ValidateTagTest, RejectsAnEmptyName) {
  EXPECT_EQ(Problems({"", std::nullopt, std::nullopt}), "name: is required\n");
  EXPECT_EQ(Problems({" \t\r\n ", std::nullopt, std::nullopt}), "name: is required\n");
}

TEST(ValidateTagTest, CountsTheNameInCodePoints) {
  EXPECT_EQ(Problems({Repeat("a", 64), std::nullopt, std::nullopt}), "");
  EXPECT_EQ(Problems({Repeat("a", 65), std::nullopt, std::nullopt}), "name: must be at most 64 characters\n");
  // 'é' is two bytes in UTF-8: 64 of them are 128 bytes and still 64 characters.
  EXPECT_EQ(Problems({Repeat("\xC3\xA9", 64), std::nullopt, std::nullopt}), "");
  EXPECT_EQ(Problems({Repeat("\xC3\xA9", 65), std::nullopt, std::nullopt}), "name: must be at most 64 characters\n");
  // Surrounding spaces do not count.
  EXPECT_EQ(Problems({"  " + Repeat("\xC3\xA9", 64) + "  ", std::nullopt, std::nullopt}), "");
}

TEST(ValidateTagTest, RejectsBadColors) {
  for (const char* color : {"red", "#abc", "abcdef", "#abcdefa", "#ggggg0", "# abcde", "", "#12345\xC3\xA9"}) {
    EXPECT_EQ(Problems({"ok", color, std::nullopt}), "color: must be a color as #rrggbb\n") << color;
  }
  EXPECT_EQ(Problems({"ok", "#0a1B2c", std::nullopt}), "");
}

TEST(ValidateTagTest, LimitsTheDescriptionAndReportsEveryProblem) {
  EXPECT_EQ(Problems({"ok", std::nullopt, Repeat("\xC3\xA9", 1000)}), "");
  EXPECT_EQ(Problems({"", "blue", Repeat("x", 1001)}),
            "name: is required\ncolor: must be a color as #rrggbb\ndescription: must be at most 1000 characters\n");
}

class TagServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open(test_db_.url());
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
    Status migrated = store::Migrate(*db_, store::EmbeddedMigrations(db_->dialect()));
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    service_ = std::make_unique<TagService>(*db_, clock_);
  }

  std::vector<store::StoredEvent> Events() {
    FakeClock clock(0);
    store::OutboxReader reader(*db_, "tag-test", clock);
    auto events = reader.Poll(100);
    EXPECT_TRUE(events.ok());
    return events.ok() ? std::move(*events) : std::vector<store::StoredEvent>{};
  }

  std::int64_t CountTags() {
    auto rows = store::ReadValue(*db_, [](store::Connection& c) { return c.Query("SELECT COUNT(*) FROM tags"); });
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows->Int(0, 0) : -1;
  }

  rapport::testing::TestDatabase test_db_{rapport::testing::TestDatabase::Kind::kSqlite};
  FakeClock clock_{kStart};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<TagService> service_;
};

TEST_F(TagServiceTest, CreateThenFind) {
  auto created = service_->Create({"  Customer ", "#FF0000", "paying"});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->name, "Customer");
  EXPECT_EQ(created->color, "#ff0000");
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(created->created_at, kStart);
  EXPECT_EQ(created->updated_at, kStart);

  auto found = service_->Find(created->id);
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  const Tag& tag = **found;
  EXPECT_EQ(tag.id, created->id);
  EXPECT_EQ(tag.name, "Customer");
  EXPECT_EQ(tag.color, "#ff0000");
  EXPECT_EQ(tag.description, "paying");
  EXPECT_EQ(tag.version, 1);
  EXPECT_EQ(tag.created_at, kStart);
  EXPECT_EQ(tag.updated_at, kStart);

  auto missing = service_->Find(created->id + 1000);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(TagServiceTest, OptionalFieldsStayNull) {
  auto created = service_->Create({"Plain", std::nullopt, std::nullopt});
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto found = service_->Find(created->id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_FALSE((*found)->color.has_value());
  EXPECT_FALSE((*found)->description.has_value());
}

TEST_F(TagServiceTest, InvalidTagIsRejectedBeforeTheDatabase) {
  auto created = service_->Create({"   ", "pink", std::nullopt});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(created.error().fields.size(), 2u);
  EXPECT_EQ(created.error().fields[0].field, "name");
  EXPECT_EQ(created.error().fields[1].field, "color");
  EXPECT_EQ(CountTags(), 0);
  EXPECT_TRUE(Events().empty());
}

TEST_F(TagServiceTest, DuplicateNameInAnotherCaseIsConflictOnName) {
  auto first = service_->Create({"Urgent", std::nullopt, std::nullopt});
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = service_->Create({" URGENT ", "#00ff00", std::nullopt});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  ASSERT_EQ(second.error().fields.size(), 1u);
  EXPECT_EQ(second.error().fields[0].field, "name");
  EXPECT_EQ(CountTags(), 1);
  // The failed create left no event behind.
  EXPECT_EQ(Events().size(), 1u);
}

TEST_F(TagServiceTest, CreateWritesOneEventInTheSameTransaction) {
  auto created = service_->Create({"Lead", std::nullopt, std::nullopt});
  ASSERT_TRUE(created.ok()) << created.error().message;

  std::vector<store::StoredEvent> events = Events();
  ASSERT_EQ(events.size(), 1u);
  const store::StoredEvent& e = events[0];
  EXPECT_EQ(e.event.topic, "tag.created");
  EXPECT_EQ(e.event.aggregate_type, "tag");
  EXPECT_EQ(e.event.aggregate_id, std::to_string(created->id));
  EXPECT_EQ(boost::json::parse(e.event.payload),
            (boost::json::value{{"id", created->id}, {"name", "Lead"}}));
  EXPECT_EQ(e.created_at, kStart);

  // When the event cannot be written, the tag is not created either.
  Status broken = db_->Write([](store::Connection& c) {
    return c.ExecScript("CREATE TRIGGER outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox down'); END;");
  });
  ASSERT_TRUE(broken.ok()) << broken.error().message;
  auto failed = service_->Create({"Prospect", std::nullopt, std::nullopt});
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("outbox down"), std::string::npos) << failed.error().message;
  EXPECT_EQ(CountTags(), 1);
  EXPECT_EQ(Events().size(), 1u);
}

}  // namespace
}  // namespace rapport::domain
