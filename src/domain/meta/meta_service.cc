#include "domain/meta/meta_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "common/json.h"
#include "common/logging.h"
#include "meta/migration_planner.h"
#include "meta/object_def_json.h"
#include "store/outbox.h"
#include "store/schema.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using meta::FieldDef;
using meta::ObjectDef;
using meta::Origin;
using RegistryPtr = std::shared_ptr<const meta::Registry>;
using store::Connection;
using store::Value;

// The built-in definitions, parsed once per process.
Result<std::vector<ObjectDef>> Builtins() {
  static const Result<std::vector<ObjectDef>> builtins = meta::BuiltinObjects();
  return builtins;
}

ObjectDef* FindObject(std::vector<ObjectDef>& objects, std::string_view name) {
  auto it = std::find_if(objects.begin(), objects.end(), [&](const ObjectDef& o) { return o.name == name; });
  return it == objects.end() ? nullptr : &*it;
}

FieldDef* FindField(ObjectDef& object, std::string_view name) {
  auto it = std::find_if(object.fields.begin(), object.fields.end(), [&](const FieldDef& f) { return f.name == name; });
  return it == object.fields.end() ? nullptr : &*it;
}

Error NoObject(std::string_view object) {
  return Error{ErrorCode::kNotFound, fmt::format("no object '{}'", object), {}};
}

Error NoField(std::string_view object, std::string_view field) {
  return Error{ErrorCode::kNotFound, fmt::format("the object '{}' has no field '{}'", object, field), {}};
}

Error Invalid(std::string what, std::vector<FieldError> problems) {
  std::string message = problems.empty() ? what : fmt::format("{}: {}: {}", what, problems[0].field, problems[0].problem);
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(problems)};
}

// Renames the problems under `prefix` ("deal.fields[3]") to their keys ("options"), so that they
// name what the caller sent; `code` and `what` make the message.
Error Rebase(Error error, std::string_view prefix, ErrorCode code, std::string what) {
  for (FieldError& e : error.fields) {
    if (e.field == prefix) {
      e.field = "body";
    } else if (e.field.size() > prefix.size() && e.field.starts_with(prefix) && e.field[prefix.size()] == '.') {
      e.field = e.field.substr(prefix.size() + 1);
    }
  }
  Error out = Invalid(std::move(what), std::move(error.fields));
  out.code = code;
  return out;
}

// What the registry does not check about a field a user defines: its name (also checked there, but
// said better here) and that only hooks write read-only fields, which a custom field has none of.
void CheckCustomField(const FieldDef& f, std::string_view path, std::vector<FieldError>& problems) {
  const std::string at = path.empty() ? "" : std::string(path) + ".";
  if (!meta::IsValidName(f.name)) {
    problems.push_back({at + "name", "must match [a-z][a-z0-9_]{0,40}"});
  } else if (meta::IsSystemFieldName(f.name)) {
    problems.push_back({at + "name", fmt::format("'{}' is reserved for a system column", f.name)});
  }
  if (f.read_only) problems.push_back({at + "read_only", "a custom field cannot be read-only: nothing would write it"});
}

Result<std::int64_t> ReadVersion(Connection& conn, bool lock) {
  // FOR UPDATE serializes PostgreSQL nodes that sync the schema at the same time; SQLite has one
  // writer anyway.
  auto rows = conn.Query(lock && conn.dialect() == store::Dialect::kPostgres
                             ? "SELECT version FROM meta_state WHERE id = 1 FOR UPDATE"
                             : "SELECT version FROM meta_state WHERE id = 1");
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return Error{ErrorCode::kInternal, "meta_state has no row: is migration 0003 applied?", {}};
  return rows->Int(0, 0);
}

// Takes the meta_state row (so that every node's changes run one after the other) and moves the
// version on; the new version is that of the registry the change builds.
Result<std::int64_t> BumpVersion(Connection& conn, Micros now) {
  auto rows = conn.Query("UPDATE meta_state SET version = version + 1, updated_at = $1 WHERE id = 1 RETURNING version",
                         {Value(now)});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return Error{ErrorCode::kInternal, "meta_state has no row: is migration 0003 applied?", {}};
  return rows->Int(0, 0);
}

