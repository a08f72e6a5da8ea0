// GDPR erasure of one person (DESIGN 1.7): removes the person and what is about them from every
// table, search index, outbox payload and stored answer in one write transaction, keeping anonymous
// aggregates (interactions stay, counted by channel, without the person). docs/security.md
// ("Privacy") says what goes, what stays and why. Thread-safe; every call blocks.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/access/caller.h"
#include "domain/record/record_repository.h"
#include "meta/registry_holder.h"
#include "store/store.h"

namespace rapport::domain {

// What an erasure did, in counts and ids only: it holds no personal data.
struct ErasureReport {
  std::int64_t person = 0;
  std::vector<std::int64_t> merged_people;             // records merged into the person, erased with it
  std::map<std::string, std::int64_t> records_removed;  // object -> records purged (notes, tasks, ...)
  std::int64_t interactions_anonymised = 0;             // kept for the counts, the person taken out
  std::int64_t events_redacted = 0;                     // outbox payloads rewritten
  std::int64_t stored_answers_removed = 0;              // idempotency-key answers deleted

  boost::json::object ToJson() const;
};

class PersonErasure {
 public:
  PersonErasure(store::Database& db, meta::RegistryHolder& registry, const Clock& clock)
      : db_(db), registry_(registry), clock_(clock), repo_(db.dialect()) {}

  // Erases person `id` (live or soft-deleted) and every person record merged into it, then
  // checkpoints SQLite's write-ahead log so that no copy stays in the write-ahead
  // log. kNotFound when there is no such person; kUnavailable when the database is busy (nothing
  // was erased) or, after the commit, when the checkpoint could not finish (the erasure holds;
  // the next checkpoint completes it). The audit log gets a "person.erased" entry by `caller` with
  // `reason` (free text such as a ticket number) and the report's counts; earlier entries about
  // the erased records lose their values, and any entry naming the person loses the names.
  Result<ErasureReport> Erase(const Caller& caller, std::int64_t id, std::string_view reason);

 private:
  store::Database& db_;
  meta::RegistryHolder& registry_;
  const Clock& clock_;
  RecordRepository repo_;
};

}  // namespace rapport::domain
