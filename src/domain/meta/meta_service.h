// Custom fields and custom objects at runtime (DESIGN 3.3, STYLE 7): builds the registry from the
// built-in definitions and the meta_* rows, keeps every object's table in step with it, and applies
// a change as one transaction (the metadata row, the DDL of meta/migration_planner.h, the version
// bump and an outbox event) before swapping the new registry in. Thread-safe; every call blocks.
//
// Tables (store/<dialect>/migrations/0003_meta.sql): meta_objects(name, definition), meta_fields(object,
// name, definition, position), meta_state(version). A definition is JSON in the format of
// meta/builtin/*.json; a custom object's has "fields": [] and its fields are meta_fields rows, like
// the custom fields of built-in objects.
// Events: meta.object_added, meta.field_added, meta.field_updated, meta.field_purged, with aggregate
// type "meta", id "<object>" or "<object>.<field>", and payload {"object", "field" (not for an
// object), "version", "definition" (not for a purge)}.
//
// Several nodes: a change locks the meta_state row first, so changes from all nodes are serialized
// and each one is checked against every change committed before it. A node notices the changes of
// others through Refresh (`rapport serve` calls it every 2 s), so for up to that long it serves the
// registry it had.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "meta/registry.h"
#include "meta/registry_holder.h"
#include "store/store.h"

namespace rapport::domain {

class MetaService {
 public:
  // `registry` holds the registry Load returned; changes swap their result into it. Both arguments
  // must outlive the service.
  MetaService(store::Database& db, meta::RegistryHolder& registry, const Clock& clock)
      : db_(db), registry_(registry), clock_(clock) {}

  // Reads the built-in definitions and the custom rows into a new registry at meta_state's version,
  // and in the same write transaction creates or extends the table of every object (missing
  // columns, indexes, search index); a second Load finds nothing to do. Needs the migrations
  // applied. kInvalidArgument when the stored definitions do not make a valid registry (a custom
  // field whose name a newer built-in takes), kInternal for a failing DDL statement, the store's
  // errors otherwise. The caller owns the registry.
  static Result<std::shared_ptr<const meta::Registry>> Load(store::Database& db);

  // The DDL that would bring the tables in step with `registry` (PlanSync per object); empty when
  // they are. Blocks.
  static Result<std::vector<std::string>> PlanSchema(store::Connection& conn, const meta::Registry& registry);

  // Adds a custom field to `object` from its JSON definition (meta/object_def_json.h; the origin is
  // always custom, its columns are cf_<name>). Its column and indexes are added to the table; a
  // required field is enforced on writes only, so a table with rows is fine. Returns the new registry,
  // now current. kNotFound: no such object. kInvalidArgument with per-key problems ("name", "type",
  // "options"): a bad definition or name (not [a-z][a-z0-9_]{0,40}, reserved for a system column).
  // kConflict: the object has a field of that name.
  Result<std::shared_ptr<const meta::Registry>> AddField(std::string_view object,
                                                         const boost::json::value& definition);

  // Adds a custom object {"object": "project", "label": ..., "title": [...], "search": [...],
  // "fields": [...]} with table co_<name> (its columns, indexes and search index), served at
  // /api/v1/objects/<name>. Returns the new registry, now current. kInvalidArgument with problems
  // named like "object", "fields[1].type"; kConflict: an object of that name exists.
  Result<std::shared_ptr<const meta::Registry>> AddObject(const boost::json::value& definition);

  // Changes a custom field: {"active": false} deactivates it (hidden, refused on writes, its data
  // kept), {"active": true} brings it back; "label" and "description" may change too, nothing else.
  // Returns the new registry, now current. kNotFound: no such object or field. kInvalidArgument: any
  // other key (a type change) or a wrong JSON type. kFailedPrecondition: a built-in field.
  Result<std::shared_ptr<const meta::Registry>> UpdateField(std::string_view object, std::string_view field,
                                                            const boost::json::value& patch);

  // Removes an inactive custom field for good: its row, its columns and indexes, its record_links
  // rows. Returns the new registry, now current. kNotFound: no such object or field.
  // kFailedPrecondition: a built-in or still active field, or one the object still names (title,
  // search) or another object links by.
  Result<std::shared_ptr<const meta::Registry>> PurgeField(std::string_view object, std::string_view field);

  // Reloads the registry when meta_state's version differs from the current one's (another node
  // changed the metadata). Returns whether it did. The store's errors, or kInvalidArgument when the
  // stored definitions do not build (the current registry stays).
  Result<bool> Refresh();

 private:
  store::Database& db_;
  meta::RegistryHolder& registry_;
  const Clock& clock_;
  // Serializes this node's changes and reloads, so that the registries it swaps in follow the
  // version order. Held across the database work: metadata changes are rare.
  std::mutex mu_;
};

}  // namespace rapport::domain
