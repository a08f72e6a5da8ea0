#include "domain/record/record_json.h"

#include "meta/time_text.h"

namespace rapport::domain {

const boost::json::value& Member(const boost::json::object* record, std::string_view name) {
  static const boost::json::value kNull;
  if (record == nullptr) return kNull;
  const boost::json::value* v = record->if_contains(name);
  return v == nullptr ? kNull : *v;
}

std::optional<Micros> TimeOf(const boost::json::value& value) {
  if (!value.is_string()) return std::nullopt;
  return meta::ParseTimestamp(value.get_string());
}

std::string TitleOf(const meta::ObjectDef& object, const boost::json::object& record) {
  std::string title;
  for (const std::string& name : object.title) {
    const boost::json::value* v = record.if_contains(name);
    if (v != nullptr && v->is_string() && !v->get_string().empty()) {
      title += (title.empty() ? "" : " ") + std::string(v->get_string());
    }
  }
  return title;
}

}  // namespace rapport::domain
