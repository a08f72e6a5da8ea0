// SQL for records of any object, built from metadata (STYLE section 2, step 6): identifiers come
// only from the registry and every value is bound. Works inside the caller's transaction on the
// given connection. Thread-safe (the layout cache is the only state); every call blocks.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/record/list_query.h"
#include "domain/record/record_layout.h"
#include "meta/registry.h"
#include "store/store.h"

namespace rapport::domain {

// One page of a list: records in order and, when more follow, the cursor of the next page.
struct RecordPage {
  std::vector<boost::json::object> records;
  std::optional<std::string> next;
};

// What a list asks for. `where` is extra SQL over alias `t` whose placeholders are numbered from
// $1 with `params` (a compiled filter); the repository appends its own.
struct ListSpec {
  std::string where;
  std::vector<store::Value> params;
  Sort sort;
  std::optional<Cursor> after;
  int limit = 50;
  bool include_deleted = false;
  // Full-text search: prefix terms already folded (common/text_fold.h). With an empty sort the
  // page is ranked and `offset` pages it; with a sort, the terms only filter.
  std::vector<std::string> search_terms;
  std::int64_t offset = 0;
};

class RecordRepository {
 public:
  explicit RecordRepository(store::Dialect dialect) : dialect_(dialect) {}

  store::Dialect dialect() const { return dialect_; }

  // The layout of `object` in `registry`, built once per registry version. Shared ownership keeps it
  // valid while a newer registry replaces the old one.
  std::shared_ptr<const RecordLayout> Layout(const meta::Registry& registry, const meta::ObjectDef& object);

  // Inserts a record from `values` (validated field values; absent fields stay NULL) and returns it
  // as stored (link_many members empty: SaveLinks writes them). kConflict for a taken unique value.
  Result<boost::json::object> Insert(store::Connection& conn, const meta::Registry& registry,
                                     const meta::ObjectDef& object, const boost::json::object& values, Micros now,
                                     std::optional<std::int64_t> actor, const std::optional<std::string>& search_text);

  // The record with `id` and its links, deleted or not, in one statement; nullopt when there is none.
  // `for_update` locks the row on PostgreSQL until the transaction ends (SQLite's single writer
  // already serializes writes).
  Result<std::optional<boost::json::object>> Find(store::Connection& conn, const meta::Registry& registry,
                                                  const meta::ObjectDef& object, std::int64_t id, bool for_update);

  // Writes `changes` (field values) to record `id`, bumps its version and updated_at, and returns it
  // as stored (link_many members empty). An empty `changes` still bumps the version.
  Result<boost::json::object> Update(store::Connection& conn, const meta::Registry& registry,
                                     const meta::ObjectDef& object, std::int64_t id,
                                     const boost::json::object& changes, Micros now,
                                     const std::optional<std::string>& search_text);

  // Sets or clears deleted_at, bumping the version.
  Status SetDeleted(store::Connection& conn, const meta::ObjectDef& object, std::int64_t id,
                    std::optional<Micros> deleted_at, Micros now);
  // Removes the row and its links for good, and clears every link to it from other records.
  Status Purge(store::Connection& conn, const meta::Registry& registry, const meta::ObjectDef& object,
               std::int64_t id, Micros now);

  // Points every link to record `from` of `object` at `into` instead, or clears it when `into` is
  // nullopt: link columns of every object and link_many rows (duplicates dropped); the records
  // whose links change get a new version. Deleted rows too. Returns how many records of each
  // object changed.
  Result<std::map<std::string, std::int64_t>> Relink(store::Connection& conn, const meta::Registry& registry,
                                                     const meta::ObjectDef& object, std::int64_t from,
                                                     std::optional<std::int64_t> into, Micros now);

  // Replaces the links of one link_many field with `targets` (ids).
  Status SaveLinks(store::Connection& conn, const meta::ObjectDef& object, const meta::FieldDef& field,
                   std::int64_t id, std::span<const std::int64_t> targets);
  // The id of the undeleted record of `object` whose `key` field is `value` without regard to case
  // (how link_many `by` fields name their targets: tags); nullopt when there is none.
  Result<std::optional<std::int64_t>> FindIdByKey(store::Connection& conn, const meta::ObjectDef& object,
                                                  const meta::FieldDef& key, std::string_view value);
  // The ids of records of `object` whose `link` field points at `target`.
  Result<std::vector<std::int64_t>> IdsLinkingTo(store::Connection& conn, const meta::ObjectDef& object,
                                                 const meta::FieldDef& link, std::int64_t target);
  // The search text of `record` (search_text): the values of the object's search fields, a link by
  // its target's title, folded by SearchDocument (common/text_fold.h).
  Result<std::string> SearchText(store::Connection& conn, const meta::Registry& registry,
                                 const meta::ObjectDef& object, const boost::json::object& record);
  // Replaces the search text of one record (derived data: no new version).
  Status SetSearchText(store::Connection& conn, const meta::ObjectDef& object, std::int64_t id,
                       const std::string& text);

  // Whether a record with `id` exists and is not deleted.
  Result<bool> Exists(store::Connection& conn, const meta::ObjectDef& object, std::int64_t id);
  // The title of record `id` of `object` (its title fields joined by a space); empty when none.
  Result<std::string> Title(store::Connection& conn, const meta::ObjectDef& object, std::int64_t id);

  Result<RecordPage> List(store::Connection& conn, const meta::Registry& registry, const meta::ObjectDef& object,
                          const ListSpec& spec);

 private:
  struct Layouts {
    std::int64_t version = -1;
    std::map<std::string, std::shared_ptr<const RecordLayout>, std::less<>> by_object;
  };

  const store::Dialect dialect_;
  std::mutex mu_;
  Layouts layouts_;  // guarded by mu_
};

}  // namespace rapport::domain
