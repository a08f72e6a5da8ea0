#include "domain/record/record_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/json.h"
#include "common/text_fold.h"
#include "domain/access/visibility.h"
#include "domain/audit/audit_log.h"
#include "domain/merge/merge_values.h"
#include "domain/record/idempotency_keys.h"
#include "domain/record/record_filter.h"
#include "domain/record/record_json.h"
#include "meta/field_value.h"
#include "meta/migration_planner.h"
#include "meta/record_validator.h"
#include "store/outbox.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using meta::FieldType;

Error NotFound(const meta::ObjectDef& object, std::int64_t id) {
  return Error{ErrorCode::kNotFound, fmt::format("no {} with id {}", object.name, id), {}};
}

Result<const meta::ObjectDef*> FindObject(const meta::Registry& registry, std::string_view name) {
  const meta::ObjectDef* object = registry.FindObject(name);
  if (object == nullptr) {
    return Error{ErrorCode::kNotFound, fmt::format("no object named '{}'", name.substr(0, 64)), {}};
  }
  return object;
}

// The object `name` when the API may write its records (not stage_change, which hooks write).
Result<const meta::ObjectDef*> WritableObject(const meta::Registry& registry, std::string_view name) {
  auto object = FindObject(registry, name);
  if (object.ok() && !(*object)->writable) {
    return Error{ErrorCode::kMethodNotAllowed, fmt::format("{} records are written by the system only", name), {}};
  }
  return object;
}

// kStaleVersion when If-Match names another version than the stored record's.
Status CheckVersion(const meta::ObjectDef& object, const bj::object& stored, std::optional<std::int64_t> if_match) {
  const std::int64_t version = stored.at("version").as_int64();
  if (!if_match || *if_match == version) return {};
  return Error{ErrorCode::kStaleVersion,
               fmt::format("the {} has changed: it is at version {}, not {}", object.name, version, *if_match),
               {{"If-Match", fmt::format("is version {}; the current version is {}", *if_match, version)}}};
}

Error Invalid(const meta::ObjectDef& object, std::vector<FieldError> problems) {
  std::string message = fmt::format("the {} is not valid: {} {}", object.label.empty() ? object.name : object.label,
                                    problems[0].field, problems[0].problem);
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(problems)};
}

// The stored form of a field's value (datetimes to milliseconds, multi_enum in option order), so
// that comparing with a stored record tells a real change from a respelling.
Result<bj::value> Canonical(const meta::FieldDef& f, const bj::value& v) {
  if (f.type == FieldType::kLinkMany) {
    if (v.is_null()) return bj::value(bj::array());
    bj::array sorted = v.get_array();
    std::sort(sorted.begin(), sorted.end(), [](const bj::value& a, const bj::value& b) {
      if (a.is_string()) return a.get_string() < b.get_string();
      return a.to_number<std::int64_t>() < b.to_number<std::int64_t>();
    });
    return bj::value(std::move(sorted));
  }
  auto cells = meta::ToValues(v, f);
  if (!cells.ok()) return std::move(cells).error();
  return meta::FromCells(*cells, f);
}

// A unique violation from the store, told as the field whose value is taken. The store's message
// names the column (SQLite: "people.email") or the index (meta::IndexName's <table>_<column>_key).
Error UniqueConflict(const meta::ObjectDef& object, Error error, store::Dialect dialect) {
  if (error.code != ErrorCode::kConflict || !error.fields.empty()) return error;
  for (const meta::FieldDef& f : object.fields) {
    if (!f.unique) continue;
    const std::string column = meta::Columns(f, dialect).front().name;
    if (error.message.find(object.table + "." + column) != std::string::npos ||
        error.message.find(meta::IndexName(object.table, column, "key")) != std::string::npos) {
      return Error{ErrorCode::kConflict, fmt::format("another {} has this {} already", object.name, f.name),
                   {{f.name, fmt::format("is taken by another {}", object.name)}}};
    }
  }
  return error;
}

Status Emit(store::Connection& conn, const meta::ObjectDef& object, std::string_view action, std::int64_t id,
            bj::object payload, Micros now) {
  payload["object"] = object.name;
  payload["id"] = id;
  return store::AppendEvent(conn,
                            store::OutboxEvent{fmt::format("{}.{}", object.name, action), object.name,
                                               std::to_string(id), bj::serialize(payload)},
                            now);
}

// kNotFound unless `caller` may see record `id`: a record it may not see does not exist for it.
Status CheckVisible(store::Connection& conn, const meta::Registry& registry, const meta::ObjectDef& object,
                    const Caller& caller, std::int64_t id) {
  auto visible = IsVisible(conn, registry, object, caller, id);
  if (!visible.ok()) return std::move(visible).error();
  if (!*visible) return NotFound(object, id);
  return {};
}

// kPermissionDenied when the record just written is no longer one `caller` may see (its owner set
// to someone outside the caller's team); the transaction rolls back.
Status CheckStillVisible(store::Connection& conn, const meta::Registry& registry, const meta::ObjectDef& object,
                         const Caller& caller, std::int64_t id) {
  auto visible = IsVisible(conn, registry, object, caller, id);
  if (!visible.ok()) return std::move(visible).error();
  if (*visible) return {};
  const std::string field = object.owner.empty() ? object.owned_via.front() : object.owner;
  return Error{ErrorCode::kPermissionDenied,
               fmt::format("the {} would be outside the records you may see: give it an owner in your team",
                           object.name),
               {{field, "would put the record outside your team's records"}}};
}