Result<bj::value> ParseStored(std::string_view text, std::string_view what) {
  auto parsed = json::Parse(text);
  if (!parsed.ok()) {
    return Error{ErrorCode::kInternal, fmt::format("the stored definition of {} is not JSON: {}", what,
                                                   parsed.error().message), {}};
  }
  return parsed;
}

// Every definition as stored: the built-in objects, then the custom ones by creation; each object's
// custom fields after its own fields, by position.
Result<std::vector<ObjectDef>> ReadDefinitions(Connection& conn) {
  auto builtins = Builtins();
  if (!builtins.ok()) return std::move(builtins).error();
  std::vector<ObjectDef> objects = std::move(*builtins);
  auto rows = conn.Query("SELECT name, definition FROM meta_objects ORDER BY created_at, name");
  if (!rows.ok()) return std::move(rows).error();
  for (std::size_t i = 0; i < rows->rows(); ++i) {
    auto def = meta::ParseObjectDef(rows->Text(i, 1), rows->Text(i, 0), Origin::kCustom);
    if (!def.ok()) return Error{ErrorCode::kInternal, "the stored definition is not valid: " + def.error().message, {}};
    objects.push_back(std::move(*def));
  }
  rows = conn.Query("SELECT object, name, definition FROM meta_fields ORDER BY object, position, name");
  if (!rows.ok()) return std::move(rows).error();
  for (std::size_t i = 0; i < rows->rows(); ++i) {
    const std::string what = fmt::format("field '{}.{}'", rows->Text(i, 0), rows->Text(i, 1));
    ObjectDef* object = FindObject(objects, rows->Text(i, 0));
    if (object == nullptr) return Error{ErrorCode::kInternal, fmt::format("the {} belongs to no object", what), {}};
    auto json = ParseStored(rows->Text(i, 2), what);
    if (!json.ok()) return std::move(json).error();
    auto def = meta::ParseFieldDef(*json, what, Origin::kCustom);
    if (!def.ok()) return Error{ErrorCode::kInternal, "the stored definition is not valid: " + def.error().message, {}};
    object->fields.push_back(std::move(*def));
  }
  return objects;
}

// Runs DDL statements one by one (not cached: each runs once).
Status Apply(Connection& conn, const std::vector<std::string>& statements) {
  for (const std::string& sql : statements) {
    Status status = conn.ExecScript(sql);
    if (!status.ok()) {
      Error error = std::move(status).error();
      error.message = fmt::format("schema change failed: {}: {}", sql, error.message);
      return error;
    }
  }
  return {};
}

Status Append(Connection& conn, std::string topic, std::string_view object, const FieldDef* field,
              std::int64_t version, std::optional<bj::object> definition, Micros now) {
  bj::object payload{{"object", object}, {"version", version}};
  std::string id(object);
  if (field != nullptr) {
    payload["field"] = field->name;
    id += "." + field->name;
  }
  if (definition) payload["definition"] = std::move(*definition);
  return store::AppendEvent(conn, {std::move(topic), "meta", std::move(id), bj::serialize(payload)}, now);
}

// The DDL that brings the table of `object` in step with it.
Result<std::vector<std::string>> PlanObject(Connection& conn, const ObjectDef& object) {
  auto columns = store::TableColumns(conn, object.table);
  if (!columns.ok()) return std::move(columns).error();
  if (columns->empty()) return meta::PlanCreateTable(object, conn.dialect());
  auto indexes = store::TableIndexes(conn, object.table);
  if (!indexes.ok()) return std::move(indexes).error();
  return meta::PlanSync(object, *columns, *indexes, conn.dialect());
}

}  // namespace

Result<std::vector<std::string>> MetaService::PlanSchema(Connection& conn, const meta::Registry& registry) {
  std::vector<std::string> out;
  for (const ObjectDef& object : registry.objects()) {
    auto plan = PlanObject(conn, object);
    if (!plan.ok()) return std::move(plan).error();
    out.insert(out.end(), std::make_move_iterator(plan->begin()), std::make_move_iterator(plan->end()));
  }
  return out;
}

