#include "domain/record/record_layout.h"

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

RecordLayout::RecordLayout(const meta::ObjectDef& object, store::Dialect dialect) {
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
}

Result<bj::object> RecordLayout::ToJson(const store::ResultSet& rows, std::size_t row, std::size_t first) const {
  bj::object out;
  out.reserve(fields_.size() + link_fields_.size() + 6);
  std::size_t col = first;
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
  return out;
}

}  // namespace rapport::domain