// Every link in `values` that is set or changed must point at a record `caller` may see; one it
// may not see is refused as a missing one (422), so that a link tells nothing about it.
Status CheckLinkTargets(store::Connection& conn, const meta::Registry& registry, const meta::ObjectDef& object,
                        const Caller& caller, const bj::object* before, const bj::object& values) {
  if (caller.everything) return {};
  for (const meta::FieldDef& f : object.fields) {
    if (!f.active || (f.type != FieldType::kLink && f.type != FieldType::kLinkMany) || !f.by.empty()) continue;
    const bj::value* v = values.if_contains(f.name);
    if (v == nullptr || v->is_null()) continue;
    if (before != nullptr && before->contains(f.name) && before->at(f.name) == *v) continue;
    const meta::ObjectDef* target = registry.FindObject(f.target);
    if (target == nullptr) continue;
    std::vector<std::int64_t> ids;
    if (v->is_array()) {
      for (const bj::value& item : v->get_array()) {
        if (item.is_number()) ids.push_back(item.to_number<std::int64_t>());
      }
    } else if (v->is_number()) {
      ids.push_back(v->to_number<std::int64_t>());
    }
    for (std::int64_t id : ids) {
      auto visible = IsVisible(conn, registry, *target, caller, id);
      if (!visible.ok()) return std::move(visible).error();
      if (*visible) continue;
      std::string problem = fmt::format("no {} with id {}", target->name, id);
      return Error{ErrorCode::kFailedPrecondition, fmt::format("{} {}", f.name, problem), {{f.name, problem}}};
    }
  }
  return {};
}

// The audit entry of a change made through the API, in its transaction.
Status Audit(store::Connection& conn, const Caller& caller, const meta::ObjectDef& object, std::string_view action,
             std::int64_t id, Micros now, bj::object detail = {}) {
  AuditEntry entry = AuditOf(caller, fmt::format("{}.{}", object.name, action), now);
  entry.object = object.name;
  entry.record = id;
  entry.detail = std::move(detail);
  return AppendAudit(conn, entry);
}

// A user's new record is theirs unless the body names its owner.
void DefaultOwner(const meta::ObjectDef& object, const Caller& caller, bj::object& values) {
  if (!caller.actor || object.owner.empty() || values.contains(object.owner)) return;
  const meta::FieldDef* f = object.FindField(object.owner);
  if (f != nullptr && f->active) values[object.owner] = *caller.actor;
}

}  // namespace

// Runs the pipeline inside a transaction; shared by the public calls and by hooks (RecordWriter).
class RecordService::Writer : public RecordWriter {
 public:
  explicit Writer(RecordService& service) : s_(service) {}

  Result<bj::object> CreateIn(WriteContext& ctx, std::string_view object_name, bj::object values) override {
    auto object = FindObject(ctx.registry, object_name);
    if (!object.ok()) return std::move(object).error();
    auto problems = meta::ValidateForCreate(**object, values, meta::Writer::kHook);
    if (!problems.empty()) return Invalid(**object, std::move(problems));
    return Create(ctx, **object, std::move(values));
  }

  Result<bj::object> UpdateIn(WriteContext& ctx, std::string_view object_name, std::int64_t id,
                              bj::object changes) override {
    auto object = FindObject(ctx.registry, object_name);
    if (!object.ok()) return std::move(object).error();
    auto problems = meta::ValidateForPatch(**object, changes, meta::Writer::kHook);
    if (!problems.empty()) return Invalid(**object, std::move(problems));
    auto before = s_.repo_.Find(ctx.conn, ctx.registry, **object, id, true);
    if (!before.ok()) return std::move(before).error();
    if (!before->has_value() || !(**before).at("deleted_at").is_null()) return NotFound(**object, id);
    return Update(ctx, **object, std::move(**before), std::move(changes));
  }

  // `values` are validated field values (defaults applied).
  Result<bj::object> Create(WriteContext& ctx, const meta::ObjectDef& object, bj::object values) {
    RAPPORT_RETURN_IF_ERROR(CheckLinks(ctx, object, nullptr, values));
    for (const RecordHooks& hooks : s_.hooks_.For(object.name)) {
      if (hooks.before_write) RAPPORT_RETURN_IF_ERROR(hooks.before_write(ctx, nullptr, values));
    }
    std::optional<std::string> search;
    if (!object.search.empty()) {
      auto text = SearchText(ctx, object, values);
      if (!text.ok()) return std::move(text).error();
      search = std::move(*text);
    }
    auto record = s_.repo_.Insert(ctx.conn, ctx.registry, object, values, ctx.now, ctx.actor, search);
    if (!record.ok()) return std::move(record).error();
    const std::int64_t id = record->at("id").as_int64();
    RAPPORT_RETURN_IF_ERROR(SaveLinks(ctx, object, id, values, *record));
    for (const RecordHooks& hooks : s_.hooks_.For(object.name)) {
      if (hooks.after_write) RAPPORT_RETURN_IF_ERROR(hooks.after_write(ctx, nullptr, *record));
    }
    RAPPORT_RETURN_IF_ERROR(Emit(ctx.conn, object, "created", id, bj::object{{"record", *record}}, ctx.now));
    return record;
  }

