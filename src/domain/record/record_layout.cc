#include "domain/record/record_layout.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "meta/field_value.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;

// The system columns after the fields, in this order.
constexpr std::string_view kTrailing[] = {"version", "created_at", "updated_at", "created_by", "deleted_at"};

bj::value OptionalTimestamp(const store::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return bj::value(FormatTimestamp(*i));
  return nullptr;
}

}  // namespace

// The links of one link_many field of the row `t` as a JSON array text: ids ascending, or the
// targets' `by` values sorted. Object and field names are inlined as literals: they come from the
// registry, which allows only [a-z][a-z0-9_]*.
static std::string LinkSubquery(const meta::Registry& registry, const meta::ObjectDef& object, const meta::FieldDef& f,
                         store::Dialect dialect) {
  const meta::ObjectDef* target = f.by.empty() ? nullptr : registry.FindObject(f.target);
  const std::string where = fmt::format("l.object = '{}' AND l.field = '{}' AND l.record_id = t.id", object.name, f.name);
  const std::string join = target != nullptr ? fmt::format(" JOIN {} g ON g.id = l.target_id", target->table) : "";
  const std::string value =
      target != nullptr ? "g." + meta::Columns(*target->FindField(f.by), dialect).front().name : "l.target_id";
  if (dialect == store::Dialect::kPostgres) {
    return fmt::format("(SELECT coalesce(json_agg({0} ORDER BY {0}), '[]'::json)::text FROM record_links l{1} WHERE {2})",
                       value, join, where);
  }
  // json_group_array keeps the order of the rows it is fed.
  return fmt::format("(SELECT json_group_array(v) FROM (SELECT {0} AS v FROM record_links l{1} WHERE {2} ORDER BY {0}))",
                     value, join, where);
}

RecordLayout::RecordLayout(const meta::Registry& registry, const meta::ObjectDef& object, store::Dialect dialect) {
  std::vector<std::string> names{"id"};
  for (const meta::FieldDef& f : object.fields) {
    if (!f.active) continue;
    if (f.type == meta::FieldType::kLinkMany) {
      link_fields_.push_back(&f);
      continue;
    }
    FieldColumns fc{&f, meta::Columns(f, dialect)};
    for (const meta::Column& c : fc.columns) names.push_back(c.name);
    fields_.push_back(std::move(fc));
  }
  for (std::string_view s : kTrailing) names.emplace_back(s);
  for (const std::string& n : names) {
    if (!select_list_.empty()) {
      select_list_ += ", ";
      returning_list_ += ", ";
    }
    select_list_ += "t." + n;
    returning_list_ += n;
  }
  column_count_ = names.size();
  for (const meta::FieldDef* f : link_fields_) select_list_ += ", " + LinkSubquery(registry, object, *f, dialect);
  find_sql_ = fmt::format("SELECT {} FROM {} t WHERE t.id = $1", select_list_, object.table);
  find_for_update_sql_ = find_sql_ + (dialect == store::Dialect::kPostgres ? " FOR UPDATE" : "");
}

Result<bj::object> RecordLayout::ToJson(const store::ResultSet& rows, std::size_t row, bool with_links) const {
  bj::object out;
  out.reserve(fields_.size() + link_fields_.size() + 6);
  std::size_t col = 0;
  out["id"] = rows.Int(row, col++);
  std::vector<store::Value> cells;
  for (const FieldColumns& fc : fields_) {
    cells.clear();
    for (std::size_t i = 0; i < fc.columns.size(); ++i) cells.push_back(rows.at(row, col++));
    auto value = meta::FromCells(cells, *fc.field);
    if (!value.ok()) return std::move(value).error();
    out[fc.field->name] = std::move(*value);
  }
  for (const meta::FieldDef* f : link_fields_) out[f->name] = bj::array();
  out["version"] = rows.Int(row, col++);
  out["created_at"] = FormatTimestamp(rows.Int(row, col++));
  out["updated_at"] = FormatTimestamp(rows.Int(row, col++));
  const store::Value& created_by = rows.at(row, col++);
  out["created_by"] = store::IsNull(created_by) ? bj::value(nullptr) : bj::value(rows.Int(row, col - 1));
  out["deleted_at"] = OptionalTimestamp(rows.at(row, col++));
  if (!with_links) return out;
  for (const meta::FieldDef* f : link_fields_) {
    const store::Value& cell = rows.at(row, col++);
    const auto* text = std::get_if<std::string>(&cell);
    boost::system::error_code ec;
    bj::value links = text != nullptr ? bj::parse(*text, ec) : bj::value();
    if (ec || !links.is_array()) {
      return Error{ErrorCode::kInternal, fmt::format("the links of {} are not readable", f->name), {}};
    }
    out[f->name] = std::move(links);
  }
  return out;
}

}  // namespace rapport::domain
