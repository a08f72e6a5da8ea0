#include "domain/privacy/person_export.h"

#include <fmt/format.h>

#include <string_view>

namespace rapport::domain {
namespace {

namespace bj = boost::json;

// Every record of `object` matching `filter`, deleted ones included, a page at a time.
Result<bj::array> All(RecordService& records, const Caller& caller, std::string_view object, const std::string& filter) {
  bj::array out;
  ListRequest request;
  request.filter = filter;
  request.limit = RecordService::kMaxPageSize;
  request.include_deleted = true;
  for (;;) {
    auto page = records.List(caller, object, request);
    if (!page.ok()) return std::move(page).error();
    for (bj::object& r : page->records) out.push_back(std::move(r));
    if (!page->next) return out;
    request.after = *page->next;
  }
}

}  // namespace

Result<bj::object> ExportPerson(RecordService& records, const Caller& caller, std::int64_t id, Micros now) {
  auto person = records.Find(caller, "person", id, true);
  if (!person.ok()) return std::move(person).error();
  if (!person->has_value()) return Error{ErrorCode::kNotFound, fmt::format("no person with id {}", id), {}};
  bj::object doc{{"format", "rapport.person_export.v1"}, {"exported_at", FormatTimestamp(now)},
                 {"person", std::move(**person)}};
  const std::string about = fmt::format("person = {}", id);
  // One member per object that links to the person, under its plural path name.
  struct Part {
    std::string_view member, object, filter;
  };
  const std::string took_part = fmt::format("participants has {}", id);
  const Part parts[] = {{"addresses", "address", about},       {"affiliations", "affiliation", about},
                        {"personal_dates", "personal_date", about}, {"interactions", "interaction", took_part},
                        {"tasks", "task", about},               {"notes", "note", about},
                        {"stage_changes", "stage_change", about},   {"consents", "consent", about}};
  for (const Part& part : parts) {
    auto rows = All(records, caller, part.object, std::string(part.filter));
    if (!rows.ok()) return std::move(rows).error();
    doc[part.member] = std::move(*rows);
  }
  // Affiliations name their organization, so the document reads without a second lookup.
  for (bj::value& a : doc["affiliations"].get_array()) {
    bj::object& affiliation = a.get_object();
    const bj::value* org = affiliation.if_contains("organization");
    if (org == nullptr || !org->is_int64()) continue;
    auto found = records.Find(caller, "organization", org->as_int64(), true);
    if (!found.ok()) return std::move(found).error();
    const bj::value* name = found->has_value() ? (**found).if_contains("name") : nullptr;
    affiliation["organization_name"] = name != nullptr ? *name : bj::value(nullptr);
  }
  auto merges = records.MergesInto(caller, "person", id);
  if (!merges.ok()) return std::move(merges).error();
  bj::array merged;
  for (const MergeEntry& m : *merges) merged.push_back(m.ToJson());
  doc["merges"] = std::move(merged);
  return doc;
}

}  // namespace rapport::domain
