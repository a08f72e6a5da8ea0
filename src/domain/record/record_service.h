// The generic record pipeline (STYLE section 7): create, read, update, delete, restore, purge and
// list records of any object in the registry, built-in or custom. It validates against metadata,
// runs the object's hooks and appends an outbox event in the write's transaction. Thread-safe;
// every call blocks on the database.
//
// Concurrency rule for updates: a PATCH writes only the fields it names (plus the fields its hooks
// derive), inside a transaction that holds the row (PostgreSQL: SELECT ... FOR UPDATE; SQLite: the
// single writer), so a concurrent change to any other field is never lost. With If-Match the
// update is refused (kStaleVersion) unless the record is still at that version; without it, the
// later of two changes to the same field wins and both are in the outbox with their before values.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/access/caller.h"
#include "domain/merge/merge_log.h"
#include "domain/record/record_hooks.h"
#include "domain/record/record_repository.h"
#include "meta/registry_holder.h"
#include "store/store.h"

namespace rapport::domain {

struct CreateOptions {
  std::optional<std::string> idempotency_key;  // from the Idempotency-Key header
  std::string request_hash;                    // tells a repeat of the key from a different request
};

struct Created {
  boost::json::object record;
  bool replayed = false;  // the answer stored for a repeated Idempotency-Key
};

struct ListRequest {
  std::string filter;  // the filter language (docs/filter.md); empty: all
  std::string sort;    // "field,-field"; empty: by id
  std::string after;   // the previous page's `next`; empty: the first page
  std::string q;       // full-text search; empty: none
  int limit = 50;      // 1..RecordService::kMaxPageSize (the caller checks); 50 is kDefaultPageSize
  bool include_deleted = false;
};

struct Merged {
  boost::json::object record;  // the survivor after the merge
  MergeEntry merge;
};

struct SearchHit {
  std::string object;
  std::int64_t id = 0;
  std::string title;
};

// Creates and updates records of any object inside one write transaction, through the same pipeline
// as the API (trimming and validation from metadata, links, hooks, search text, events); for bulk
// imports (domain/import). Valid only inside the RecordService::WriteBatch call that hands it out;
// not thread-safe.
class BatchWriter {
 public:
  virtual ~BatchWriter() = default;
  virtual store::Connection& conn() = 0;
  virtual const meta::Registry& registry() const = 0;
  virtual Micros now() const = 0;
  // The API's checks, before any write: trims text, then ValidateForCreate (defaults filled in) or
  // ValidateForPatch. Every problem; empty when the values may be written. Writes nothing.
  virtual std::vector<FieldError> ValidateCreate(const meta::ObjectDef& object, boost::json::object& values) = 0;
  virtual std::vector<FieldError> ValidatePatch(const meta::ObjectDef& object, boost::json::object& patch) = 0;
  // Writes validated values as RecordService::Create and Update do (without Idempotency-Key and
  // If-Match). Update returns the record unchanged (same version) when nothing differs. Errors as
  // theirs; after an error the transaction may be half-written: end the batch with it.
  virtual Result<boost::json::object> Create(const meta::ObjectDef& object, boost::json::object values) = 0;
  virtual Result<boost::json::object> Update(const meta::ObjectDef& object, std::int64_t id,
                                             boost::json::object patch) = 0;
  // The record with `id` and its links, for update (its row is locked on PostgreSQL); nullopt when
  // there is none or it is deleted.
  virtual Result<std::optional<boost::json::object>> FindForUpdate(const meta::ObjectDef& object, std::int64_t id) = 0;
};

class RecordService {
 public:
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 200;

  RecordService(store::Database& db, meta::RegistryHolder& registry, const Clock& clock, const HookRegistry& hooks);

  // Every call acts for `caller` (domain/access/caller.h): it stamps created_by with the caller's
  // user, and a record the caller may not see is one that does not exist (kNotFound; lists and
  // search leave it out). A create by a user owns the record by default (ObjectDef::owner); a
  // write that would leave the record outside what the caller sees is kPermissionDenied and
  // changes nothing; a link to a record the caller may not see is refused as a link to a missing one.
  //
  // Errors of every call: kNotFound for an unknown object or record; kInvalidArgument with field
  // problems for bad input; kUnavailable when the database is busy or unreachable.

  // Also kMethodNotAllowed for an object only the system writes; kFailedPrecondition for a link to
  // a missing record or a reused Idempotency-Key with another body; kConflict for a taken unique value.
  Result<Created> Create(const Caller& caller, std::string_view object, boost::json::object body, const CreateOptions& options);
  // nullopt when there is no such record, or it is deleted and `include_deleted` is false.
  Result<std::optional<boost::json::object>> Find(const Caller& caller, std::string_view object, std::int64_t id, bool include_deleted);
  // Also kStaleVersion when `if_match` is not the current version.
  Result<boost::json::object> Update(const Caller& caller, std::string_view object, std::int64_t id, boost::json::object patch,
                                     std::optional<std::int64_t> if_match);
  // Soft delete: the record is hidden from reads and lists and can be restored.
  Status Delete(const Caller& caller, std::string_view object, std::int64_t id, std::optional<std::int64_t> if_match);
  // kConflict when a unique value of the record has been taken meanwhile.
  Result<boost::json::object> Restore(const Caller& caller, std::string_view object, std::int64_t id);
  // Removes a deleted record for good (erasure); links to it from other records are cleared.
  // kConflict when the record is not deleted first.
  Status Purge(const Caller& caller, std::string_view object, std::int64_t id);
  // Merges record `from` into record `into` of `object` (domain/merge/merge_values.h says which
  // values the survivor takes): every link to `from` moves to `into`, `from` is soft-deleted (kept,
  // restorable) and the merge is recorded (domain/merge/merge_log.h) with an `<object>.merged`
  // outbox event, all in one transaction. kInvalidArgument when `from` is `into` or no live record
  // of the object; kStaleVersion when `if_match` is not the version of `into`.
  Result<Merged> Merge(const Caller& caller, std::string_view object, std::int64_t into, std::int64_t from,
                       std::optional<std::int64_t> if_match);
  // The merges into record `into`, oldest first; kNotFound when there is no such record.
  Result<std::vector<MergeEntry>> MergesInto(const Caller& caller, std::string_view object, std::int64_t into);
  // Runs `work` in one write transaction with a BatchWriter: commits when it returns OK, rolls
  // back and returns its error otherwise. Like Database::Write, runs `work` again after a busy or
  // serialization failure, so `work` must start from scratch each time. Blocks.
  Status WriteBatch(const Caller& caller, const std::function<Status(BatchWriter&)>& work);
  Result<RecordPage> List(const Caller& caller, std::string_view object, const ListRequest& request);
  // Searches every object with search fields; the best `limit` hits of each, people first.
  Result<std::vector<SearchHit>> Search(const Caller& caller, std::string_view q, int limit);

  const meta::RegistryHolder& registry() const { return registry_; }
  store::Database& db() const { return db_; }

 private:
  class Writer;

  // Narrows a list to the rows `caller` may see (domain/access/visibility.h).
  void AddVisibility(const meta::Registry& registry, const meta::ObjectDef& object, const Caller& caller,
                     ListSpec& spec) const;

  store::Database& db_;
  meta::RegistryHolder& registry_;
  const Clock& clock_;
  const HookRegistry& hooks_;
  RecordRepository repo_;
};

}  // namespace rapport::domain
