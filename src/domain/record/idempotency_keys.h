// The answers kept for POSTs with an Idempotency-Key (table idempotency_keys, migration 0002):
// claimed first in the request's transaction, filled in with the answer before it commits, so a
// repeat waits for (PostgreSQL) or follows (SQLite) the first and finds its answer. Every call runs
// on the caller's connection and blocks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"
#include "store/store.h"

namespace rapport::domain {

struct IdempotentAnswer {
  std::string request_hash;  // of the request that first used the key
  std::string response;      // its answer, a JSON document
};

// Takes `key` within `scope` for this request; false when an earlier request holds it already.
Result<bool> ClaimIdempotencyKey(store::Connection& conn, std::string_view scope, std::string_view key,
                                 std::string_view request_hash, Micros now);

// The answer kept for `key`; nullopt when the key is not held (its first request rolled back).
Result<std::optional<IdempotentAnswer>> FindIdempotentAnswer(store::Connection& conn, std::string_view scope,
                                                            std::string_view key);

// Keeps `response` (a 201's JSON) as the answer to `key`.
Status SaveIdempotentAnswer(store::Connection& conn, std::string_view scope, std::string_view key,
                            const std::string& response);

}  // namespace rapport::domain
