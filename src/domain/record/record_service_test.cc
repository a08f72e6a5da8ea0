// The record pipeline's events: every change appends one outbox event in its own transaction,
// including the records that hooks and tag names create on the way.
#include "domain/record/record_service.h"

#include <gtest/gtest.h>

#include "store/outbox.h"
#include "tests/support/record_test_bed.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;

class RecordServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bed_.SetUp();
    service_ = &bed_.records();
  }

  // The topics appended since the last call, in commit order.
  std::string Topics() {
    auto events = reader_->Poll(100);
    EXPECT_TRUE(events.ok());
    std::string out;
    for (const store::StoredEvent& e : *events) out += (out.empty() ? "" : " ") + e.event.topic;
    if (!events->empty()) EXPECT_TRUE(reader_->Ack(events->back()).ok());
    return out;
  }

  rapport::testing::RecordTestBed bed_;
  RecordService* service_ = nullptr;
  std::unique_ptr<store::OutboxReader> reader_;
};

TEST_F(RecordServiceTest, EveryChangeAppendsItsEvent) {
  reader_ = std::make_unique<store::OutboxReader>(bed_.db(), "test", bed_.clock());
  auto created = service_->Create(Caller::System(), "person", bj::parse(R"({"first_name": "Ada", "tags": ["vip"]})").as_object(), {});
  ASSERT_TRUE(created.ok()) << created.error().message;
  const std::int64_t id = created->record.at("id").as_int64();
  // The new tag is created through the pipeline; the default lifecycle stage is a stage change.
  EXPECT_EQ(Topics(), "tag.created stage_change.created person.created");

  ASSERT_TRUE(service_->Update(Caller::System(), "person", id, bj::parse(R"({"job_title": "Countess"})").as_object(), std::nullopt).ok());
  EXPECT_EQ(Topics(), "person.updated");
  // Writing what is there already is no change and no event.
  ASSERT_TRUE(service_->Update(Caller::System(), "person", id, bj::parse(R"({"job_title": "Countess"})").as_object(), std::nullopt).ok());
  EXPECT_EQ(Topics(), "");

  ASSERT_TRUE(service_->Delete(Caller::System(), "person", id, std::nullopt).ok());
  ASSERT_TRUE(service_->Restore(Caller::System(), "person", id).ok());
  ASSERT_TRUE(service_->Delete(Caller::System(), "person", id, std::nullopt).ok());
  ASSERT_TRUE(service_->Purge(Caller::System(), "person", id).ok());
  EXPECT_EQ(Topics(), "person.deleted person.restored person.deleted person.purged");
}

TEST_F(RecordServiceTest, UpdateEventsCarryEachChangedFieldsBeforeAndAfter) {
  reader_ = std::make_unique<store::OutboxReader>(bed_.db(), "test", bed_.clock());
  auto created = service_->Create(Caller::System(), "organization", bj::parse(R"({"name": "Acme"})").as_object(), {});
  ASSERT_TRUE(created.ok());
  (void)Topics();
  const std::int64_t id = created->record.at("id").as_int64();
  ASSERT_TRUE(service_->Update(Caller::System(), "organization", id, bj::parse(R"({"name": "Acme GmbH", "industry": "Anvils"})").as_object(),
                               std::nullopt)
                  .ok());
  auto events = reader_->Poll(10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  bj::value payload = bj::parse((*events)[0].event.payload);
  EXPECT_EQ(bj::serialize(payload.at("changes")),
            R"({"name":{"from":"Acme","to":"Acme GmbH"},"industry":{"from":null,"to":"Anvils"}})");
  EXPECT_EQ(payload.at("id").as_int64(), id);
}

}  // namespace
}  // namespace rapport::domain