Result<RegistryPtr> MetaService::Load(store::Database& db) {
  std::size_t applied = 0;
  auto registry = store::WriteValue(db, [&](Connection& conn) -> Result<RegistryPtr> {
    applied = 0;
    auto version = ReadVersion(conn, /*lock=*/true);
    if (!version.ok()) return std::move(version).error();
    auto objects = ReadDefinitions(conn);
    if (!objects.ok()) return std::move(objects).error();
    auto built = meta::Registry::Build(std::move(*objects), *version);
    if (!built.ok()) {
      Error error = std::move(built).error();
      error.message = "the stored metadata does not make a valid registry: " + error.message;
      return error;
    }
    auto plan = PlanSchema(conn, **built);
    if (!plan.ok()) return std::move(plan).error();
    RAPPORT_RETURN_IF_ERROR(Apply(conn, *plan));
    applied = plan->size();
    return built;
  });
  if (registry.ok() && applied > 0) {
    logging::Info("schema synced with the metadata",
                  {{"statements", applied}, {"metadata_version", (*registry)->version()}});
  }
  return registry;
}

Result<RegistryPtr> MetaService::AddField(std::string_view object, const bj::value& definition) {
  auto field = meta::ParseFieldDef(definition, "", Origin::kCustom);
  if (!field.ok()) return Invalid("the field is not valid", std::move(field).error().fields);
  std::vector<FieldError> problems;
  CheckCustomField(*field, "", problems);
  if (!problems.empty()) return Invalid("the field is not valid", std::move(problems));

  std::lock_guard lock(mu_);
  const Micros now = clock_.Now();
  auto registry = store::WriteValue(db_, [&](Connection& conn) -> Result<RegistryPtr> {
    auto version = BumpVersion(conn, now);
    if (!version.ok()) return std::move(version).error();
    auto objects = ReadDefinitions(conn);
    if (!objects.ok()) return std::move(objects).error();
    ObjectDef* target = FindObject(*objects, object);
    if (target == nullptr) return NoObject(object);
    if (target->FindField(field->name) != nullptr) {
      return Error{ErrorCode::kConflict, fmt::format("the object '{}' has a field '{}' already", object, field->name),
                   {{"name", "is taken by another field of this object"}}};
    }
    target->fields.push_back(*field);
    const std::string prefix = fmt::format("{}.fields[{}]", object, target->fields.size() - 1);
    auto built = meta::Registry::Build(std::move(*objects), *version);
    if (!built.ok()) return Rebase(std::move(built).error(), prefix, ErrorCode::kInvalidArgument, "the field is not valid");
    const ObjectDef& changed = *(*built)->FindObject(object);
    auto position = conn.Query("SELECT COALESCE(MAX(position), 0) + 1 FROM meta_fields WHERE object = $1",
                               {Value(std::string(object))});
    if (!position.ok()) return std::move(position).error();
    bj::object stored = meta::FieldDefToJson(*field);
    RAPPORT_RETURN_IF_ERROR(conn.Exec(
        "INSERT INTO meta_fields (object, name, definition, position, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $5)",
        {Value(std::string(object)), Value(field->name), Value(bj::serialize(stored)), Value(position->Int(0, 0)),
         Value(now)}));
    RAPPORT_RETURN_IF_ERROR(Apply(conn, meta::PlanAddField(changed, changed.fields.back(), conn.dialect())));
    RAPPORT_RETURN_IF_ERROR(
        Append(conn, "meta.field_added", object, &changed.fields.back(), *version, std::move(stored), now));
    return built;
  });
  if (registry.ok()) registry_.Swap(*registry);
  return registry;
}

