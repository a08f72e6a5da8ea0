#include "domain/import/record_keys.h"

#include <fmt/format.h>

#include <string>

#include "meta/field_type.h"

namespace rapport::domain {

Result<std::optional<std::int64_t>> FindIdByValue(store::Connection& conn, const meta::ObjectDef& object,
                                                  const meta::FieldDef& field, std::string_view value,
                                                  bool ignore_case) {
  const std::string column = meta::Columns(field, conn.dialect()).front().name;
  const std::string sql =
      ignore_case ? fmt::format("SELECT min(id) FROM {} WHERE lower({}) = lower($1) AND deleted_at IS NULL",
                                object.table, column)
                  : fmt::format("SELECT min(id) FROM {} WHERE {} = $1 AND deleted_at IS NULL", object.table, column);
  auto rows = conn.Query(sql, {store::Value(std::string(value))});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty() || store::IsNull(rows->at(0, 0))) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows->Int(0, 0));
}

Result<std::optional<std::int64_t>> FindIdWith(store::Connection& conn, const meta::ObjectDef& object,
                                               const boost::json::object& values) {
  std::string where = "deleted_at IS NULL";
  std::vector<store::Value> params;
  for (const auto& kv : values) {
    const meta::FieldDef* f = object.FindField(kv.key());
    if (f == nullptr) return Error{ErrorCode::kInternal, fmt::format("{} has no field {}", object.name, kv.key()), {}};
    const std::string column = meta::Columns(*f, conn.dialect()).front().name;
    const boost::json::value& v = kv.value();
    if (v.is_null()) {
      where += fmt::format(" AND {} IS NULL", column);
      continue;
    }
    params.push_back(v.is_int64() ? store::Value(v.get_int64()) : store::Value(std::string(v.as_string())));
    where += fmt::format(" AND {} = ${}", column, params.size());
  }
  auto rows = conn.Query(fmt::format("SELECT min(id) FROM {} WHERE {}", object.table, where), params);
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty() || store::IsNull(rows->at(0, 0))) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows->Int(0, 0));
}

}  // namespace rapport::domain
