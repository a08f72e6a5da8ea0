// How an object's records sit in SQL: the columns to select, in which order, and how a row of them
// becomes the record's JSON (the API form). Built from one ObjectDef for one dialect; immutable, so
// thread-safe. Identifiers come only from the registry.
//
// A record's JSON: {"id", <each active field with columns, in definition order>, <each active
// link_many field: ids, or names when it sets `by`>, "version", "created_at", "updated_at",
// "created_by", "deleted_at"}; datetimes as RFC 3339 text (meta/field_value.h).
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "meta/object_def.h"
#include "meta/registry.h"
#include "store/store.h"

namespace rapport::domain {

class RecordLayout {
 public:
  RecordLayout(const meta::Registry& registry, const meta::ObjectDef& object, store::Dialect dialect);

  // The columns to select, each prefixed with `t.`: "t.id, t.first_name, ..., t.deleted_at", then
  // one correlated subquery per link_many field that gathers its links as a JSON array, so that a
  // record with its tags is one statement (one round trip, no transaction needed).
  const std::string& select_list() const { return select_list_; }
  // The columns without the prefix and without the link subqueries, for RETURNING.
  const std::string& returning_list() const { return returning_list_; }
  // The record with id $1, built once: a point read formats no SQL. The second locks the row until
  // the transaction ends (PostgreSQL; SQLite's single writer needs no lock).
  const std::string& find_sql() const { return find_sql_; }
  const std::string& find_for_update_sql() const { return find_for_update_sql_; }

  // The record at `row` of `rows`, whose columns follow select_list() (with_links) or
  // returning_list() (link_many members are then empty arrays).
  // kInternal for a corrupt cell.
  Result<boost::json::object> ToJson(const store::ResultSet& rows, std::size_t row, bool with_links) const;

  struct FieldColumns {
    const meta::FieldDef* field;
    std::vector<meta::Column> columns;
  };
  // The active fields that have columns, in definition order.
  const std::vector<FieldColumns>& fields() const { return fields_; }
  // The active link_many fields.
  const std::vector<const meta::FieldDef*>& link_fields() const { return link_fields_; }
  // How many columns select_list() has.
  std::size_t column_count() const { return column_count_ + link_fields_.size(); }

 private:
  std::vector<FieldColumns> fields_;
  std::vector<const meta::FieldDef*> link_fields_;
  std::string select_list_;
  std::string returning_list_;
  std::string find_sql_;
  std::string find_for_update_sql_;
  std::size_t column_count_ = 0;
};

}  // namespace rapport::domain