  // `before` is the stored record with its links; `patch` holds validated field values.
  Result<bj::object> Update(WriteContext& ctx, const meta::ObjectDef& object, bj::object before, bj::object patch) {
    const std::int64_t id = before.at("id").as_int64();
    bj::object after = before;
    for (auto& kv : patch) {
      const meta::FieldDef* f = object.FindField(kv.key());
      auto canonical = Canonical(*f, kv.value());
      if (!canonical.ok()) return std::move(canonical).error();
      after[kv.key()] = std::move(*canonical);
    }
    RAPPORT_RETURN_IF_ERROR(CheckLinks(ctx, object, &before, after));
    for (const RecordHooks& hooks : s_.hooks_.For(object.name)) {
      if (hooks.before_write) RAPPORT_RETURN_IF_ERROR(hooks.before_write(ctx, &before, after));
    }
    // Only what differs is written, so concurrent changes to other fields survive.
    bj::object changes;
    bj::object diff;
    bool links_changed = false;
    bool search_changed = false;
    bool title_changed = false;
    for (const meta::FieldDef& f : object.fields) {
      if (!f.active) continue;
      const bj::value* a = after.if_contains(f.name);
      const bj::value* b = before.if_contains(f.name);
      if (a == nullptr || (b != nullptr && *a == *b)) continue;
      // Patch values are canonical already; what a hook derived is made so here.
      bj::value next = *a;
      if (f.type == FieldType::kLinkMany || !next.is_null()) {
        auto canonical = Canonical(f, next);
        if (!canonical.ok()) return std::move(canonical).error();
        next = std::move(*canonical);
      }
      after[f.name] = next;
      if (b != nullptr && *b == next) continue;
      diff[f.name] = bj::object{{"from", b != nullptr ? *b : bj::value(nullptr)}, {"to", next}};
      if (f.type == FieldType::kLinkMany) {
        links_changed = true;
      } else {
        changes[f.name] = next;
      }
      if (std::find(object.search.begin(), object.search.end(), f.name) != object.search.end()) search_changed = true;
      if (std::find(object.title.begin(), object.title.end(), f.name) != object.title.end()) title_changed = true;
    }
    if (diff.empty()) return before;  // nothing changes: no write, no new version
    std::optional<std::string> search;
    if (search_changed) {
      auto text = SearchText(ctx, object, after);
      if (!text.ok()) return std::move(text).error();
      search = std::move(*text);
    }
    auto record = s_.repo_.Update(ctx.conn, ctx.registry, object, id, changes, ctx.now, search);
    if (!record.ok()) return std::move(record).error();
    if (links_changed) {
      RAPPORT_RETURN_IF_ERROR(SaveLinks(ctx, object, id, after, *record));
    } else {
      for (const meta::FieldDef& f : object.fields) {
        if (f.active && f.type == FieldType::kLinkMany) (*record)[f.name] = before.at(f.name);
      }
    }
    for (const RecordHooks& hooks : s_.hooks_.For(object.name)) {
      if (hooks.after_write) RAPPORT_RETURN_IF_ERROR(hooks.after_write(ctx, &before, *record));
    }
    if (title_changed) RAPPORT_RETURN_IF_ERROR(RefreshDependentSearch(ctx, object, id));
    RAPPORT_RETURN_IF_ERROR(Emit(ctx.conn, object, "updated", id, bj::object{{"changes", std::move(diff)}}, ctx.now));
    return record;
  }

  // A record's title is part of the search text of records that link to it (a person is found by
  // the organization's name): recompute theirs.
  Status RefreshDependentSearch(WriteContext& ctx, const meta::ObjectDef& object, std::int64_t id) {
    for (const meta::ObjectDef& other : ctx.registry.objects()) {
      for (const std::string& name : other.search) {
        const meta::FieldDef* f = other.FindField(name);
        if (f == nullptr || f->type != FieldType::kLink || f->target != object.name) continue;
        auto ids = s_.repo_.IdsLinkingTo(ctx.conn, other, *f, id);
        if (!ids.ok()) return std::move(ids).error();
        for (std::int64_t dependent : *ids) {
          auto record = s_.repo_.Find(ctx.conn, ctx.registry, other, dependent, false);
          if (!record.ok()) return std::move(record).error();
          if (!record->has_value()) continue;
          auto text = SearchText(ctx, other, **record);
          if (!text.ok()) return std::move(text).error();
          RAPPORT_RETURN_IF_ERROR(s_.repo_.SetSearchText(ctx.conn, other, dependent, *text));
        }
      }
    }
    return {};
  }

