#include "domain/relationship/upcoming_dates.h"

#include <gtest/gtest.h>

#include "domain/meta/meta_service.h"
#include "store/migrations.h"
#include "tests/support/test_database.h"

namespace rapport::domain {
namespace {

namespace chr = std::chrono;
using store::Value;

chr::sys_days Day(int y, unsigned m, unsigned d) { return chr::sys_days{chr::year{y} / chr::month{m} / chr::day{d}}; }

Micros MicrosOf(chr::sys_days day) {
  return chr::duration_cast<chr::microseconds>(day.time_since_epoch()).count() + 15 * 3600'000'000LL;  // 15:00 UTC
}

TEST(UpcomingDatesTest, MonthDayRangesSplitAtTheTurnOfTheYear) {
  EXPECT_EQ(MonthDayRanges(Day(2026, 3, 10), 7), (std::vector<std::pair<int, int>>{{310, 317}}));
  EXPECT_EQ(MonthDayRanges(Day(2026, 12, 28), 7), (std::vector<std::pair<int, int>>{{1228, 1231}, {101, 104}}));
  EXPECT_EQ(MonthDayRanges(Day(2026, 3, 10), 0), (std::vector<std::pair<int, int>>{{310, 310}}));
  EXPECT_EQ(MonthDayRanges(Day(2026, 3, 10), 366), (std::vector<std::pair<int, int>>{{101, 1231}}));
  // Feb 29 birthdays fall on Feb 28 in a common year, so a window ending then takes them in.
  EXPECT_EQ(MonthDayRanges(Day(2027, 2, 28), 0), (std::vector<std::pair<int, int>>{{228, 229}}));
  EXPECT_EQ(MonthDayRanges(Day(2028, 2, 28), 0), (std::vector<std::pair<int, int>>{{228, 228}}));
}

class UpcomingDatesDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Open(database_.url());
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_, store::EmbeddedMigrations(db_->dialect())).ok());
    auto registry = MetaService::Load(*db_);
    ASSERT_TRUE(registry.ok());
    registry_ = std::move(*registry);
  }

  // People as the record pipeline stores them: birthday and its MMDD.
  void AddPerson(std::int64_t id, std::string name, std::string birthday, bool deleted = false) {
    const std::int64_t md = std::stoll(birthday.substr(5, 2)) * 100 + std::stoll(birthday.substr(8, 2));
    ASSERT_TRUE(db_->Write([&](store::Connection& c) {
                     return c.Exec("INSERT INTO people (id, first_name, last_name, birthday, birthday_md, version, "
                                   "created_at, updated_at, deleted_at) VALUES ($1, $2, 'X', $3, $4, 1, 0, 0, $5)",
                                   {Value(id), Value(std::move(name)), Value(birthday), Value(md),
                                    deleted ? Value(std::int64_t{1}) : Value()})
                         .status();
                   }).ok());
  }

  rapport::testing::TestDatabase database_{rapport::testing::TestDatabase::Kind::kSqlite};
  std::unique_ptr<store::Database> db_;
  std::shared_ptr<const meta::Registry> registry_;
};

TEST_F(UpcomingDatesDbTest, FindsBirthdaysAndAnniversariesAcrossNewYearSoonestFirst) {
  AddPerson(1, "Ann", "1980-01-02");
  AddPerson(2, "Bob", "1975-12-30");
  AddPerson(3, "Cid", "1990-01-05");  // outside the week
  AddPerson(4, "Dee", "1985-12-29", /*deleted=*/true);
  ASSERT_TRUE(db_->Write([](store::Connection& c) {
                   return c.Exec("INSERT INTO personal_dates (person_id, kind, label, date, month_day, version, "
                                 "created_at, updated_at) VALUES (1, 'wedding', 'Wedding', '2010-12-31', 1231, 1, 0, 0)")
                       .status();
                 }).ok());
  auto dates = FindUpcomingDates(*db_, *registry_, Caller::System(), MicrosOf(Day(2026, 12, 28)), 7, 50);
  ASSERT_TRUE(dates.ok()) << dates.error().message;
  ASSERT_EQ(dates->size(), 3u);
  EXPECT_EQ((*dates)[0].name, "Bob X");
  EXPECT_EQ((*dates)[0].next_on, "2026-12-30");
  EXPECT_EQ((*dates)[0].in_days, 2);
  EXPECT_EQ((*dates)[0].years, 51);
  EXPECT_EQ((*dates)[1].kind, "wedding");
  EXPECT_EQ((*dates)[1].next_on, "2026-12-31");
  EXPECT_EQ((*dates)[1].years, 16);
  EXPECT_EQ((*dates)[2].name, "Ann X");
  EXPECT_EQ((*dates)[2].next_on, "2027-01-02");
  EXPECT_EQ((*dates)[2].in_days, 5);

  auto limited = FindUpcomingDates(*db_, *registry_, Caller::System(), MicrosOf(Day(2026, 12, 28)), 7, 1);
  ASSERT_TRUE(limited.ok());
  ASSERT_EQ(limited->size(), 1u);
  EXPECT_EQ((*limited)[0].name, "Bob X");
}

TEST_F(UpcomingDatesDbTest, February29FallsOnFebruary28InACommonYear) {
  AddPerson(1, "Leap", "2000-02-29");
  auto dates = FindUpcomingDates(*db_, *registry_, Caller::System(), MicrosOf(Day(2027, 2, 27)), 2, 50);
  ASSERT_TRUE(dates.ok()) << dates.error().message;
  ASSERT_EQ(dates->size(), 1u);
  EXPECT_EQ((*dates)[0].next_on, "2027-02-28");
  EXPECT_EQ((*dates)[0].in_days, 1);
  auto on_the_day = FindUpcomingDates(*db_, *registry_, Caller::System(), MicrosOf(Day(2027, 2, 28)), 0, 50);
  ASSERT_TRUE(on_the_day.ok());
  ASSERT_EQ(on_the_day->size(), 1u);
  EXPECT_EQ((*on_the_day)[0].in_days, 0);
}

}  // namespace
}  // namespace rapport::domain
