#include "store/outbox.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/migrations.h"
#include "tests/support/test_database.h"

namespace rapport::store {
namespace {

using rapport::testing::TestDatabase;

constexpr Micros kStart = 1'700'000'000'000'000;

// Runs on SQLite, and on PostgreSQL when RAPPORT_TEST_PG_URL names a test cluster.
class OutboxTest : public ::testing::TestWithParam<TestDatabase::Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == TestDatabase::Kind::kPostgres && TestDatabase::PostgresAdminUrl().empty()) {
      GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
    }
    test_db_ = std::make_unique<TestDatabase>(GetParam());
    auto db = Open(test_db_->url(), OpenOptions{.pool_size = 2});
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
    Status migrated = Migrate(*db_, EmbeddedMigrations(db_->dialect()));
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
  }

  void TearDown() override {
    db_.reset();  // close the sessions before the test database is dropped
    test_db_.reset();
  }

  // Appends one event per topic in one write transaction, at the clock's time.
  void Append(const std::vector<std::string>& topics) {
    Status status = db_->Write([&](Connection& c) -> Status {
      for (const std::string& topic : topics) {
        RAPPORT_RETURN_IF_ERROR(
            AppendEvent(c, {topic, "thing", topic + "-id", "{\"topic\":\"" + topic + "\"}"}, clock_.Now()));
      }
      return {};
    });
    ASSERT_TRUE(status.ok()) << status.error().message;
  }

  // Polls until `want` events are there or two seconds passed: on PostgreSQL a transaction still
  // running anywhere on the test cluster (another test's) holds back what Poll may return.
  std::vector<StoredEvent> PollFor(OutboxReader& reader, std::size_t want, std::size_t limit = 100) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (;;) {
      auto events = reader.Poll(limit);
      EXPECT_TRUE(events.ok()) << events.error().message;
      if (!events.ok()) return {};
      if (events->size() >= want || std::chrono::steady_clock::now() > deadline) return std::move(*events);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  static std::string Topics(const std::vector<StoredEvent>& events) {
    std::string out;
    for (const StoredEvent& e : events) out += (out.empty() ? "" : ",") + e.event.topic;
    return out;
  }

  FakeClock clock_{kStart};
  std::unique_ptr<TestDatabase> test_db_;
  std::unique_ptr<Database> db_;
};

TEST_P(OutboxTest, PollReturnsAppendedEventsInOrder) {
  Append({"a.one", "a.two", "a.three"});
  clock_.Advance(1000);
  Append({"b.one", "b.two"});

  OutboxReader reader(*db_, "test", clock_);
  std::vector<StoredEvent> events = PollFor(reader, 5);
  EXPECT_EQ(Topics(events), "a.one,a.two,a.three,b.one,b.two");
  ASSERT_EQ(events.size(), 5u);
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_LT(events[i - 1].id, events[i].id);
    EXPECT_LE(events[i - 1].tx_id, events[i].tx_id);
  }
  // Events of one transaction share its tx_id (always 0 on SQLite).
  EXPECT_EQ(events[0].tx_id, events[2].tx_id);
  if (GetParam() == TestDatabase::Kind::kSqlite) {
    EXPECT_EQ(events[4].tx_id, 0);
  }
  EXPECT_EQ(events[1].event.aggregate_type, "thing");
  EXPECT_EQ(events[1].event.aggregate_id, "a.two-id");
  EXPECT_EQ(events[1].event.payload, "{\"topic\":\"a.two\"}");
  EXPECT_EQ(events[0].created_at, kStart);
  EXPECT_EQ(events[3].created_at, kStart + 1000);

  // `limit` caps the batch, and without an Ack the same events come again.
  auto first = reader.Poll(2);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(Topics(*first), "a.one,a.two");
}

TEST_P(OutboxTest, EventsOfARolledBackWriteNeverAppear) {
  Append({"kept.before"});
  Status status = db_->Write([&](Connection& c) -> Status {
    RAPPORT_RETURN_IF_ERROR(AppendEvent(c, {"rolled.back", "thing", "1", "{}"}, clock_.Now()));
    return Status(ErrorCode::kConflict, "the write fails after appending");
  });
  ASSERT_FALSE(status.ok());
  Append({"kept.after"});

  OutboxReader reader(*db_, "test", clock_);
  // kept.after committed last: once it is visible, so would be anything before it.
  std::vector<StoredEvent> events = PollFor(reader, 2);
  EXPECT_EQ(Topics(events), "kept.before,kept.after");
}

TEST_P(OutboxTest, AckPersistsThePosition) {
  Append({"e1", "e2"});
  Append({"e3"});
  {
    OutboxReader reader(*db_, "mailer", clock_);
    std::vector<StoredEvent> events = PollFor(reader, 3);
    ASSERT_EQ(Topics(events), "e1,e2,e3");
    clock_.Advance(5);
    Status acked = reader.Ack(events[1]);
    ASSERT_TRUE(acked.ok()) << acked.error().message;
    auto rest = reader.Poll(100);
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(Topics(*rest), "e3");
  }

  // A new reader of the same consumer continues after the acknowledged event.
  OutboxReader again(*db_, "mailer", clock_);
  std::vector<StoredEvent> rest = PollFor(again, 1);
  ASSERT_EQ(Topics(rest), "e3");

  auto stored = ReadValue(*db_, [](Connection& c) {
    return c.Query("SELECT name, updated_at FROM outbox_consumers ORDER BY name");
  });
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->rows(), 1u);
  EXPECT_EQ(stored->Text(0, 0), "mailer");
  EXPECT_EQ(stored->Int(0, 1), kStart + 5);

  ASSERT_TRUE(again.Ack(rest.back()).ok());
  Append({"e4"});
  OutboxReader third(*db_, "mailer", clock_);
  EXPECT_EQ(Topics(PollFor(third, 1)), "e4");
}

TEST_P(OutboxTest, ConsumersHaveIndependentPositions) {
  Append({"e1", "e2", "e3"});
  OutboxReader a(*db_, "consumer-a", clock_);
  OutboxReader b(*db_, "consumer-b", clock_);

  std::vector<StoredEvent> seen_by_a = PollFor(a, 3);
  ASSERT_EQ(Topics(seen_by_a), "e1,e2,e3");
  ASSERT_TRUE(a.Ack(seen_by_a.back()).ok());
  auto a_rest = a.Poll(100);
  ASSERT_TRUE(a_rest.ok());
  EXPECT_TRUE(a_rest->empty());

  // b has acknowledged nothing, so it still sees everything.
  std::vector<StoredEvent> seen_by_b = PollFor(b, 3);
  ASSERT_EQ(Topics(seen_by_b), "e1,e2,e3");
  ASSERT_TRUE(b.Ack(seen_by_b.front()).ok());
  auto b_rest = b.Poll(100);
  ASSERT_TRUE(b_rest.ok());
  EXPECT_EQ(Topics(*b_rest), "e2,e3");

  // b's Ack did not move a back.
  a_rest = a.Poll(100);
  ASSERT_TRUE(a_rest.ok());
  EXPECT_TRUE(a_rest->empty());
}

INSTANTIATE_TEST_SUITE_P(Stores, OutboxTest,
                         ::testing::Values(TestDatabase::Kind::kSqlite, TestDatabase::Kind::kPostgres),
                         [](const ::testing::TestParamInfo<TestDatabase::Kind>& info) {
                           return info.param == TestDatabase::Kind::kSqlite ? "sqlite" : "postgres";
                         });

}  // namespace
}  // namespace rapport::store