 private:
  // Every link that is set or changed must point at an existing, undeleted record (422 otherwise).
  Status CheckLinks(WriteContext& ctx, const meta::ObjectDef& object, const bj::object* before,
                    const bj::object& values) {
    std::vector<FieldError> problems;
    for (const meta::FieldDef& f : object.fields) {
      if (!f.active || (f.type != FieldType::kLink && f.type != FieldType::kLinkMany) || !f.by.empty()) continue;
      const bj::value* v = values.if_contains(f.name);
      if (v == nullptr || v->is_null()) continue;
      if (before != nullptr && before->contains(f.name) && before->at(f.name) == *v) continue;
      const meta::ObjectDef* target = ctx.registry.FindObject(f.target);
      std::vector<std::int64_t> ids;
      if (v->is_array()) {
        for (const bj::value& item : v->get_array()) ids.push_back(item.to_number<std::int64_t>());
      } else {
        ids.push_back(v->to_number<std::int64_t>());
      }
      for (std::int64_t target_id : ids) {
        auto exists = s_.repo_.Exists(ctx.conn, *target, target_id);
        if (!exists.ok()) return std::move(exists).error();
        if (!*exists) {
          problems.push_back({f.name, fmt::format("no {} with id {}", target->name, target_id)});
          break;
        }
      }
    }
    if (!problems.empty()) {
      std::string message = fmt::format("{} {}", problems[0].field, problems[0].problem);
      return Error{ErrorCode::kFailedPrecondition, std::move(message), std::move(problems)};
    }
    return {};
  }

  // Writes the link_many members of `values` and puts their stored form into `record`.
  Status SaveLinks(WriteContext& ctx, const meta::ObjectDef& object, std::int64_t id, const bj::object& values,
                   bj::object& record) {
    bool saved = false;
    for (const meta::FieldDef& f : object.fields) {
      if (!f.active || f.type != FieldType::kLinkMany) continue;
      const bj::value* v = values.if_contains(f.name);
      if (v == nullptr || v->is_null()) continue;
      saved = true;
      std::vector<std::int64_t> ids;
      for (const bj::value& item : v->get_array()) {
        if (!item.is_string()) {
          ids.push_back(item.to_number<std::int64_t>());
          continue;
        }
        auto target = Named(ctx, f, item.get_string());
        if (!target.ok()) return std::move(target).error();
        ids.push_back(*target);
      }
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      RAPPORT_RETURN_IF_ERROR(s_.repo_.SaveLinks(ctx.conn, object, f, id, ids));
    }
    if (!saved) return {};  // none given: they stay empty
    // The stored form, read the way every read gets it.
    auto stored = s_.repo_.Find(ctx.conn, ctx.registry, object, id, false);
    if (!stored.ok()) return std::move(stored).error();
    record = std::move(**stored);
    return {};
  }

  // The id of the target that a `by` field names (a tag by its name), created through this pipeline
  // (validation, hooks, search text, event) when there is none.
  Result<std::int64_t> Named(WriteContext& ctx, const meta::FieldDef& field, std::string_view name) {
    const meta::ObjectDef& target = *ctx.registry.FindObject(field.target);
    const meta::FieldDef& key = *target.FindField(field.by);
    auto found = s_.repo_.FindIdByKey(ctx.conn, target, key, name);
    if (!found.ok()) return std::move(found).error();
    if (*found) return **found;
    auto created = CreateIn(ctx, target.name, bj::object{{field.by, name}});
    if (!created.ok()) {
      // Told as a problem of the field that named it.
      std::string problem = fmt::format("'{}': {}", name, created.error().fields.empty()
                                                              ? created.error().message
                                                              : created.error().fields[0].field + " " +
                                                                    created.error().fields[0].problem);
      return Error{created.error().code, fmt::format("{} {}", field.name, problem), {{field.name, problem}}};
    }
    return created->at("id").as_int64();
  }

  // The folded text that q= matches: the object's search fields, a link by its target's title.
  Result<std::string> SearchText(WriteContext& ctx, const meta::ObjectDef& object, const bj::object& record) {
    return s_.repo_.SearchText(ctx.conn, ctx.registry, object, record);
  }

  RecordService& s_;
};

RecordService::RecordService(store::Database& db, meta::RegistryHolder& registry, const Clock& clock,
                             const HookRegistry& hooks)
    : db_(db), registry_(registry), clock_(clock), hooks_(hooks), repo_(db.dialect()) {}

