// Cross-sell (issue 6.7), from the lines of paid orders in a window (by default the last 365 days):
// products bought together more often than chance (support, confidence and lift of each pair), and
// for one customer the products that buyers of theirs bought and they have not, ranked by lift.
// The counts are derived ahead, not per request: a refresh (the daily sweep, an admin, or the first
// use) counts per product the orders holding it and its kPartnersKept most frequent partners, so a
// customer's suggestions read a few hundred rows however many order lines there are. A product
// counts once per order, however many lines hold it. Thread-safe; blocks on the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/record/record_service.h"

namespace rapport::domain {

struct CrossSellOptions {
  std::int64_t min_orders = 1;  // a pair (or a suggestion) needs this many orders holding both
  int limit = 20;
};

inline constexpr int kDefaultCrossSellDays = 365;
inline constexpr int kMaxCrossSellDays = 3650;
inline constexpr int kMaxCrossSellLimit = 100;
inline constexpr int kPartnersKept = 100;

// What the stored counts were made from: paid orders placed since `since` (`days` before the
// refresh), `orders` of them holding a product.
struct CrossSellWindow {
  int days = kDefaultCrossSellDays;
  Micros since = 0;
  std::int64_t orders = 0;
  Micros refreshed_at = 0;
};

// Counts again over the last `days` days, replacing the stored counts in one transaction.
Result<CrossSellWindow> RefreshCrossSell(store::Database& db, Micros now, int days);

// The stored window, if anything was counted yet.
Result<std::optional<CrossSellWindow>> StoredCrossSellWindow(store::Database& db);

// Counts again over the stored window's days (the default when none): the daily sweep's refresh.
Result<CrossSellWindow> RefreshCrossSell(store::Database& db, Micros now);

// The stored window; when nothing was ever counted, a refresh over the default window first.
Result<CrossSellWindow> CurrentCrossSellWindow(store::Database& db, Micros now);

struct ProductPair {
  std::int64_t a = 0, b = 0;
  std::string a_name, b_name;
  std::int64_t orders = 0;  // paid orders holding both
  double support = 0;       // orders / all paid orders
  double confidence_ab = 0, confidence_ba = 0;  // P(b | a), P(a | b)
  double lift = 0;          // support / (P(a) P(b)); above 1: more often together than chance
};

// The pairs with lift above 1, highest lift first (then most orders).
Result<std::vector<ProductPair>> BoughtTogether(store::Database& db, const CrossSellOptions& options);

struct Suggestion {
  std::int64_t product = 0;
  std::string name;
  // Summed over the customer's products p: others' orders holding p and this one (an order holding
  // two of theirs counts twice).
  std::int64_t orders = 0;
  double confidence = 0;    // orders / others' orders holding a product of theirs (summed the same way)
  double lift = 0;          // confidence / P(product); above 1
};

// For person or organization `id` (which `caller` must see, else kNotFound): the active products
// they have not bought, which others who bought one of theirs bought with it, lift above 1, best
// first.
Result<std::vector<Suggestion>> SuggestFor(RecordService& records, const Caller& caller, std::string_view object,
                                           std::int64_t id, const CrossSellWindow& window,
                                           const CrossSellOptions& options);

// The owner's list: for the latest buyers among the people and organizations `owner` owns (at most
// kOwnerCustomers, most recent purchase first), each one's best suggestion; customers without one,
// or that `caller` may not see, are left out. Best lift first, up to options.limit.
inline constexpr int kOwnerCustomers = 25;

struct CustomerSuggestion {
  std::string object;  // person or organization
  std::int64_t id = 0;
  std::string name;
  Suggestion best;
};

Result<std::vector<CustomerSuggestion>> SuggestForOwner(RecordService& records, const Caller& caller,
                                                        std::int64_t owner, const CrossSellWindow& window,
                                                        const CrossSellOptions& options);

}  // namespace rapport::domain
