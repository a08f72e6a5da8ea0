// Contracts and invoices on both stores: dates in order, the renewal due at the end, an invoice
// paid by its paid date, and overdue once its due date passes — on write, and by the sweep when only
// time has passed (the test's clock moves).
#include "domain/sales/contract_hooks.h"

#include <gtest/gtest.h>

#include "domain/record/record_service.h"
#include "tests/support/record_test_bed.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using rapport::testing::RecordTestBed;
using rapport::testing::TestDatabase;

constexpr Micros kDay = 86'400'000'000;

class ContractHooksTest : public ::testing::TestWithParam<TestDatabase::Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == TestDatabase::Kind::kPostgres && TestDatabase::PostgresAdminUrl().empty()) {
      GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
    }
    bed_ = std::make_unique<RecordTestBed>(GetParam());
    bed_->SetUp();
    auto org = bed_->records().Create(Caller::System(), "organization", bj::object{{"name", "Initech"}}, {});
    ASSERT_TRUE(org.ok()) << org.error().message;
    org_ = org->record.at("id").as_int64();
  }

  bj::object Invoice(std::int64_t id) {
    auto found = bed_->records().Find(Caller::System(), "invoice", id, false);
    EXPECT_TRUE(found.ok() && found->has_value());
    return found.ok() && found->has_value() ? **found : bj::object{};
  }

  std::unique_ptr<RecordTestBed> bed_;
  std::int64_t org_ = 0;
};

TEST_P(ContractHooksTest, ContractDatesAreInOrderAndTheRenewalFallsDueAtTheEnd) {
  RecordService& records = bed_->records();
  auto backwards = records.Create(Caller::System(), "contract", bj::object{{"title", "Support"}, {"organization", org_},
                                                         {"start_date", "2024-01-01"}, {"end_date", "2023-12-31"}}, {});
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().code, ErrorCode::kFailedPrecondition);
  ASSERT_EQ(backwards.error().fields.size(), 1u);
  EXPECT_EQ(backwards.error().fields[0].field, "end_date");

  auto made = records.Create(Caller::System(), "contract", bj::object{{"title", "Support"}, {"organization", org_},
                                                    {"start_date", "2024-01-01"}, {"end_date", "2024-12-31"}}, {});
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->record.at("renewal_date"), "2024-12-31");
  EXPECT_EQ(made->record.at("status"), "active");
}

TEST_P(ContractHooksTest, AnInvoiceIsOverdueOnceItsDueDatePassesAndPaidWhenItHasAPaidDate) {
  RecordService& records = bed_->records();
  FakeClock& clock = bed_->clock();  // 2023-11-14
  auto bad = records.Create(Caller::System(), "invoice", bj::object{{"number", "X-1"}, {"organization", org_},
                                                  {"amount", {{"micros", 1000}, {"currency", "EUR"}}},
                                                  {"issue_date", "2023-11-10"}, {"due_date", "2023-11-01"}}, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "due_date");

  auto late = records.Create(Caller::System(), "invoice", bj::object{{"number", "2023-001"}, {"organization", org_},
                                                   {"amount", {{"micros", 5'000'000'000}, {"currency", "EUR"}}},
                                                   {"issue_date", "2023-10-01"}, {"due_date", "2023-10-31"}}, {});
  ASSERT_TRUE(late.ok()) << late.error().message;
  EXPECT_EQ(late->record.at("overdue"), true);  // past due when written
  auto soon = records.Create(Caller::System(), "invoice", bj::object{{"number", "2023-002"}, {"organization", org_},
                                                   {"amount", {{"micros", 1'000'000'000}, {"currency", "EUR"}}},
                                                   {"issue_date", "2023-11-14"}, {"due_date", "2023-11-15"}}, {});
  ASSERT_TRUE(soon.ok()) << soon.error().message;
  const std::int64_t soon_id = soon->record.at("id").as_int64();
  EXPECT_EQ(soon->record.at("overdue"), false);

  auto none = SweepOverdueInvoices(records, clock.Now());
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_EQ(*none, 0);

  clock.Advance(2 * kDay);  // 2023-11-16: only time has passed
  EXPECT_EQ(Invoice(soon_id).at("overdue"), false);
  auto marked = SweepOverdueInvoices(records, clock.Now());
  ASSERT_TRUE(marked.ok()) << marked.error().message;
  EXPECT_EQ(*marked, 1);
  EXPECT_EQ(Invoice(soon_id).at("overdue"), true);
  EXPECT_EQ(Invoice(soon_id).at("version"), 2);
  EXPECT_EQ(*SweepOverdueInvoices(records, clock.Now()), 0);

  // Paid: the status follows the paid date, and it is overdue no more.
  auto paid = records.Update(Caller::System(), "invoice", soon_id, bj::object{{"paid_date", "2023-11-16"}}, std::nullopt);
  ASSERT_TRUE(paid.ok()) << paid.error().message;
  EXPECT_EQ(paid->at("status"), "paid");
  EXPECT_EQ(paid->at("overdue"), false);
  // Marked paid without a date: today's.
  auto marked_paid = records.Update(Caller::System(), "invoice", late->record.at("id").as_int64(), bj::object{{"status", "paid"}},
                                    std::nullopt);
  ASSERT_TRUE(marked_paid.ok()) << marked_paid.error().message;
  EXPECT_EQ(marked_paid->at("paid_date"), "2023-11-16");
  EXPECT_EQ(marked_paid->at("overdue"), false);
}

INSTANTIATE_TEST_SUITE_P(Stores, ContractHooksTest,
                         ::testing::Values(TestDatabase::Kind::kSqlite, TestDatabase::Kind::kPostgres),
                         [](const auto& info) { return info.param == TestDatabase::Kind::kSqlite ? "Sqlite" : "Postgres"; });

}  // namespace
}  // namespace rapport::domain