Result<Created> RecordService::Create(const Caller& caller, std::string_view object_name, bj::object body,
                                     const CreateOptions& options) {
  auto registry = registry_.Get();
  auto object = WritableObject(*registry, object_name);
  if (!object.ok()) return std::move(object).error();
  const meta::ObjectDef& def = **object;
  meta::TrimText(def, body);
  DefaultOwner(def, caller, body);
  auto problems = meta::ValidateForCreate(def, body);
  if (!problems.empty()) return Invalid(def, std::move(problems));
  const std::string scope = def.name;
  auto created = store::WriteValue(db_, [&](store::Connection& conn) -> Result<Created> {
    const Micros now = clock_.Now();
    if (options.idempotency_key) {
      const std::string& key = *options.idempotency_key;
      auto first = ClaimIdempotencyKey(conn, scope, key, options.request_hash, now);
      if (!first.ok()) return std::move(first).error();
      if (!*first) {
        auto kept = FindIdempotentAnswer(conn, scope, key);
        if (!kept.ok()) return std::move(kept).error();
        if (!*kept) return Error{ErrorCode::kUnavailable, "the Idempotency-Key is being released; retry", {}};
        if ((*kept)->request_hash != options.request_hash) {
          return Error{ErrorCode::kFailedPrecondition, "this Idempotency-Key was used for a different request",
                       {{"Idempotency-Key", "was used for a different request body"}}};
        }
        auto answer = json::ParseObject((*kept)->response);
        if (!answer.ok()) return Error{ErrorCode::kInternal, "a kept idempotent answer is unreadable", {}};
        return Created{std::move(*answer), true};
      }
    }
    RAPPORT_RETURN_IF_ERROR(CheckLinkTargets(conn, *registry, def, caller, nullptr, body));
    Writer writer(*this);
    WriteContext ctx{conn, *registry, now, caller.actor, writer};
    auto record = writer.Create(ctx, def, body);
    if (!record.ok()) return std::move(record).error();
    RAPPORT_RETURN_IF_ERROR(CheckStillVisible(conn, *registry, def, caller, record->at("id").as_int64()));
    RAPPORT_RETURN_IF_ERROR(
        Audit(conn, caller, def, "created", record->at("id").as_int64(), now, bj::object{{"record", *record}}));
    if (options.idempotency_key) {
      RAPPORT_RETURN_IF_ERROR(SaveIdempotentAnswer(conn, scope, *options.idempotency_key, bj::serialize(*record)));
    }
    return Created{std::move(*record), false};
  });
  if (!created.ok()) return UniqueConflict(def, std::move(created).error(), repo_.dialect());
  return created;
}

Result<std::optional<bj::object>> RecordService::Find(const Caller& caller, std::string_view object_name,
                                                      std::int64_t id, bool include_deleted) {
  auto registry = registry_.Get();
  auto object = FindObject(*registry, object_name);
  if (!object.ok()) return std::move(object).error();
  const meta::ObjectDef& def = **object;
  auto read = [&](store::Connection& conn) -> Result<std::optional<bj::object>> {
    auto record = repo_.Find(conn, *registry, def, id, false);
    if (!record.ok()) return std::move(record).error();
    if (!record->has_value()) return record;
    if (!include_deleted && !(**record).at("deleted_at").is_null()) return std::optional<bj::object>();
    auto visible = IsVisible(conn, *registry, def, caller, id);
    if (!visible.ok()) return std::move(visible).error();
    if (!*visible) return std::optional<bj::object>();
    return record;
  };
  // The record is one statement, links included; the visibility check (none for admins) may see a
  // newer state, which at worst hides a record whose owner just changed.
  return store::ReadStatementValue(db_, read);
}

Result<bj::object> RecordService::Update(const Caller& caller, std::string_view object_name, std::int64_t id,
                                         bj::object patch, std::optional<std::int64_t> if_match) {
  auto registry = registry_.Get();
  auto object = WritableObject(*registry, object_name);
  if (!object.ok()) return std::move(object).error();
  const meta::ObjectDef& def = **object;
  meta::TrimText(def, patch);
  auto problems = meta::ValidateForPatch(def, patch);
  if (!problems.empty()) return Invalid(def, std::move(problems));
  auto updated = store::WriteValue(db_, [&](store::Connection& conn) -> Result<bj::object> {
    Writer writer(*this);
    WriteContext ctx{conn, *registry, clock_.Now(), caller.actor, writer};
    auto before = repo_.Find(conn, *registry, def, id, true);
    if (!before.ok()) return std::move(before).error();
    if (!before->has_value() || !(**before).at("deleted_at").is_null()) return NotFound(def, id);
    RAPPORT_RETURN_IF_ERROR(CheckVisible(conn, *registry, def, caller, id));
    RAPPORT_RETURN_IF_ERROR(CheckVersion(def, **before, if_match));
    RAPPORT_RETURN_IF_ERROR(CheckLinkTargets(conn, *registry, def, caller, &**before, patch));
    const bj::object was = **before;
    auto record = writer.Update(ctx, def, std::move(**before), patch);
    if (!record.ok()) return record;
    RAPPORT_RETURN_IF_ERROR(CheckStillVisible(conn, *registry, def, caller, id));
    bj::object changes = ChangedFields(was, *record);
    if (!changes.empty()) {
      RAPPORT_RETURN_IF_ERROR(Audit(conn, caller, def, "updated", id, ctx.now, bj::object{{"changes", std::move(changes)}}));
    }
    return record;
  });
  if (!updated.ok()) return UniqueConflict(def, std::move(updated).error(), repo_.dialect());
  return updated;
}