Result<RegistryPtr> MetaService::AddObject(const bj::value& definition) {
  if (!definition.is_object()) return Invalid("the object is not valid", {{"body", "must be an object"}});
  bj::object body = definition.get_object();
  const bj::value* name_value = body.if_contains("object");
  const std::string name = name_value != nullptr && name_value->is_string() ? std::string(name_value->get_string()) : "";
  if (!body.contains("table")) body["table"] = "co_" + name;
  auto parsed = meta::ParseObjectDef(body, "body", Origin::kCustom);
  if (!parsed.ok()) {
    return Rebase(std::move(parsed).error(), name.empty() ? "body" : name, ErrorCode::kInvalidArgument,
                  "the object is not valid");
  }
  std::vector<FieldError> problems;
  if (!meta::IsValidName(parsed->name)) problems.push_back({"object", "must match [a-z][a-z0-9_]{0,40}"});
  for (std::size_t i = 0; i < parsed->fields.size(); ++i) {
    CheckCustomField(parsed->fields[i], fmt::format("fields[{}]", i), problems);
  }
  if (!problems.empty()) return Invalid("the object is not valid", std::move(problems));

  std::lock_guard lock(mu_);
  const Micros now = clock_.Now();
  auto registry = store::WriteValue(db_, [&](Connection& conn) -> Result<RegistryPtr> {
    auto version = BumpVersion(conn, now);
    if (!version.ok()) return std::move(version).error();
    auto objects = ReadDefinitions(conn);
    if (!objects.ok()) return std::move(objects).error();
    if (FindObject(*objects, name) != nullptr) {
      return Error{ErrorCode::kConflict, fmt::format("an object '{}' exists already", name),
                   {{"object", "is taken by another object"}}};
    }
    objects->push_back(*parsed);
    auto built = meta::Registry::Build(std::move(*objects), *version);
    if (!built.ok()) return Rebase(std::move(built).error(), name, ErrorCode::kInvalidArgument, "the object is not valid");
    const ObjectDef& added = *(*built)->FindObject(name);

    ObjectDef without_fields = *parsed;
    without_fields.fields.clear();
    bj::object stored = meta::ObjectDefToJson(without_fields);
    RAPPORT_RETURN_IF_ERROR(conn.Exec(
        "INSERT INTO meta_objects (name, definition, created_at, updated_at) VALUES ($1, $2, $3, $3)",
        {Value(name), Value(bj::serialize(stored)), Value(now)}));
    for (std::size_t i = 0; i < parsed->fields.size(); ++i) {
      const FieldDef& f = parsed->fields[i];
      RAPPORT_RETURN_IF_ERROR(conn.Exec(
          "INSERT INTO meta_fields (object, name, definition, position, created_at, updated_at) "
          "VALUES ($1, $2, $3, $4, $5, $5)",
          {Value(name), Value(f.name), Value(bj::serialize(meta::FieldDefToJson(f))),
           Value(static_cast<std::int64_t>(i + 1)), Value(now)}));
    }
    // A table left behind by an older attempt is brought up to the definition rather than reused as is.
    auto plan = PlanObject(conn, added);
    if (!plan.ok()) return std::move(plan).error();
    RAPPORT_RETURN_IF_ERROR(Apply(conn, *plan));
    RAPPORT_RETURN_IF_ERROR(
        Append(conn, "meta.object_added", name, nullptr, *version, meta::ObjectDefToJson(*parsed), now));
    return built;
  });
  if (registry.ok()) registry_.Swap(*registry);
  return registry;
}

Result<RegistryPtr> MetaService::UpdateField(std::string_view object, std::string_view field,
                                             const bj::value& patch) {
  if (!patch.is_object()) return Invalid("the change is not valid", {{"body", "must be an object"}});
  std::vector<FieldError> problems;
  for (const auto& member : patch.get_object()) {
    std::string key(member.key());
    const bj::value& v = member.value();
    if (key == "active") {
      if (!v.is_bool()) problems.push_back({key, "must be true or false"});
    } else if (key == "label" || key == "description") {
      if (!v.is_string()) problems.push_back({key, "must be a string"});
    } else if (key == "type") {
      problems.push_back({key, "cannot be changed: add a new field and purge this one instead"});
    } else {
      problems.push_back({key, "cannot be changed: only active, label and description can"});
    }
  }
  if (!problems.empty()) return Invalid("the change is not valid", std::move(problems));
  const bj::object& changes = patch.get_object();

  std::lock_guard lock(mu_);
  const Micros now = clock_.Now();
  auto registry = store::WriteValue(db_, [&](Connection& conn) -> Result<RegistryPtr> {
    auto version = BumpVersion(conn, now);
    if (!version.ok()) return std::move(version).error();
    auto objects = ReadDefinitions(conn);
    if (!objects.ok()) return std::move(objects).error();
    ObjectDef* target = FindObject(*objects, object);
    if (target == nullptr) return NoObject(object);
    FieldDef* f = FindField(*target, field);
    if (f == nullptr) return NoField(object, field);
    if (f->is_system()) {
      return Error{ErrorCode::kFailedPrecondition, fmt::format("'{}.{}' is a built-in field: it cannot be changed", object, field),
                   {{std::string(field), "is a built-in field"}}};
    }
    if (const bj::value* v = changes.if_contains("active")) f->active = v->get_bool();
    if (const bj::value* v = changes.if_contains("label")) f->label = v->get_string();
    if (const bj::value* v = changes.if_contains("description")) f->description = v->get_string();
    bj::object stored = meta::FieldDefToJson(*f);
    auto built = meta::Registry::Build(std::move(*objects), *version);
    if (!built.ok()) {
      return Rebase(std::move(built).error(), "", ErrorCode::kFailedPrecondition, "the change would break the metadata");
    }
    auto updated = conn.Exec("UPDATE meta_fields SET definition = $1, updated_at = $2 WHERE object = $3 AND name = $4",
                             {Value(bj::serialize(stored)), Value(now), Value(std::string(object)), Value(std::string(field))});
    if (!updated.ok()) return std::move(updated).error();
    RAPPORT_RETURN_IF_ERROR(Append(conn, "meta.field_updated", object, (*built)->FindField(object, field), *version,
                                   std::move(stored), now));
    return built;
  });
  if (registry.ok()) registry_.Swap(*registry);
  return registry;
}

