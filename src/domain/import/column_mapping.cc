#include "domain/import/column_mapping.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common/text_fold.h"

namespace rapport::domain {
namespace {

// Headers that other CRMs write in their exports (and that people type), per object, with the
// fields they mean in order of preference: the first that the object has and that no other column
// feeds yet is taken. Matched by HeaderKey, so "E-mail", "EMAIL" and "e_mail" are one entry. The
// one table of such names: extend it here.
struct Alias {
  std::string_view object;
  std::string_view header;
  std::vector<std::string_view> fields;
};

const std::vector<Alias>& Aliases() {
  static const std::vector<Alias> kAliases = {
      // People. HubSpot: First Name, Last Name, Email, Phone Number, Mobile Phone Number, Company Name,
      // Job Title, Lifecycle Stage, Original Source, Record ID. Salesforce: FirstName, LastName, Email,
      // Phone, MobilePhone, Title, Birthdate, AccountName, LeadSource, Id. Pipedrive: "Person - Name"
      // (prefixes are dropped, see SuggestField), Email - Work, Phone - Work, Organization, Labels.
      // Twenty: Name First Name, Emails Primary Email, Phones Primary Phone Number, Company.
      // EspoCRM: firstName, lastName, emailAddress, phoneNumber, accountName, title.
      {"person", "Given Name", {"first_name"}},
      {"person", "Forename", {"first_name"}},
      {"person", "First", {"first_name"}},
      {"person", "Vorname", {"first_name"}},
      {"person", "Prénom", {"first_name"}},
      {"person", "Name First Name", {"first_name"}},
      {"person", "Surname", {"last_name"}},
      {"person", "Family Name", {"last_name"}},
      {"person", "Last", {"last_name"}},
      {"person", "Nachname", {"last_name"}},
      {"person", "Nom", {"last_name"}},
      {"person", "Name Last Name", {"last_name"}},
      {"person", "E-mail", {"email", "emails"}},
      {"person", "Email Address", {"email", "emails"}},
      {"person", "E-mail Address", {"email", "emails"}},
      {"person", "Primary Email", {"email", "emails"}},
      {"person", "Emails Primary Email", {"email", "emails"}},
      {"person", "Work Email", {"email", "emails"}},
      {"person", "Email Work", {"email", "emails"}},
      {"person", "Business Email", {"email", "emails"}},
      {"person", "Mail", {"email", "emails"}},
      {"person", "Email 1", {"email", "emails"}},
      {"person", "Email 2", {"emails"}},
      {"person", "Email 3", {"emails"}},
      {"person", "Other Email", {"emails"}},
      {"person", "Secondary Email", {"emails"}},
      {"person", "Personal Email", {"emails"}},
      {"person", "Email Home", {"emails"}},
      {"person", "Emails Additional Emails", {"emails"}},
      {"person", "Phone Number", {"phone", "phones"}},
      {"person", "Telephone", {"phone", "phones"}},
      {"person", "Tel", {"phone", "phones"}},
      {"person", "Work Phone", {"phone", "phones"}},
      {"person", "Phone Work", {"phone", "phones"}},
      {"person", "Business Phone", {"phone", "phones"}},
      {"person", "Phone 1", {"phone", "phones"}},
      {"person", "Phones Primary Phone Number", {"phone", "phones"}},
      {"person", "Mobile", {"phone", "phones"}},
      {"person", "Mobile Phone", {"phone", "phones"}},
      {"person", "Mobile Phone Number", {"phone", "phones"}},
      {"person", "Cell", {"phone", "phones"}},
      {"person", "Cell Phone", {"phone", "phones"}},
      {"person", "Phone Mobile", {"phone", "phones"}},
      {"person", "Home Phone", {"phones"}},
      {"person", "Phone Home", {"phones"}},
      {"person", "Other Phone", {"phones"}},
      {"person", "Phone 2", {"phones"}},
      {"person", "Phone 3", {"phones"}},
      {"person", "Company", {"organization"}},
      {"person", "Company Name", {"organization"}},
      {"person", "Organisation", {"organization"}},
      {"person", "Organization Name", {"organization"}},
      {"person", "Account", {"organization"}},
      {"person", "Account Name", {"organization"}},
      {"person", "Employer", {"organization"}},
      {"person", "Firma", {"organization"}},
      {"person", "Title", {"job_title"}},
      {"person", "Position", {"job_title"}},
      {"person", "Role", {"job_title"}},
      {"person", "Birthdate", {"birthday"}},
      {"person", "Birth Date", {"birthday"}},
      {"person", "Date of Birth", {"birthday"}},
      {"person", "DOB", {"birthday"}},
      {"person", "Geburtstag", {"birthday"}},
      {"person", "Preferred Language", {"language"}},
      {"person", "Locale", {"language"}},
      {"person", "Timezone", {"time_zone"}},
      {"person", "Lead Source", {"source"}},
      {"person", "Original Source", {"source"}},
      {"person", "Lifecyclestage", {"lifecycle_stage"}},
      {"person", "Email Opt In", {"marketing_consent"}},
      {"person", "Do Not Call", {"do_not_contact"}},
      // Organizations. HubSpot: Company Name, Company Domain Name, Website URL, Industry, Phone Number,
      // Number of Employees, Type, Record ID. Salesforce: Name, Website, Industry, Phone, Type,
      // NumberOfEmployees, ParentId, Id. Pipedrive: "Organization - Name". EspoCRM: name, website,
      // emailAddress, phoneNumber, industry, type.
      {"organization", "Company", {"name"}},
      {"organization", "Company Name", {"name"}},
      {"organization", "Organization", {"name"}},
      {"organization", "Organisation", {"name"}},
      {"organization", "Organization Name", {"name"}},
      {"organization", "Account Name", {"name"}},
      {"organization", "Firma", {"name"}},
      {"organization", "Company Domain Name", {"domain"}},
      {"organization", "Domain Name", {"domain"}},
      {"organization", "Website URL", {"website"}},
      {"organization", "URL", {"website"}},
      {"organization", "Web", {"website"}},
      {"organization", "Homepage", {"website"}},
      {"organization", "Type", {"kind"}},
      {"organization", "Company Type", {"kind"}},
      {"organization", "Account Type", {"kind"}},
      {"organization", "Number of Employees", {"size"}},
      {"organization", "Employees", {"size"}},
      {"organization", "Company Size", {"size"}},
      {"organization", "Parent Company", {"parent"}},
      {"organization", "Parent Account", {"parent"}},
      {"organization", "Parent Organization", {"parent"}},
      {"organization", "E-mail", {"email"}},
      {"organization", "Email Address", {"email"}},
      {"organization", "Phone Number", {"phone"}},
      {"organization", "Telephone", {"phone"}},
      // Every object: tags, and the record's id in the system it comes from, so that importing the
      // same export again updates instead of duplicating.
      {"", "Tag", {"tags"}},
      {"", "Labels", {"tags"}},
      {"", "Label", {"tags"}},
      {"", "Keywords", {"tags"}},
      {"", "Id", {"external_id"}},
      {"", "Record ID", {"external_id"}},
      {"", "Contact ID", {"external_id"}},
      {"", "Person ID", {"external_id"}},
      {"", "Company ID", {"external_id"}},
      {"", "Account ID", {"external_id"}},
      {"", "Organization ID", {"external_id"}},
      {"", "External ID", {"external_id"}},
      {"", "Ext ID", {"external_id"}},
      // Orders and their lines, as shops and ERPs export them.
      {"order", "Order Number", {"number"}},
      {"order", "Order No", {"number"}},
      {"order", "Order ID", {"number"}},
      {"order", "Customer Email", {"person"}},
      {"order", "Email", {"person"}},
      {"order", "Customer", {"person"}},
      {"order", "Company", {"organization"}},
      {"order", "Date", {"ordered_at"}},
      {"order", "Order Date", {"ordered_at"}},
      {"order", "Financial Status", {"status"}},
      {"order_line", "Order Number", {"order"}},
      {"order_line", "Order No", {"order"}},
      {"order_line", "Order ID", {"order"}},
      {"order_line", "SKU", {"product"}},
      {"order_line", "Lineitem SKU", {"product"}},
      {"order_line", "Item", {"product"}},
      {"order_line", "Qty", {"quantity"}},
      {"order_line", "Lineitem Quantity", {"quantity"}},
      {"order_line", "Price", {"unit_price"}},
      {"order_line", "Lineitem Price", {"unit_price"}},
  };
  return kAliases;
}

// HeaderKey → fields, per object ("" for every object).
using AliasIndex = std::map<std::pair<std::string, std::string>, std::vector<std::string_view>, std::less<>>;

const AliasIndex& Index() {
  static const AliasIndex kIndex = [] {
    AliasIndex index;
    for (const Alias& a : Aliases()) {
      index.emplace(std::make_pair(std::string(a.object), HeaderKey(a.header)), a.fields);
    }
    return index;
  }();
  return kIndex;
}

// Prefixes that exports put before a field's header ("Person - Email", "Company Name" on an
// organization), dropped when the whole header matches nothing.
std::vector<std::string> Prefixes(const meta::ObjectDef& object) {
  if (object.name == "person") return {"person", "contact", "lead"};
  if (object.name == "organization") return {"organization", "organisation", "company", "account"};
  return {HeaderKey(object.name)};
}

bool IsList(const meta::FieldDef& f) {
  return f.multiple || f.type == meta::FieldType::kLinkMany || f.type == meta::FieldType::kMultiEnum;
}

bool Free(const meta::FieldDef& f, std::span<const std::string> taken) {
  return IsList(f) || std::find(taken.begin(), taken.end(), f.name) == taken.end();
}

// The HeaderKeys of an object's importable fields' names and labels, made once per mapping.
struct FieldKey {
  const meta::FieldDef* field;
  std::string name;
  std::string label;
};

std::vector<FieldKey> FieldKeys(const meta::ObjectDef& object) {
  std::vector<FieldKey> out;
  for (const meta::FieldDef& f : object.fields) {
    if (Importable(f)) out.push_back({&f, HeaderKey(f.name), f.label.empty() ? std::string() : HeaderKey(f.label)});
  }
  return out;
}

// The field that `key` (a HeaderKey) names: by name or label, else by alias.
std::string Lookup(const meta::ObjectDef& object, const std::vector<FieldKey>& fields, const std::string& key,
                   std::span<const std::string> taken) {
  if (key.empty()) return {};
  for (const FieldKey& f : fields) {
    if (Free(*f.field, taken) && (f.name == key || f.label == key)) return f.field->name;
  }
  for (const std::string& scope : {object.name, std::string()}) {
    auto it = Index().find(std::make_pair(scope, key));
    if (it == Index().end()) continue;
    for (std::string_view name : it->second) {
      const meta::FieldDef* f = object.FindField(name);
      if (f != nullptr && Importable(*f) && Free(*f, taken)) return f->name;
    }
  }
  return {};
}

std::string Suggest(const meta::ObjectDef& object, const std::vector<FieldKey>& fields, std::string_view header,
                    std::span<const std::string> taken) {
  const std::string key = HeaderKey(header);
  std::string field = Lookup(object, fields, key, taken);
  if (!field.empty()) return field;
  for (const std::string& prefix : Prefixes(object)) {
    if (key.size() > prefix.size() && key.starts_with(prefix)) {
      field = Lookup(object, fields, key.substr(prefix.size()), taken);
      if (!field.empty()) return field;
    }
  }
  return {};
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string HeaderKey(std::string_view header) {
  std::string folded = FoldForSearch(header);
  folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
  return folded;
}

bool Importable(const meta::FieldDef& field) { return field.active && !field.read_only; }

std::string SuggestField(const meta::ObjectDef& object, std::string_view header, std::span<const std::string> taken) {
  return Suggest(object, FieldKeys(object), header, taken);
}

Result<ExplicitMapping> ParseMapping(std::string_view text) {
  ExplicitMapping out;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    std::string_view entry = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (Trim(entry).empty()) continue;
    const std::size_t eq = entry.rfind('=');
    if (eq == std::string_view::npos) {
      std::string problem = fmt::format("'{}' is not Header=field", entry.substr(0, 100));
      return Error{ErrorCode::kInvalidArgument, "map " + problem, {{"map", problem}}};
    }
    out.emplace_back(std::string(Trim(entry.substr(0, eq))), std::string(Trim(entry.substr(eq + 1))));
  }
  return out;
}

Result<ColumnMapping> MapColumns(const meta::ObjectDef& object, std::span<const std::string> headers,
                                 const ExplicitMapping& explicit_mapping) {
  ColumnMapping mapping;
  mapping.headers.assign(headers.begin(), headers.end());
  mapping.fields.assign(headers.size(), std::string());
  std::vector<bool> decided(headers.size(), false);
  std::vector<std::string> taken;
  std::vector<FieldError> problems;
  for (const auto& [header, field_name] : explicit_mapping) {
    std::vector<std::size_t> columns;
    for (std::size_t i = 0; i < headers.size(); ++i) {
      if (headers[i] == header) columns.push_back(i);
    }
    if (columns.empty()) {
      problems.push_back({"map", fmt::format("'{}': the file has no column of that header", header.substr(0, 100))});
      continue;
    }
    if (field_name.empty()) {
      for (std::size_t i : columns) decided[i] = true;
      continue;
    }
    const meta::FieldDef* f = object.FindField(field_name);
    if (f == nullptr || !f->active) {
      problems.push_back({"map", fmt::format("'{}={}': {} is not a field of {}", header.substr(0, 100),
                                             field_name.substr(0, 64), field_name.substr(0, 64), object.name)});
      continue;
    }
    if (f->read_only) {
      problems.push_back({"map", fmt::format("'{}={}': {} is read-only", header.substr(0, 100), f->name, f->name)});
      continue;
    }
    if (columns.size() > 1) {
      problems.push_back({"map", fmt::format("'{}': the file has {} columns of that header", header.substr(0, 100),
                                             columns.size())});
      continue;
    }
    if (!Free(*f, taken)) {
      problems.push_back({"map", fmt::format("'{}={}': another column feeds {} already", header.substr(0, 100),
                                             f->name, f->name)});
      continue;
    }
    mapping.fields[columns[0]] = f->name;
    decided[columns[0]] = true;
    taken.push_back(f->name);
  }
  if (!problems.empty()) {
    std::string message = fmt::format("the mapping is not valid: {}", problems[0].problem);
    return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(problems)};
  }
  const std::vector<FieldKey> keys = FieldKeys(object);
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (decided[i]) continue;
    std::string field = Suggest(object, keys, headers[i], taken);
    if (!field.empty()) taken.push_back(field);
    mapping.fields[i] = std::move(field);
  }
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (mapping.fields[i].empty()) mapping.ignored.push_back(headers[i]);
  }
  return mapping;
}

}  // namespace rapport::domain