Status RecordService::Delete(const Caller& caller, std::string_view object_name, std::int64_t id,
                             std::optional<std::int64_t> if_match) {
  auto registry = registry_.Get();
  auto object = WritableObject(*registry, object_name);
  if (!object.ok()) return std::move(object).error();
  const meta::ObjectDef& def = **object;
  return db_.Write([&](store::Connection& conn) -> Status {
    const Micros now = clock_.Now();
    auto before = repo_.Find(conn, *registry, def, id, true);
    if (!before.ok()) return std::move(before).error();
    if (!before->has_value() || !(**before).at("deleted_at").is_null()) return NotFound(def, id);
    RAPPORT_RETURN_IF_ERROR(CheckVisible(conn, *registry, def, caller, id));
    RAPPORT_RETURN_IF_ERROR(CheckVersion(def, **before, if_match));
    RAPPORT_RETURN_IF_ERROR(repo_.SetDeleted(conn, def, id, now, now));
    Writer writer(*this);
    WriteContext ctx{conn, *registry, now, caller.actor, writer};
    for (const RecordHooks& hooks : hooks_.For(def.name)) {
      if (hooks.after_delete) RAPPORT_RETURN_IF_ERROR(hooks.after_delete(ctx, **before));
    }
    RAPPORT_RETURN_IF_ERROR(Audit(conn, caller, def, "deleted", id, now));
    return Emit(conn, def, "deleted", id, {}, now);
  });
}

Result<bj::object> RecordService::Restore(const Caller& caller, std::string_view object_name, std::int64_t id) {
  auto registry = registry_.Get();
  auto object = FindObject(*registry, object_name);
  if (!object.ok()) return std::move(object).error();
  const meta::ObjectDef& def = **object;
  auto restored = store::WriteValue(db_, [&](store::Connection& conn) -> Result<bj::object> {
    const Micros now = clock_.Now();
    auto before = repo_.Find(conn, *registry, def, id, true);
    if (!before.ok()) return std::move(before).error();
    if (!before->has_value()) return NotFound(def, id);
    RAPPORT_RETURN_IF_ERROR(CheckVisible(conn, *registry, def, caller, id));
    if (!(**before).at("deleted_at").is_null()) {
      RAPPORT_RETURN_IF_ERROR(repo_.SetDeleted(conn, def, id, std::nullopt, now));
      Writer writer(*this);
      WriteContext ctx{conn, *registry, now, caller.actor, writer};
      for (const RecordHooks& hooks : hooks_.For(def.name)) {
        if (hooks.after_restore) RAPPORT_RETURN_IF_ERROR(hooks.after_restore(ctx, **before));
      }
      RAPPORT_RETURN_IF_ERROR(Audit(conn, caller, def, "restored", id, now));
      RAPPORT_RETURN_IF_ERROR(Emit(conn, def, "restored", id, {}, now));
    }
    auto record = repo_.Find(conn, *registry, def, id, false);
    if (!record.ok()) return std::move(record).error();
    return std::move(**record);
  });
  if (!restored.ok()) return UniqueConflict(def, std::move(restored).error(), repo_.dialect());
  return restored;
}

Status RecordService::Purge(const Caller& caller, std::string_view object_name, std::int64_t id) {
  auto registry = registry_.Get();
  auto object = FindObject(*registry, object_name);
  if (!object.ok()) return std::move(object).error();
  const meta::ObjectDef& def = **object;
  return db_.Write([&](store::Connection& conn) -> Status {
    auto before = repo_.Find(conn, *registry, def, id, true);
    if (!before.ok()) return std::move(before).error();
    if (!before->has_value()) return NotFound(def, id);
    RAPPORT_RETURN_IF_ERROR(CheckVisible(conn, *registry, def, caller, id));
    if ((**before).at("deleted_at").is_null()) {
      return Error{ErrorCode::kConflict, fmt::format("the {} must be deleted before it is purged", def.name), {}};
    }
    const Micros now = clock_.Now();
    RAPPORT_RETURN_IF_ERROR(repo_.Purge(conn, *registry, def, id, now));
    RAPPORT_RETURN_IF_ERROR(Audit(conn, caller, def, "purged", id, now));
    return Emit(conn, def, "purged", id, {}, now);
  });
}