Result<RegistryPtr> MetaService::PurgeField(std::string_view object, std::string_view field) {
  std::lock_guard lock(mu_);
  const Micros now = clock_.Now();
  auto registry = store::WriteValue(db_, [&](Connection& conn) -> Result<RegistryPtr> {
    auto version = BumpVersion(conn, now);
    if (!version.ok()) return std::move(version).error();
    auto objects = ReadDefinitions(conn);
    if (!objects.ok()) return std::move(objects).error();
    ObjectDef* target = FindObject(*objects, object);
    if (target == nullptr) return NoObject(object);
    FieldDef* f = FindField(*target, field);
    if (f == nullptr) return NoField(object, field);
    if (f->is_system()) {
      return Error{ErrorCode::kFailedPrecondition, fmt::format("'{}.{}' is a built-in field: it cannot be purged", object, field),
                   {{std::string(field), "is a built-in field"}}};
    }
    if (f->active) {
      return Error{ErrorCode::kFailedPrecondition,
                   fmt::format("'{}.{}' is active: deactivate it ({{\"active\": false}}) before purging it", object, field),
                   {{std::string(field), "is active; deactivate it first"}}};
    }
    const ObjectDef before = *target;
    const FieldDef gone = *f;
    target->fields.erase(target->fields.begin() + (f - target->fields.data()));
    auto built = meta::Registry::Build(std::move(*objects), *version);
    if (!built.ok()) {
      Error error = Rebase(std::move(built).error(), "", ErrorCode::kFailedPrecondition, "the field is still in use");
      error.fields.insert(error.fields.begin(), {std::string(field), "is still in use"});
      return error;
    }
    auto deleted = conn.Exec("DELETE FROM meta_fields WHERE object = $1 AND name = $2",
                             {Value(std::string(object)), Value(std::string(field))});
    if (!deleted.ok()) return std::move(deleted).error();
    RAPPORT_RETURN_IF_ERROR(Apply(conn, meta::PlanPurgeField(before, gone, conn.dialect())));
    if (gone.type == meta::FieldType::kLinkMany) {
      auto links = conn.Exec("DELETE FROM record_links WHERE object = $1 AND field = $2",
                             {Value(std::string(object)), Value(gone.name)});
      if (!links.ok()) return std::move(links).error();
    }
    RAPPORT_RETURN_IF_ERROR(Append(conn, "meta.field_purged", object, &gone, *version, std::nullopt, now));
    return built;
  });
  if (registry.ok()) registry_.Swap(*registry);
  return registry;
}

Result<bool> MetaService::Refresh() {
  std::lock_guard lock(mu_);
  const std::int64_t current = registry_.Get()->version();
  auto version = store::ReadStatementValue(db_, [](Connection& conn) { return ReadVersion(conn, /*lock=*/false); });
  if (!version.ok()) return std::move(version).error();
  if (*version == current) return false;
  auto next = store::ReadValue(db_, [](Connection& conn) -> Result<RegistryPtr> {
    auto version = ReadVersion(conn, /*lock=*/false);
    if (!version.ok()) return std::move(version).error();
    auto objects = ReadDefinitions(conn);
    if (!objects.ok()) return std::move(objects).error();
    return meta::Registry::Build(std::move(*objects), *version);
  });
  if (!next.ok()) return std::move(next).error();
  registry_.Swap(*next);
  logging::Info("metadata reloaded", {{"from_version", current}, {"metadata_version", (*next)->version()}});
  return true;
}

}  // namespace rapport::domain
