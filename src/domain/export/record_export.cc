#include "domain/export/record_export.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "domain/vcard/person_vcard.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;

// RFC 4180: a cell with a comma, quote or line break (or spaces at its ends, which readers trim)
// is quoted, its quotes doubled.
void AppendCsvCell(std::string& out, std::string_view cell) {
  const bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quote) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// A JSON value as one CSV cell: text as it is, lists joined by "; ", money as "12.50 EUR", null empty.
std::string CellText(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null:
      return {};
    case bj::kind::string:
      return std::string(v.get_string());
    case bj::kind::bool_:
      return v.get_bool() ? "true" : "false";
    case bj::kind::int64:
      return std::to_string(v.get_int64());
    case bj::kind::uint64:
      return std::to_string(v.get_uint64());
    case bj::kind::double_:
      return fmt::format("{}", v.get_double());
    case bj::kind::array: {
      std::string out;
      for (const bj::value& item : v.get_array()) out += (out.empty() ? "" : "; ") + CellText(item);
      return out;
    }
    case bj::kind::object: {
      const bj::object& o = v.get_object();
      const bj::value* micros = o.if_contains("micros");
      const bj::value* currency = o.if_contains("currency");
      if (micros != nullptr && micros->is_int64() && currency != nullptr && currency->is_string()) {
        const std::int64_t m = micros->get_int64();
        return fmt::format("{}{}.{:06} {}", m < 0 ? "-" : "", std::llabs(m) / 1000000, std::llabs(m) % 1000000,
                           std::string_view(currency->get_string()));
      }
      return bj::serialize(v);
    }
  }
  return {};
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "ndjson") return ExportFormat::kNdjson;
  if (name == "vcard") return ExportFormat::kVcard;
  return std::nullopt;
}

Result<RecordExport> RecordExport::Start(RecordService& records, Caller caller, std::string object,
                                         ExportRequest request) {
  auto registry = records.registry().Get();
  const meta::ObjectDef* def = registry->FindObject(object);
  if (def == nullptr) return Error{ErrorCode::kNotFound, fmt::format("no object {}", object), {}};
  if (request.format == ExportFormat::kVcard && def->name != "person") {
    std::string problem = fmt::format("vcard is for people, not for {}", def->plural_label);
    return Error{ErrorCode::kInvalidArgument, "format " + problem, {{"format", problem}}};
  }
  std::vector<std::string> columns{"id"};
  if (request.fields.empty()) {
    for (const meta::FieldDef& f : def->fields) {
      if (f.active) columns.push_back(f.name);
    }
  } else {
    for (const std::string& name : request.fields) {
      const meta::FieldDef* f = def->FindField(name);
      if (f == nullptr || !f->active) {
        std::string problem = fmt::format("names {}, which is not a field of {}", name, def->name);
        return Error{ErrorCode::kInvalidArgument, "fields " + problem, {{"fields", problem}}};
      }
      if (std::find(columns.begin(), columns.end(), name) == columns.end()) columns.push_back(name);
    }
  }
  for (const char* system : {"created_at", "updated_at"}) columns.emplace_back(system);
  if (request.include_deleted) columns.emplace_back("deleted_at");
  RecordExport out(records, std::move(caller), std::move(object), std::move(request), std::move(columns));
  auto first = out.ReadPage();
  if (!first.ok()) return std::move(first).error();
  out.first_ = std::move(*first);
  return out;
}

Result<RecordPage> RecordExport::ReadPage() {
  ListRequest list;
  list.filter = request_.filter;
  list.sort = request_.sort;
  list.after = after_;
  list.limit = request_.page_records;
  list.include_deleted = request_.include_deleted;
  auto page = records_->List(caller_, object_, list);
  if (!page.ok()) return std::move(page).error();
  after_ = page->next.value_or("");
  done_ = !page->next.has_value();
  return page;
}

