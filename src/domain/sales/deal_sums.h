// The forecast's sums (migration 0009): open and won deals' amounts and counts per pipeline, stage,
// owner, month of expected close, currency and status. The deal hooks move a deal's amount out of
// its old group and into its new one in the transaction of every write, delete and restore; a
// rebuild counts them all again (at start when the table is empty: an upgraded database, or deals
// loaded in bulk). The forecast reads them for callers who see every deal.
#pragma once

#include <boost/json.hpp>

#include "common/result.h"
#include "domain/record/record_hooks.h"
#include "store/store.h"

namespace rapport::domain {

// Adds (sign +1) or takes away (-1) one deal record's amount, if it counts (open or won, with an
// amount).
Status AddToDealSums(store::Connection& conn, const boost::json::object& deal, int sign);

// Counts every live deal again.
Status RebuildDealSums(store::Connection& conn);

// Rebuilds when the table is empty (a no-op on a database without deals).
Status EnsureDealSums(store::Database& db);

}  // namespace rapport::domain
