// The purchase figures kept by the order hooks equal a recomputation from scratch after a random
// sequence of order and line inserts, status changes (paid, refunded, cancelled), deletes and
// restores, on both stores.
#include "domain/sales/purchase_figures.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <random>

#include "domain/sales/sales_service.h"
#include "tests/support/record_test_bed.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using rapport::testing::RecordTestBed;
using rapport::testing::TestDatabase;

constexpr const char* kFigures[] = {"first_purchase_at", "last_purchase_at", "purchase_count", "revenue",
                                    "margin",            "average_order_value", "lifecycle_stage"};

class PurchaseFiguresTest : public ::testing::TestWithParam<TestDatabase::Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == TestDatabase::Kind::kPostgres && TestDatabase::PostgresAdminUrl().empty()) {
      GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
    }
    bed_ = std::make_unique<RecordTestBed>(GetParam());
    bed_->SetUp();
  }

  std::int64_t Create(std::string_view object, const char* json) {
    auto created = bed_->records().Create(Caller::System(), object, bj::parse(json).as_object(), {});
    EXPECT_TRUE(created.ok()) << object << ": " << created.error().message;
    return created.ok() ? created->record.at("id").as_int64() : 0;
  }

  bj::object Figures(std::string_view object, std::int64_t id) {
    auto found = bed_->records().Find(Caller::System(), object, id, true);
    EXPECT_TRUE(found.ok() && found->has_value());
    bj::object out;
    for (const char* f : kFigures) out[f] = (**found).at(f);
    return out;
  }

  std::unique_ptr<RecordTestBed> bed_;
};

TEST_P(PurchaseFiguresTest, KeptFiguresEqualARecomputationAfterRandomChanges) {
  RecordService& records = bed_->records();
  std::vector<std::pair<std::string, std::int64_t>> parties;
  for (int i = 0; i < 4; ++i) parties.emplace_back("person", Create("person", R"({"first_name": "P"})"));
  for (int i = 0; i < 2; ++i) parties.emplace_back("organization", Create("organization", R"({"name": "O"})"));
  const std::int64_t eur = Create("product", R"({"sku": "E", "name": "e", "price": {"micros": 12500000, "currency": "EUR"},
                                                  "cost": {"micros": 5000000, "currency": "EUR"}})");
  const std::int64_t eur2 = Create("product", R"({"sku": "E2", "name": "e2", "price": {"micros": 990000, "currency": "EUR"}})");
  const std::int64_t usd = Create("product", R"({"sku": "U", "name": "u", "price": {"micros": 7000000, "currency": "USD"}})");

  std::mt19937 rng(20261124);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  struct Order {
    std::int64_t id;
    bool usd;
    bool deleted = false;
  };
  std::vector<Order> orders;
  std::vector<std::pair<std::int64_t, bool>> lines;  // id, deleted
  const char* kStatuses[] = {"placed", "paid", "paid", "refunded", "cancelled"};
  int writes = 0;
  for (int step = 0; step < 160; ++step) {
    const std::size_t op = orders.empty() ? 0 : pick(7);
    if (op <= 1) {
      bj::object o{{"currency", pick(5) == 0 ? "USD" : "EUR"},
                   {"status", kStatuses[pick(5)]},
                   {"ordered_at", fmt::format("2025-{:02}-{:02}T10:00:00Z", 1 + pick(12), 1 + pick(28))}};
      const auto& person = parties[pick(4)];
      if (pick(4) != 0) o["person"] = person.second;
      if (pick(2) == 0) o["organization"] = parties[4 + pick(2)].second;
      auto created = records.Create(Caller::System(), "order", o, {});
      ASSERT_TRUE(created.ok()) << created.error().message;
      orders.push_back({created->record.at("id").as_int64(), o.at("currency") == "USD"});
    } else if (op == 2) {
      Order& o = orders[pick(orders.size())];
      if (o.deleted) continue;
      bj::object line{{"order", o.id}, {"product", o.usd ? usd : (pick(2) ? eur : eur2)},
                      {"quantity", static_cast<std::int64_t>(1 + pick(5))}};
      auto created = records.Create(Caller::System(), "order_line", line, {});
      ASSERT_TRUE(created.ok()) << created.error().message;
      lines.emplace_back(created->record.at("id").as_int64(), false);
    } else if (op == 3) {
      Order& o = orders[pick(orders.size())];
      if (o.deleted) continue;
      auto updated = records.Update(Caller::System(), "order", o.id, bj::object{{"status", kStatuses[pick(5)]}}, std::nullopt);
      ASSERT_TRUE(updated.ok()) << updated.error().message;
    } else if (op == 4) {
      Order& o = orders[pick(orders.size())];
      ASSERT_TRUE((o.deleted ? records.Restore(Caller::System(), "order", o.id).status() : records.Delete(Caller::System(), "order", o.id, std::nullopt)).ok());
      o.deleted = !o.deleted;
    } else if (op == 5 && !lines.empty()) {
      auto& [id, deleted] = lines[pick(lines.size())];
      ASSERT_TRUE((deleted ? records.Restore(Caller::System(), "order_line", id).status() : records.Delete(Caller::System(), "order_line", id, std::nullopt)).ok());
      deleted = !deleted;
    } else if (op == 6) {
      // The order moves to another person.
      Order& o = orders[pick(orders.size())];
      if (o.deleted) continue;
      auto updated = records.Update(Caller::System(), "order", o.id, bj::object{{"person", parties[pick(4)].second}}, std::nullopt);
      ASSERT_TRUE(updated.ok()) << updated.error().message;
    }
    ++writes;
  }
  ASSERT_GT(writes, 100);

  std::vector<bj::object> kept;
  std::int64_t purchases = 0;
  for (const auto& [object, id] : parties) {
    kept.push_back(Figures(object, id));
    if (kept.back().at("purchase_count").is_int64()) purchases += kept.back().at("purchase_count").as_int64();
  }
  ASSERT_GT(purchases, 5) << "the sequence should leave paid orders";

  auto changed = RecomputePurchases(records);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(*changed, 0);
  for (std::size_t i = 0; i < parties.size(); ++i) {
    EXPECT_EQ(bj::serialize(Figures(parties[i].first, parties[i].second)), bj::serialize(kept[i]))
        << parties[i].first << " " << parties[i].second;
  }

  // And the recomputation does rebuild figures that went wrong (so the comparison above can fail).
  auto& [object, id] = parties[0];
  ASSERT_TRUE(bed_->db().Write([&](store::Connection& conn) {
    return conn.Exec("UPDATE people SET purchase_count = 999 WHERE id = $1", {store::Value(id)}).status();
  }).ok());
  auto fixed = RecomputePurchases(records);
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(*fixed, 1);
  EXPECT_EQ(bj::serialize(Figures(object, id)), bj::serialize(kept[0]));
}