Result<Merged> RecordService::Merge(const Caller& caller, std::string_view object_name, std::int64_t into,
                                   std::int64_t from, std::optional<std::int64_t> if_match) {
  auto registry = registry_.Get();
  auto object = WritableObject(*registry, object_name);
  if (!object.ok()) return std::move(object).error();
  const meta::ObjectDef& def = **object;
  auto not_mergeable = [&](std::string problem) {
    return Error{ErrorCode::kInvalidArgument, fmt::format("from {}", problem), {{"from", std::move(problem)}}};
  };
  if (from == into) return not_mergeable(fmt::format("is the {} merged into", def.name));
  auto merged = store::WriteValue(db_, [&](store::Connection& conn) -> Result<Merged> {
    Writer writer(*this);
    WriteContext ctx{conn, *registry, clock_.Now(), caller.actor, writer};
    auto survivor = repo_.Find(conn, *registry, def, into, true);
    if (!survivor.ok()) return std::move(survivor).error();
    if (!survivor->has_value() || !(**survivor).at("deleted_at").is_null()) return NotFound(def, into);
    RAPPORT_RETURN_IF_ERROR(CheckVisible(conn, *registry, def, caller, into));
    RAPPORT_RETURN_IF_ERROR(CheckVersion(def, **survivor, if_match));
    auto other = repo_.Find(conn, *registry, def, from, true);
    if (!other.ok()) return std::move(other).error();
    auto other_visible = IsVisible(conn, *registry, def, caller, from);
    if (!other_visible.ok()) return std::move(other_visible).error();
    if (!other->has_value() || !(**other).at("deleted_at").is_null() || !*other_visible) {
      return not_mergeable(fmt::format("is not a {} that exists", def.name));
    }
    bj::object patch = MergedValues(def, **survivor, **other);
    // `from` goes first, so that a unique value it holds is free for the survivor to take.
    RAPPORT_RETURN_IF_ERROR(repo_.SetDeleted(conn, def, from, ctx.now, ctx.now));
    auto moved = repo_.Relink(conn, *registry, def, from, into, ctx.now);
    if (!moved.ok()) return std::move(moved).error();
    auto current = repo_.Find(conn, *registry, def, into, true);  // its own links may have moved
    if (!current.ok()) return std::move(current).error();
    bj::object record = std::move(**current);
    if (!patch.empty()) {
      auto problems = meta::ValidateForPatch(def, patch, meta::Writer::kHook);
      if (!problems.empty()) return Invalid(def, std::move(problems));
      auto updated = writer.Update(ctx, def, std::move(record), std::move(patch));
      if (!updated.ok()) return std::move(updated).error();
      record = std::move(*updated);
    }
    // Records found by the title of `from` are now found by the survivor's.
    RAPPORT_RETURN_IF_ERROR(writer.RefreshDependentSearch(ctx, def, into));
    RAPPORT_RETURN_IF_ERROR(CheckStillVisible(conn, *registry, def, caller, into));
    MergeEntry entry{0, def.name, into, from, std::move(**other), {}, ctx.now, ctx.actor};
    for (const auto& [name, n] : *moved) entry.moved[name] = n;
    auto id = SaveMerge(conn, entry);
    if (!id.ok()) return std::move(id).error();
    entry.id = *id;
    RAPPORT_RETURN_IF_ERROR(Audit(conn, caller, def, "merged", into, ctx.now, bj::object{{"from", from}, {"merge", entry.id}}));
    RAPPORT_RETURN_IF_ERROR(Emit(conn, def, "merged", into,
                                 bj::object{{"from", from}, {"merge", entry.id}, {"moved", entry.moved}}, ctx.now));
    return Merged{std::move(record), std::move(entry)};
  });
  if (!merged.ok()) return UniqueConflict(def, std::move(merged).error(), repo_.dialect());
  return merged;
}

Result<std::vector<MergeEntry>> RecordService::MergesInto(const Caller& caller, std::string_view object_name,
                                                          std::int64_t into) {
  auto registry = registry_.Get();
  auto object = FindObject(*registry, object_name);
  if (!object.ok()) return std::move(object).error();
  const meta::ObjectDef& def = **object;
  return store::ReadValue(db_, [&](store::Connection& conn) -> Result<std::vector<MergeEntry>> {
    auto record = repo_.Find(conn, *registry, def, into, false);
    if (!record.ok()) return std::move(record).error();
    if (!record->has_value() || !(**record).at("deleted_at").is_null()) return NotFound(def, into);
    RAPPORT_RETURN_IF_ERROR(CheckVisible(conn, *registry, def, caller, into));
    return domain::MergesInto(conn, def.name, into);
  });
}

Status RecordService::WriteBatch(const Caller& caller, const std::function<Status(BatchWriter&)>& work) {
  auto registry = registry_.Get();
  class Batch : public BatchWriter {
   public:
    Batch(RecordService& service, const Caller& caller, WriteContext& ctx) : s_(service), caller_(caller), ctx_(ctx) {}
    store::Connection& conn() override { return ctx_.conn; }
    const meta::Registry& registry() const override { return ctx_.registry; }
    Micros now() const override { return ctx_.now; }
    std::vector<FieldError> ValidateCreate(const meta::ObjectDef& object, bj::object& values) override {
      meta::TrimText(object, values);
      DefaultOwner(object, caller_, values);
      return meta::ValidateForCreate(object, values);
    }
    std::vector<FieldError> ValidatePatch(const meta::ObjectDef& object, bj::object& patch) override {
      meta::TrimText(object, patch);
      return meta::ValidateForPatch(object, patch);
    }
    Result<bj::object> Create(const meta::ObjectDef& object, bj::object values) override {
      RAPPORT_RETURN_IF_ERROR(CheckLinkTargets(ctx_.conn, ctx_.registry, object, caller_, nullptr, values));
      auto record = static_cast<Writer&>(ctx_.writer).Create(ctx_, object, std::move(values));
      if (!record.ok()) return UniqueConflict(object, std::move(record).error(), s_.repo_.dialect());
      RAPPORT_RETURN_IF_ERROR(CheckStillVisible(ctx_.conn, ctx_.registry, object, caller_, record->at("id").as_int64()));
      return record;
    }
    Result<bj::object> Update(const meta::ObjectDef& object, std::int64_t id, bj::object patch) override {
      auto before = FindForUpdate(object, id);
      if (!before.ok()) return std::move(before).error();
      if (!before->has_value()) return NotFound(object, id);
      RAPPORT_RETURN_IF_ERROR(CheckLinkTargets(ctx_.conn, ctx_.registry, object, caller_, &**before, patch));
      auto record = static_cast<Writer&>(ctx_.writer).Update(ctx_, object, std::move(**before), std::move(patch));
      if (!record.ok()) return UniqueConflict(object, std::move(record).error(), s_.repo_.dialect());
      RAPPORT_RETURN_IF_ERROR(CheckStillVisible(ctx_.conn, ctx_.registry, object, caller_, id));
      return record;
    }
    Result<std::optional<bj::object>> FindForUpdate(const meta::ObjectDef& object, std::int64_t id) override {
      auto record = s_.repo_.Find(ctx_.conn, ctx_.registry, object, id, true);
      if (!record.ok()) return std::move(record).error();
      if (record->has_value() && !(**record).at("deleted_at").is_null()) return std::optional<bj::object>();
      if (record->has_value()) {
        auto visible = IsVisible(ctx_.conn, ctx_.registry, object, caller_, id);
        if (!visible.ok()) return std::move(visible).error();
        if (!*visible) return std::optional<bj::object>();
      }
      return record;
    }

   private:
    RecordService& s_;
    const Caller& caller_;
    WriteContext& ctx_;
  };
  return db_.Write([&](store::Connection& conn) -> Status {
    Writer writer(*this);
    WriteContext ctx{conn, *registry, clock_.Now(), caller.actor, writer};
    Batch batch(*this, caller, ctx);
    return work(batch);
  });
}

