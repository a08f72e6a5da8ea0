#include "domain/merge/duplicates.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common/text_fold.h"
#include "domain/record/record_json.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using meta::FieldType;

// Every value of the record's active fields of `type`, single and list fields alike.
std::vector<std::string> ValuesOf(const meta::ObjectDef& object, const bj::object& record, FieldType type) {
  std::vector<std::string> out;
  for (const meta::FieldDef& f : object.fields) {
    if (!f.active || f.type != type) continue;
    const bj::value& v = Member(&record, f.name);
    if (v.is_string() && !v.get_string().empty()) out.emplace_back(v.get_string());
    if (v.is_array()) {
      for (const bj::value& item : v.get_array()) {
        if (item.is_string() && !item.get_string().empty()) out.emplace_back(item.get_string());
      }
    }
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string Digits(std::string_view phone) {
  std::string out;
  for (char c : phone) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

std::vector<std::string> Words(std::string_view title) {
  std::vector<std::string> words;
  const std::string folded = FoldForSearch(title);
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Every word of the shorter title begins a word of the longer one.
bool NamesAlike(std::string_view a, std::string_view b) {
  std::vector<std::string> x = Words(a), y = Words(b);
  if (x.empty() || y.empty()) return false;
  if (x.size() > y.size()) std::swap(x, y);
  return std::all_of(x.begin(), x.end(), [&](const std::string& w) {
    return std::any_of(y.begin(), y.end(), [&](const std::string& v) { return v.starts_with(w); });
  });
}

// A phone number shorter than this (an extension, a typo) is not taken as a sign of anything.
constexpr std::size_t kMinPhoneDigits = 6;

}  // namespace

Result<std::vector<Duplicate>> FindDuplicates(RecordService& records, const Caller& caller, std::string_view object_name,
                                              std::int64_t id) {
  auto registry = records.registry().Get();
  const meta::ObjectDef* object = registry->FindObject(object_name);
  auto found = records.Find(caller, object_name, id, false);
  if (!found.ok()) return std::move(found).error();
  if (object == nullptr || !found->has_value()) {
    return Error{ErrorCode::kNotFound, fmt::format("no {} with id {}", object_name, id), {}};
  }
  const bj::object& record = **found;
  std::map<std::int64_t, Duplicate> hits;
  // The records that q= finds for `q` among those `filter` lets through, kept when `alike` says so.
  auto check = [&](const std::string& q, const std::string& filter, std::string_view reason,
                   const auto& alike) -> Status {
    ListRequest request;
    request.q = q;
    request.filter = filter;
    request.limit = kMaxDuplicatesPerValue;
    auto page = records.List(caller, object_name, request);
    if (!page.ok()) return std::move(page).error();
    for (const bj::object& other : page->records) {
      if (!alike(other)) continue;
      Duplicate& d = hits[other.at("id").as_int64()];
      d.id = other.at("id").as_int64();
      d.title = TitleOf(*object, other);
      if (std::find(d.reasons.begin(), d.reasons.end(), reason) == d.reasons.end()) d.reasons.emplace_back(reason);
    }
    return {};
  };
  const std::string not_self = fmt::format("id != {}", id);
  for (const std::string& email : ValuesOf(*object, record, FieldType::kEmail)) {
    RAPPORT_RETURN_IF_ERROR(check(email, not_self, "email", [&](const bj::object& other) {
      const auto theirs = ValuesOf(*object, other, FieldType::kEmail);
      return std::any_of(theirs.begin(), theirs.end(), [&](const std::string& e) { return Lower(e) == Lower(email); });
    }));
  }
  for (const std::string& phone : ValuesOf(*object, record, FieldType::kPhone)) {
    const std::string digits = Digits(phone);
    if (digits.size() < kMinPhoneDigits) continue;
    RAPPORT_RETURN_IF_ERROR(check(phone, not_self, "phone", [&](const bj::object& other) {
      const auto theirs = ValuesOf(*object, other, FieldType::kPhone);
      return std::any_of(theirs.begin(), theirs.end(), [&](const std::string& p) { return Digits(p) == digits; });
    }));
  }
  if (const std::string title = TitleOf(*object, record); !title.empty()) {
    // A common name alone says little about a person; at the same organization it does.
    std::string filter = not_self;
    const meta::FieldDef* org = object->FindField("organization");
    const bool needs_org = org != nullptr && org->active && org->type == FieldType::kLink;
    const bj::value& org_id = Member(&record, "organization");
    if (needs_org && org_id.is_int64()) filter += fmt::format(" and organization = {}", org_id.as_int64());
    if (!needs_org || org_id.is_int64()) {
      RAPPORT_RETURN_IF_ERROR(check(title, filter, "name", [&](const bj::object& other) {
        return NamesAlike(title, TitleOf(*object, other));
      }));
    }
  }
  std::vector<Duplicate> out;
  for (auto& [_, d] : hits) out.push_back(std::move(d));
  std::stable_sort(out.begin(), out.end(),
                   [](const Duplicate& a, const Duplicate& b) { return a.reasons.size() > b.reasons.size(); });
  return out;
}

}  // namespace rapport::domain