TEST(StageFromPurchases, FollowsTheThresholds) {
  SalesSettings s;
  s.repeat_window_days = 30;
  s.loyal_purchases = 4;
  s.loyal_revenue_micros = 1000;
  constexpr std::int64_t kDay = 86'400'000'000;
  EXPECT_FALSE(StageFromPurchases(s, 0, std::nullopt, std::nullopt, 0));
  EXPECT_EQ(StageFromPurchases(s, 1, std::nullopt, std::nullopt, 10)->stage, "customer");
  EXPECT_EQ(StageFromPurchases(s, 2, 40 * kDay, 0, 10)->stage, "customer");
  EXPECT_EQ(StageFromPurchases(s, 2, 30 * kDay, 0, 10)->stage, "repeat");
  EXPECT_EQ(StageFromPurchases(s, 4, 400 * kDay, 0, 10)->stage, "loyal");
  EXPECT_EQ(StageFromPurchases(s, 1, std::nullopt, std::nullopt, 1000)->stage, "loyal");
  EXPECT_TRUE(IsPromotion("churned", "customer"));
  EXPECT_TRUE(IsPromotion("prospect", "customer"));
  EXPECT_FALSE(IsPromotion("loyal", "repeat"));
}

INSTANTIATE_TEST_SUITE_P(Stores, PurchaseFiguresTest,
                         ::testing::Values(TestDatabase::Kind::kSqlite, TestDatabase::Kind::kPostgres),
                         [](const auto& info) { return info.param == TestDatabase::Kind::kSqlite ? "Sqlite" : "Postgres"; });

}  // namespace
}  // namespace rapport::domain