Result<RecordPage> RecordService::List(const Caller& caller, std::string_view object_name, const ListRequest& request) {
  auto registry = registry_.Get();
  auto object = FindObject(*registry, object_name);
  if (!object.ok()) return std::move(object).error();
  const meta::ObjectDef& def = **object;
  ListSpec spec;
  spec.limit = request.limit;
  spec.include_deleted = request.include_deleted;
  auto sort = ParseSort(def, request.sort, repo_.dialect());
  if (!sort.ok()) return std::move(sort).error();
  spec.sort = std::move(*sort);
  if (!request.q.empty()) {
    if (def.search.empty()) {
      return Error{ErrorCode::kInvalidArgument, fmt::format("{} records cannot be searched", def.name),
                   {{"q", fmt::format("is not available for {}", def.name)}}};
    }
    spec.search_terms = SearchTerms(request.q);
    if (spec.search_terms.empty()) return RecordPage{};  // nothing searchable in the query
  }
  const bool ranked = !spec.search_terms.empty() && spec.sort.text.empty();
  if (!request.after.empty() && ranked) {
    auto offset = DecodeRankedCursor(request.after);
    if (!offset.ok()) return std::move(offset).error();
    spec.offset = *offset;
  } else if (!request.after.empty()) {
    auto cursor = DecodeCursor(spec.sort, request.after);
    if (!cursor.ok()) return std::move(cursor).error();
    spec.after = std::move(*cursor);
  }
  if (!request.filter.empty()) {
    auto compiled = CompileFilter(*registry, def, request.filter, repo_.dialect(), clock_.Now());
    if (!compiled.ok()) return std::move(compiled).error();
    spec.where = std::move(compiled->sql);
    spec.params = std::move(compiled->params);
  }
  AddVisibility(*registry, def, caller, spec);
  return store::ReadValue(db_, [&](store::Connection& conn) { return repo_.List(conn, *registry, def, spec); });
}

void RecordService::AddVisibility(const meta::Registry& registry, const meta::ObjectDef& object, const Caller& caller,
                                  ListSpec& spec) const {
  std::string visible = VisibleCondition(registry, object, caller, "t", repo_.dialect(), spec.params);
  if (visible.empty()) return;
  spec.where = spec.where.empty() ? std::move(visible) : "(" + spec.where + ") AND " + visible;
}

Result<std::vector<SearchHit>> RecordService::Search(const Caller& caller, std::string_view q, int limit) {
  auto registry = registry_.Get();
  std::vector<std::string> terms = SearchTerms(q);
  std::vector<SearchHit> hits;
  if (terms.empty()) return hits;
  // People and organizations first: what a global search box is mostly for.
  std::vector<const meta::ObjectDef*> objects;
  for (std::string_view first : {"person", "organization"}) {
    if (const meta::ObjectDef* o = registry->FindObject(first)) objects.push_back(o);
  }
  for (const meta::ObjectDef& o : registry->objects()) {
    if (!o.search.empty() && o.name != "person" && o.name != "organization") objects.push_back(&o);
  }
  Status status = db_.Read([&](store::Connection& conn) -> Status {
    for (const meta::ObjectDef* o : objects) {
      if (o->search.empty()) continue;
      ListSpec spec;
      spec.search_terms = terms;
      spec.limit = limit;
      AddVisibility(*registry, *o, caller, spec);
      auto page = repo_.List(conn, *registry, *o, spec);
      if (!page.ok()) return std::move(page).error();
      for (const bj::object& r : page->records) hits.push_back(SearchHit{o->name, r.at("id").as_int64(), TitleOf(*o, r)});
    }
    return {};
  });
  if (!status.ok()) return std::move(status).error();
  return hits;
}

}  // namespace rapport::domain
