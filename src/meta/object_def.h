// The description of an object and its fields as data (STYLE section 7, DESIGN 3.3): built-in
// objects come from meta/builtin/*.json, custom ones (later) from meta_objects/meta_fields rows.
// Plain values; a Registry checks them. Not thread-safe to mutate; immutable inside a Registry.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "meta/field_type.h"

namespace rapport::meta {

// Who defines an object or field: the code (built-in JSON) or a user at runtime.
enum class Origin { kSystem, kCustom };

struct FieldDef {
  std::string name;  // [a-z][a-z0-9_]{0,40}; the key in JSON, the column stem in SQL
  FieldType type = FieldType::kText;
  std::string label;        // for people; derived from the name when empty
  std::string description;  // help text for forms; may be empty
  bool required = false;    // present and not null (and not "" for text types) on create
  bool unique = false;
  bool indexed = false;
  bool active = true;  // an inactive field is hidden and refused on writes; its column keeps its data
  bool read_only = false;  // maintained by the object's hooks (last_touch_at); refused on writes
  bool multiple = false;   // text, email, phone, url: a list of values (further emails), a JSON array
  Origin origin = Origin::kSystem;
  std::vector<std::string> options;       // enum, multi_enum: the allowed values, in display order
  std::string target;                     // link, link_many: the name of the linked object
  std::string by;  // link_many: a unique text field of the target that JSON uses instead of ids ("name"
                   // for tags); unknown values create target records
  std::optional<double> min;              // int, decimal, currency (in micros): inclusive bounds;
  std::optional<double> max;              // integral and within +-2^53 for int and currency
  std::optional<std::int64_t> max_length;  // text types: in code points
  std::optional<boost::json::value> default_value;  // "default": applied on create when absent

  bool is_system() const { return origin == Origin::kSystem; }
  bool is_custom() const { return origin == Origin::kCustom; }
};

struct ObjectDef {
  std::string name;  // [a-z][a-z0-9_]{0,40}, singular: "tag"
  std::string label;         // "Tag"; derived from the name when empty
  std::string plural_label;  // "Tags"; label + "s" when empty
  std::string table;         // the SQL table; co_<name> for a custom object
  std::string path;          // the REST collection under /api/v1 ("people"); custom objects are
                             // served at objects/<name> and leave it empty
  std::vector<std::string> title;   // the fields that name a record for people ("first_name last_name")
  std::vector<std::string> search;  // the fields that q= searches; a link contributes its target's title
  bool writable = true;             // false: records are written only by hooks (stage history)
  bool admin_writes = false;        // true: only admins write its records through the API (users, teams)
  // Ownership (domain/access/visibility.h): `owner` names the link to a user that owns a record
  // ("owner"; "assignee" for tasks); `owned_via` the links through which a record belongs to
  // records that have owners (a note to its person and organization). Both empty: everyone who
  // may read sees every record (reference data: pipelines, products, tags).
  std::string owner;
  std::vector<std::string> owned_via;
  // The fields that together name one record for an import's upsert (order lines: order and
  // product). Empty: external_id, then the email (people) or the one-field title.
  std::vector<std::string> upsert_by;
  std::vector<FieldDef> fields;  // in display order
  Origin origin = Origin::kSystem;

  bool is_system() const { return origin == Origin::kSystem; }
  bool is_custom() const { return origin == Origin::kCustom; }

  // The field named `name`, active or not; nullptr if there is none. Valid while this lives.
  const FieldDef* FindField(std::string_view field_name) const {
    for (const FieldDef& f : fields) {
      if (f.name == field_name) return &f;
    }
    return nullptr;
  }
};

// Columns every object's table has and the record pipeline maintains: no field may take these
// names, and writes may not set them. search_text exists on objects with `search` fields: their
// values folded for search (common/text_fold.h), indexed by FTS5 (SQLite) or the generated tsvector
// search_vector (PostgreSQL).
inline constexpr std::string_view kSystemFieldNames[] = {"id",         "version",    "created_at", "updated_at",
                                                         "created_by", "deleted_at", "search_text", "search_vector"};

inline bool IsSystemFieldName(std::string_view name) {
  for (std::string_view s : kSystemFieldNames) {
    if (s == name) return true;
  }
  return false;
}

}  // namespace rapport::meta
