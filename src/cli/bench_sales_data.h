// Bulk sales data for benchmarks (issue 6): products in categories, deals spread over the default
// pipeline's stages, and paid (mostly) orders of the people already there, whose lines favour one
// category each so that products are bought together more often than chance. Written straight into
// the object tables with batched INSERTs, storing what the record pipeline would (order totals,
// costs and line counts; deal status and positions). Deterministic for a seed. People's purchase
// figures are not derived here (`rapport recompute purchases` does that when a case needs them).
#pragma once

#include <cstdint>

#include "cli/bench_rows.h"
#include "common/result.h"
#include "store/store.h"

namespace rapport::cli {

struct SalesBenchOptions {
  std::int64_t products = 0;
  std::int64_t deals = 0;        // open ones; a tenth as many again are won or lost
  std::int64_t order_lines = 0;  // in orders of lines_per_order lines on average
  std::int64_t lines_per_order = 4;
  std::uint64_t seed = 1;
  std::int64_t rows_per_transaction = 50'000;
  bench::Progress progress;
};

struct SalesBenchTimes {
  double products_s = 0, deals_s = 0, orders_s = 0, finish_s = 0;
  std::int64_t orders = 0, order_lines = 0;
};

// Appends after the rows already there; needs people (deals and orders go to them) and, for deals,
// the default pipeline with its stages (migrations make it).
Result<SalesBenchTimes> GenerateSalesBenchData(store::Database& db, const SalesBenchOptions& options);

}  // namespace rapport::cli