Result<std::optional<std::string>> RecordExport::Next() {
  if (!started_) {
    started_ = true;
    std::string out;
    if (request_.format == ExportFormat::kCsv) {
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (i) out += ',';
        AppendCsvCell(out, columns_[i]);
      }
      out += "\r\n";
    }
    auto text = Render(*first_);
    if (!text.ok()) return std::move(text).error();
    out += *text;
    first_.reset();
    return std::optional<std::string>(std::move(out));
  }
  if (done_) return std::optional<std::string>();
  auto page = ReadPage();
  if (!page.ok()) return std::move(page).error();
  auto text = Render(*page);
  if (!text.ok()) return std::move(text).error();
  return std::optional<std::string>(std::move(*text));
}

Result<std::string> RecordExport::Render(const RecordPage& page) {
  if (request_.format == ExportFormat::kVcard) return FormatVCards(page);
  return Format(page);
}

// Every record of `object` that `filter` lets through, in pages of `page_records`.
Result<std::vector<bj::object>> RecordExport::ListAll(std::string_view object, const std::string& filter) {
  std::vector<bj::object> out;
  ListRequest list;
  list.filter = filter;
  list.limit = request_.page_records;
  while (true) {
    auto page = records_->List(caller_, object, list);
    if (!page.ok()) return std::move(page).error();
    for (bj::object& r : page->records) out.push_back(std::move(r));
    if (!page->next) return out;
    list.after = *page->next;
  }
}

Result<std::string> RecordExport::FormatVCards(const RecordPage& page) {
  // The page's organizations and addresses, each in one query ("id in (...)": ids, not user text).
  std::string people, organizations;
  for (const bj::object& r : page.records) {
    people += fmt::format("{}{}", people.empty() ? "" : ", ", r.at("id").as_int64());
    if (const bj::value* org = r.if_contains("organization"); org != nullptr && org->is_int64()) {
      organizations += fmt::format("{}{}", organizations.empty() ? "" : ", ", org->get_int64());
    }
  }
  std::map<std::int64_t, std::string> names;
  if (!organizations.empty()) {
    auto orgs = ListAll("organization", fmt::format("id in ({})", organizations));
    if (!orgs.ok()) return std::move(orgs).error();
    for (const bj::object& o : *orgs) names[o.at("id").as_int64()] = std::string(o.at("name").as_string());
  }
  std::map<std::int64_t, std::vector<bj::object>> addresses;
  if (!people.empty()) {
    auto found = ListAll("address", fmt::format("person in ({})", people));
    if (!found.ok()) return std::move(found).error();
    for (bj::object& a : *found) addresses[a.at("person").as_int64()].push_back(std::move(a));
  }
  std::string out;
  for (const bj::object& r : page.records) {
    std::string_view organization;
    if (const bj::value* org = r.if_contains("organization"); org != nullptr && org->is_int64()) {
      organization = names[org->get_int64()];
    }
    out += PersonToVCard(r, organization, addresses[r.at("id").as_int64()]);
  }
  return out;
}

std::string RecordExport::Format(const RecordPage& page) const {
  std::string out;
  for (const bj::object& record : page.records) {
    if (request_.format == ExportFormat::kNdjson) {
      // The record as the API renders it, or the chosen fields of it.
      if (request_.fields.empty()) {
        out += bj::serialize(record);
      } else {
        bj::object row;
        for (const std::string& c : columns_) {
          if (const bj::value* v = record.if_contains(c)) row[c] = *v;
        }
        out += bj::serialize(row);
      }
      out += '\n';
      continue;
    }
    // The columns come in the record's own order: look each up from where the last was found
    // (a lookup by key per cell was a third of the export's time).
    std::size_t hint = 0;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i) out += ',';
      const bj::key_value_pair* member = nullptr;
      for (std::size_t n = 0; n < record.size() && member == nullptr; ++n) {
        const bj::key_value_pair& candidate = record.begin()[(hint + n) % record.size()];
        if (candidate.key() == columns_[i]) {
          member = &candidate;
          hint = (hint + n + 1) % record.size();
        }
      }
      if (member == nullptr) continue;
      const bj::value& v = member->value();
      if (v.is_string()) {
        AppendCsvCell(out, v.get_string());
      } else if (!v.is_null()) {
        AppendCsvCell(out, CellText(v));
      }
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace rapport::domain
