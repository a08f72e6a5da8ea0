#include "api/openapi.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "api/records_handler.h"
#include "domain/record/list_query.h"
#include "domain/record/record_service.h"
#include "domain/merge/merge_values.h"
#include "domain/relationship/upcoming_dates.h"
#include "domain/timeline/timeline.h"
#include "api/openapi_auth.h"
#include "api/openapi_sales.h"
#include "meta/field_type.h"
#include "meta/field_value.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using meta::FieldDef;
using meta::FieldType;
using meta::ObjectDef;
using meta::Registry;

// Limits the handlers and meta/field_value.cc enforce, told to clients from where they are defined.
constexpr std::int64_t kDefaultPageSize = domain::RecordService::kDefaultPageSize;
constexpr std::int64_t kMaxPageSize = domain::RecordService::kMaxPageSize;
constexpr std::int64_t kMaxSortKeys = domain::kMaxSortKeys;
constexpr std::int64_t kMaxListValues = meta::kMaxListValues;
constexpr std::int64_t kMaxLinks = meta::kMaxLinks;
constexpr std::int64_t kMaxByLength = meta::kMaxByLength;
constexpr std::int64_t kDefaultSearchHits = RecordsHandler::kDefaultSearchHits;
constexpr std::int64_t kMaxSearchHits = RecordsHandler::kMaxSearchHits;
constexpr std::int64_t kMaxSearchText = RecordsHandler::kMaxSearchText;
constexpr std::int64_t kDefaultUpcomingDays = domain::kDefaultUpcomingDays;
constexpr std::int64_t kMaxUpcomingDays = domain::kMaxUpcomingDays;
constexpr std::string_view kNamePattern = "^[a-z][a-z0-9_]{0,40}$";

// The names derived from one object's stem; each must be unique in the document.
constexpr std::string_view kSchemaSuffixes[] = {"", "Create", "Patch", "Page"};
constexpr std::string_view kOperationVerbs[] = {"list", "create", "get", "update", "delete", "restore", "purge"};

struct ObjectNames {
  std::string stem;  // "PersonalDate": schema names and operationIds derive from it
  std::string tag;   // "Personal dates"
  std::string path;  // "/api/v1/personal_dates"
};

bj::object Ref(std::string_view section, std::string_view name) {
  return {{"$ref", fmt::format("#/components/{}/{}", section, name)}};
}

bj::object SchemaRef(std::string_view name) { return Ref("schemas", name); }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// "personal_date" -> "PersonalDate".
std::string PascalCase(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

// "Owner" -> "Owner.": field labels have no full stop, descriptions usually do.
std::string Sentence(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out.back() != '.' && out.back() != '?' && out.back() != '!') out += '.';
  return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string CollectionPath(const ObjectDef& object) {
  return object.path.empty() ? "/api/v1/objects/" + object.name : "/api/v1/" + object.path;
}

// Lets `schema` be null too, the JSON Schema 2020-12 way that OpenAPI 3.1 uses: "type": ["string",
// "null"], and null among the values of an enum (which would otherwise refuse it).
void AllowNull(bj::object& schema) {
  bj::value type = schema["type"];
  schema["type"] = bj::array{type, "null"};
  if (bj::value* values = schema.if_contains("enum")) values->as_array().push_back(nullptr);
}

bj::object JsonContent(bj::value schema, std::initializer_list<std::string_view> media_types = {"application/json"}) {
  bj::object content;
  for (std::string_view media_type : media_types) content[media_type] = bj::object{{"schema", schema}};
  return content;
}

bj::object JsonResponse(std::string_view description, bj::value schema) {
  return {{"description", description}, {"content", JsonContent(std::move(schema))}};
}

// The problem+json answers of an operation, by status, as references to components.responses.
void AddProblems(bj::object& responses, std::initializer_list<int> statuses) {
  for (int status : statuses) {
    std::string_view name;
    switch (status) {
      case 400: name = "BadRequest"; break;
      case 404: name = "NotFound"; break;
      case 409: name = "Conflict"; break;
      case 412: name = "PreconditionFailed"; break;
      case 413: name = "PayloadTooLarge"; break;
      case 422: name = "UnprocessableEntity"; break;
      default: name = "Unavailable"; break;  // 503
    }
    responses[std::to_string(status)] = Ref("responses", name);
  }
}

bj::object Operation(std::string id, std::string summary, std::string_view tag) {
  return {{"operationId", std::move(id)}, {"summary", std::move(summary)}, {"tags", bj::array{tag}}};
}

bj::object Parameter(std::string_view name, std::string_view in, std::string description, bj::object schema,
                     bool required = false) {
  return {{"name", name},
          {"in", in},
          {"description", std::move(description)},
          {"required", required},
          {"schema", std::move(schema)}};
}

// --- Field schemas ---------------------------------------------------------------------------

// One value of a text type (text, long_text, email, phone, url).
bj::object TextSchema(const FieldDef& field, bool non_empty) {
  bj::object schema{{"type", "string"}};
  if (field.type == FieldType::kEmail) schema["format"] = "email";
  if (field.type == FieldType::kUrl) schema["format"] = "uri";
  if (non_empty) schema["minLength"] = 1;
  if (auto max = field.max_length ? field.max_length : meta::DefaultMaxLength(field.type)) schema["maxLength"] = *max;
  return schema;
}

// Bounds of int fields and of a currency's micros: integral within +-2^53 (the registry checks).
void IntegerBounds(const FieldDef& field, bj::object& schema) {
  if (field.min) schema["minimum"] = static_cast<std::int64_t>(*field.min);
  if (field.max) schema["maximum"] = static_cast<std::int64_t>(*field.max);
}

bj::array Options(const FieldDef& field) {
  bj::array options;
  for (const std::string& option : field.options) options.emplace_back(option);
  return options;
}

bj::object IdSchema() { return {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}}; }

// What a link points at, for the field's description: "Organization id (/api/v1/organizations/{id})."
std::string LinkNote(const FieldDef& field, const Registry& registry) {
  const ObjectDef* target = registry.FindObject(field.target);
  if (target == nullptr) return {};  // the registry refuses links to unknown objects
  if (field.type == FieldType::kLink) return fmt::format("{} id ({}/{{id}}).", target->label, CollectionPath(*target));
  if (!field.by.empty()) {
    return fmt::format("Each value is the {} of a {}; an unknown {} creates one.", field.by, target->label, field.by);
  }
  return fmt::format("{} ids ({}/{{id}}).", target->label, CollectionPath(*target));
}

// The JSON Schema of a field's value, as meta/field_value.cc validates it and the API returns it,
// before null is allowed (the callers decide).
bj::object ValueSchema(const FieldDef& field, const Registry& registry) {
  bj::object schema;
  switch (field.type) {
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kUrl:
      if (field.multiple) {
        schema = {
            {"type", "array"}, {"items", TextSchema(field, true)}, {"uniqueItems", true}, {"maxItems", kMaxListValues}};
      } else {
        schema = TextSchema(field, field.required);
      }
      break;
    case FieldType::kInt:
      schema = {{"type", "integer"}, {"format", "int64"}};
      IntegerBounds(field, schema);
      break;
    case FieldType::kDecimal:
      schema = {{"type", "number"}, {"format", "double"}};
      if (field.min) schema["minimum"] = *field.min;
      if (field.max) schema["maximum"] = *field.max;
      break;
    case FieldType::kCurrency: {
      bj::object micros{{"type", "integer"}, {"format", "int64"}, {"description", "The amount in millionths."}};
      IntegerBounds(field, micros);
      bj::object currency{
          {"type", "string"}, {"pattern", "^[A-Z]{3}$"}, {"description", "An ISO 4217 code such as EUR."}};
      schema = {{"type", "object"},
                {"properties", bj::object{{"micros", std::move(micros)}, {"currency", std::move(currency)}}},
                {"required", bj::array{"micros", "currency"}},
                {"additionalProperties", false}};
      break;
    }
    case FieldType::kDate: schema = {{"type", "string"}, {"format", "date"}}; break;
    case FieldType::kDatetime: schema = {{"type", "string"}, {"format", "date-time"}}; break;
    case FieldType::kBool: schema = {{"type", "boolean"}}; break;
    case FieldType::kEnum: schema = {{"type", "string"}, {"enum", Options(field)}}; break;
    case FieldType::kMultiEnum:
      schema = {{"type", "array"},
                {"items", bj::object{{"type", "string"}, {"enum", Options(field)}}},
                {"uniqueItems", true}};
      break;
    case FieldType::kLink: schema = IdSchema(); break;
    case FieldType::kLinkMany:
      if (field.by.empty()) {
        schema = {{"type", "array"}, {"items", IdSchema()}, {"uniqueItems", true}, {"maxItems", kMaxLinks}};
      } else {
        schema = {{"type", "array"},
                  {"items", bj::object{{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxByLength}}},
                  {"uniqueItems", true},
                  {"maxItems", kMaxListValues}};
      }
      break;
  }
  std::string description = Sentence(field.description.empty() ? field.label : field.description);
  if (field.type == FieldType::kLink || field.type == FieldType::kLinkMany) {
    description += " " + LinkNote(field, registry);
  }
  schema["description"] = description;
  return schema;
}

// A field's schema in a record or a request body: nullable unless required.
bj::object FieldSchema(const FieldDef& field, const Registry& registry) {
  bj::object schema = ValueSchema(field, registry);
  if (!field.required) AllowNull(schema);
  return schema;
}

bool Writable(const FieldDef& field) { return field.active && !field.read_only; }

std::string ObjectKind(const ObjectDef& object) {
  return object.is_custom() ? fmt::format("custom object `{}`", object.name)
                            : fmt::format("built-in object `{}`", object.name);
}

// <Stem>: a record as the API returns it (domain/record/record_layout.h).
bj::object RecordSchema(const ObjectDef& object, const Registry& registry) {
  bj::object properties;
  bj::array required;
  auto add_system = [&](std::string_view name, bj::object schema, std::string_view description) {
    schema["readOnly"] = true;
    schema["description"] = description;
    properties[name] = std::move(schema);
    required.emplace_back(name);
  };
  add_system("id", IdSchema(), "The record's id, unique within its object.");
  for (const FieldDef& field : object.fields) {
    if (!field.active) continue;
    bj::object schema = FieldSchema(field, registry);
    if (field.read_only) schema["readOnly"] = true;
    properties[field.name] = std::move(schema);
    required.emplace_back(field.name);
  }
  add_system("version", IdSchema(),
             "Goes up by one with every change. The ETag header is this number in double quotes; send it back as "
             "If-Match.");
  add_system("created_at", {{"type", "string"}, {"format", "date-time"}},
             "When the record was created (RFC 3339, UTC).");
  add_system("updated_at", {{"type", "string"}, {"format", "date-time"}},
             "When the record last changed (RFC 3339, UTC).");
  add_system("created_by", {{"type", bj::array{"integer", "null"}}, {"format", "int64"}},
             "The id of the user who created the record; null when the system did.");
  add_system("deleted_at", {{"type", bj::array{"string", "null"}}, {"format", "date-time"}},
             "When the record was deleted (it can be restored until purged); null while it is live.");
  return {{"type", "object"},
          {"description", fmt::format("A {} record ({}).", object.label, ObjectKind(object))},
          {"properties", std::move(properties)},
          {"required", std::move(required)}};
}

// <Stem>Create or <Stem>Patch: the writable fields; a create requires the required fields that have no
// default and shows the defaults it applies.
bj::object WriteSchema(const ObjectDef& object, const Registry& registry, bool create) {
  bj::object properties;
  bj::array required;
  for (const FieldDef& field : object.fields) {
    if (!Writable(field)) continue;
    bj::object schema = FieldSchema(field, registry);
    if (create && field.default_value) schema["default"] = *field.default_value;
    if (create && field.required && !field.default_value) required.emplace_back(field.name);
    properties[field.name] = std::move(schema);
  }
  bj::object schema{
      {"type", "object"},
      {"description", create ? fmt::format("A new {} record: members left out take their default.", object.label)
                             : fmt::format("A change to a {} record (JSON merge patch): only the members present "
                                           "change; null clears an optional field.",
                                           object.label)},
      {"properties", std::move(properties)}};
  if (!required.empty()) schema["required"] = std::move(required);
  schema["additionalProperties"] = false;
  return schema;
}

bj::object PageSchema(const ObjectDef& object, const ObjectNames& names) {
  return {{"type", "object"},
          {"description", fmt::format("One page of {} records.", object.label)},
          {"properties", bj::object{{"data", bj::object{{"type", "array"}, {"items", SchemaRef(names.stem)}}},
                                    {"next", bj::object{{"type", bj::array{"string", "null"}},
                                                        {"description",
                                                         "The cursor of the next page (pass it as `after`); null "
                                                         "on the last page."}}}}},
          {"required", bj::array{"data", "next"}}};
}

// --- Parameters of a list --------------------------------------------------------------------

// domain/record/list_query.h: active scalar fields, not long text, multi-valued or link_many.
bool Sortable(const FieldDef& field) {
  return field.active && !field.multiple && field.type != FieldType::kLongText && field.type != FieldType::kMultiEnum &&
         field.type != FieldType::kLinkMany;
}

bj::object SortParameter(const ObjectDef& object) {
  std::vector<std::string> fields = {"id", "created_at", "updated_at"};
  for (const FieldDef& field : object.fields) {
    if (Sortable(field)) fields.push_back(field.name);
  }
  return Parameter("sort", "query",
                   fmt::format("Comma-separated field names, at most {}; a leading `-` sorts that key descending "
                               "(`-created_at,id`). Ties are broken by id. Default: by id. Sortable: {}.",
                               kMaxSortKeys, Join(fields)),
                   {{"type", "string"}, {"pattern", "^-?[a-z][a-z0-9_]*(,-?[a-z][a-z0-9_]*)*$"}});
}

bj::object FilterParameter(const ObjectDef& object) {
  std::vector<std::string> fields;
  for (const FieldDef& field : object.fields) {
    if (!field.active) continue;
    std::vector<std::string> ops;
    for (meta::FilterOp op : meta::SupportedOps(field)) ops.emplace_back(meta::FilterOpName(op));
    if (!ops.empty()) fields.push_back(fmt::format("{} ({})", field.name, Join(ops, ", ")));
  }
  return Parameter("filter", "query",
                   fmt::format("An expression of the filter language (docs/filter.md), checked against the "
                               "object's fields; an unknown field or an operator the field does not support is a "
                               "400. Fields and their operators: {}.",
                               Join(fields, "; ")),
                   {{"type", "string"}});
}

bj::object SearchParameter(const ObjectDef& object) {
  return Parameter("q", "query",
                   fmt::format("Full-text search over {}; a link matches its target's title.", Join(object.search)),
                   {{"type", "string"}, {"minLength", 1}});
}

// --- Operations of one object ----------------------------------------------------------------

bj::object RecordResponse(std::string_view description, const ObjectNames& names) {
  bj::object response = JsonResponse(description, SchemaRef(names.stem));
  response["headers"] = bj::object{{"ETag", Ref("headers", "ETag")}};
  return response;
}

// {"data": [item, ...]}.
bj::object DataList(bj::object item) {
  return {{"type", "object"},
          {"properties", bj::object{{"data", bj::object{{"type", "array"}, {"items", std::move(item)}}}}},
          {"required", bj::array{"data"}}};
}

// GET <path>/export (api/export_handler.h).
void AddExportPath(const ObjectDef& object, const ObjectNames& names, bj::object& paths) {
  bj::object op = Operation("export" + names.stem, "Export " + object.plural_label, names.tag);
  op["description"] =
      "Every record of the list that `filter` and `sort` describe, streamed with chunked transfer encoding a "
      "page at a time. CSV (RFC 4180): a header row of id, the fields and created_at/updated_at; lists joined "
      "by \"; \", money as \"12.500000 EUR\". NDJSON: one record a line, as the API renders it. vCard 4.0 (people): "
      "names, emails, phones, birthday, job title, organization name, addresses. A bad parameter "
      "is a 400 before the file starts; a failure later cuts the stream short (no last chunk).";
  op["parameters"] = bj::array{
      Parameter("format", "query", "csv (the default), ndjson, or vcard (people only).",
                {{"type", "string"}, {"enum", bj::array{"csv", "ndjson", "vcard"}}, {"default", "csv"}}),
      Parameter("filter", "query", "A filter-language expression (docs/filter.md).", {{"type", "string"}}),
      Parameter("sort", "query", "As for lists: fields, - for descending.", {{"type", "string"}}),
      Parameter("fields", "query", "The fields to export, comma-separated; all active fields when absent.",
                {{"type", "string"}}),
      Parameter("include_deleted", "query", "Deleted records too, with a deleted_at column.",
                {{"type", "boolean"}, {"default", false}})};
  bj::object ok{{"description", "The file."},
                {"content", bj::object{{"text/csv", bj::object{{"schema", bj::object{{"type", "string"}}}}},
                                       {"application/x-ndjson", bj::object{{"schema", bj::object{{"type", "string"}}}}},
                                       {"text/vcard", bj::object{{"schema", bj::object{{"type", "string"}}}}}}}};
  bj::object responses{{"200", std::move(ok)}};
  AddProblems(responses, {400, 503});
  op["responses"] = std::move(responses);
  paths[names.path + "/export"] = bj::object{{"get", std::move(op)}};
}

// CSV import (api/imports_handler.h) of people and organizations.
void AddImportPath(const ObjectDef& object, const ObjectNames& names, bj::object& paths) {
  bj::object op = Operation("import" + names.stem, "Import " + object.plural_label + " from CSV", names.tag);
  op["description"] =
      "The body is a CSV file with a header row (RFC 4180; ',', ';' or tab, sniffed from the header; a UTF-8 BOM "
      "is dropped). Columns map to fields by name, label or the headers other CRMs export; `map` overrides. Each "
      "row is validated as a POST or PATCH is and upserted by external_id, then email (people) or name "
      "(organizations), without regard to case; an empty cell changes nothing. Every row is written or "
      "reported. Files over the body limit: use `rapport import` (docs/import-export.md).";
  op["parameters"] = bj::array{
      Parameter("dry_run", "query", "Check and report every row, write nothing.", {{"type", "boolean"}, {"default", false}}),
      Parameter("map", "query", "A JSON object of header: field; null or \"\" ignores the column.", {{"type", "string"}}),
      Parameter("delimiter", "query", "The delimiter; sniffed from the header line when absent.",
                {{"type", "string"}, {"enum", bj::array{",", ";", "tab"}}})};
  bj::object content{{"text/csv", bj::object{{"schema", bj::object{{"type", "string"}}}}}};
  if (object.name == "person") {
    op["description"].as_string() +=
        " For people the body may also be vCards (text/vcard, 4.0 or 3.0): each card is a row numbered by its "
        "BEGIN line, its organization is linked by name and its addresses added.";
    content["text/vcard"] = bj::object{{"schema", bj::object{{"type", "string"}}}};
  }
  op["requestBody"] = bj::object{{"required", true}, {"content", std::move(content)}};
  const bj::object integer{{"type", "integer"}};
  const bj::object text{{"type", "string"}};
  bj::object column{{"type", "object"},
                    {"required", bj::array{"header", "field"}},
                    {"properties", bj::object{{"header", text}, {"field", bj::object{{"type", bj::array{"string", "null"}}}}}}};
  bj::object problem{{"type", "object"},
                     {"required", bj::array{"row", "field", "problem"}},
                     {"properties", bj::object{{"row", integer}, {"field", text}, {"problem", text}}}};
  bj::object summary{
      {"type", "object"},
      {"required", bj::array{"object", "dry_run", "delimiter", "rows", "created", "updated", "unchanged", "failed",
                             "columns", "ignored_columns", "linked_created", "errors", "errors_omitted"}},
      {"properties",
       bj::object{{"object", text},
                  {"dry_run", bj::object{{"type", "boolean"}}},
                  {"delimiter", text},
                  {"rows", integer},
                  {"created", integer},
                  {"updated", integer},
                  {"unchanged", integer},
                  {"failed", integer},
                  {"columns", bj::object{{"type", "array"}, {"items", std::move(column)}}},
                  {"ignored_columns", bj::object{{"type", "array"}, {"items", text}}},
                  {"linked_created", bj::object{{"type", "object"}, {"additionalProperties", integer}}},
                  {"errors", bj::object{{"type", "array"}, {"items", std::move(problem)}}},
                  {"errors_omitted", integer}}}};
  bj::object responses{{"200", JsonResponse("What was imported, and every problem by row (the header is row 1).",
                                            std::move(summary))}};
  AddProblems(responses, {400, 413, 503});
  op["responses"] = std::move(responses);
  paths["/api/v1/imports/" + object.path] = bj::object{{"post", std::move(op)}};
}

// GET <path>/{id}/timeline (api/timeline_handler.h) of people and organizations.
void AddTimelinePath(const ObjectDef& object, const ObjectNames& names, bj::object& paths) {
  bj::object op = Operation("get" + names.stem + "Timeline", "The timeline of a " + object.label, names.tag);
  op["description"] =
      "The consents (people), interactions, notes, tasks and stage changes of the record (for an organization, "
      "those linked to it), newest first: by the consent's at, the interaction's occurred_at or the entry's "
      "created_at, then kind, then id descending. "
      "`next` pages by keyset and stays stable while entries are added. Deleted entries are left out.";
  bj::array kinds;
  for (const domain::TimelineSource& source : domain::TimelineSources()) kinds.emplace_back(source.object);
  op["parameters"] = bj::array{
      Parameter("limit", "query", fmt::format("Entries per page, 1 to {}.", domain::TimelineService::kMaxLimit),
                {{"type", "integer"},
                 {"minimum", 1},
                 {"maximum", domain::TimelineService::kMaxLimit},
                 {"default", domain::TimelineService::kDefaultLimit}}),
      Parameter("after", "query", "The `next` of the previous page.", {{"type", "string"}}),
      Parameter("kinds", "query", fmt::format("Only these kinds, comma-separated: {}.", bj::serialize(kinds)),
                {{"type", "string"}})};
  bj::object entry{{"type", "object"},
                   {"required", bj::array{"kind", "at", "record"}},
                   {"properties", bj::object{{"kind", bj::object{{"enum", kinds}}},
                                             {"at", bj::object{{"type", "string"}, {"format", "date-time"}}},
                                             {"record", bj::object{{"type", "object"}}}}}};
  bj::object page = DataList(std::move(entry));
  page["properties"].as_object()["next"] = bj::object{{"type", bj::array{"string", "null"}}};
  bj::object responses{{"200", JsonResponse("A page of the timeline.", std::move(page))}};
  AddProblems(responses, {400, 404, 503});
  op["responses"] = std::move(responses);
  paths[names.path + "/{id}/timeline"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Id")}}, {"get", std::move(op)}};
}

// Duplicates and merge (api/merge_handler.h) of the objects in domain::kMergeableObjects.
void AddMergePaths(const ObjectDef& object, const ObjectNames& names, bj::object& paths) {
  const std::string& stem = names.stem;
  const bj::object integer{{"type", "integer"}};
  const bj::object text{{"type", "string"}};
  bj::object duplicates = Operation("list" + stem + "Duplicates", "Likely duplicates of a " + object.label, names.tag);
  duplicates["description"] =
      "Live records that share an email (any email field, without regard to case) or a phone number's digits "
      "with this one, or whose title words begin the other's (for people: at the same organization); most "
      "reasons first.";
  bj::object duplicate{{"type", "object"},
                       {"required", bj::array{"id", "title", "reasons"}},
                       {"properties", bj::object{{"id", integer},
                                                 {"title", text},
                                                 {"reasons", bj::object{{"type", "array"},
                                                                        {"items", bj::object{{"enum", bj::array{"email", "phone", "name"}}}}}}}}};
  bj::object duplicates_responses{{"200", JsonResponse("The likely duplicates.", DataList(std::move(duplicate)))}};
  AddProblems(duplicates_responses, {400, 404, 503});
  duplicates["responses"] = std::move(duplicates_responses);
  paths[names.path + "/{id}/duplicates"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Id")}}, {"get", std::move(duplicates)}};

  bj::object merge_entry{
      {"type", "object"},
      {"properties", bj::object{{"id", integer},
                                {"object", text},
                                {"into", integer},
                                {"from", integer},
                                {"moved", bj::object{{"type", "object"}, {"additionalProperties", integer}}},
                                {"merged_record", SchemaRef(stem)},
                                {"created_at", bj::object{{"type", "string"}, {"format", "date-time"}}},
                                {"created_by", bj::object{{"type", bj::array{"integer", "null"}}}}}}};
  bj::object merge = Operation("merge" + stem, "Merge another " + object.label + " into this one", names.tag);
  merge["description"] =
      "Every link to the record `from` moves to this one; this one keeps its values and takes the other's where "
      "it has none, lists are joined, and the other's email or phone it already has joins its further ones. The "
      "other is soft-deleted (kept) and the merge recorded. If-Match applies to this record.";
  merge["parameters"] = bj::array{Ref("parameters", "IfMatch")};
  merge["requestBody"] = bj::object{
      {"required", true},
      {"content", JsonContent(bj::object{{"type", "object"},
                                         {"required", bj::array{"from"}},
                                         {"additionalProperties", false},
                                         {"properties", bj::object{{"from", bj::object{{"type", "integer"},
                                                                                       {"minimum", 1}}}}}})}};
  bj::object merge_result{{"type", "object"},
                          {"properties", bj::object{{"record", SchemaRef(stem)}, {"merge", merge_entry}}}};
  bj::object merge_responses{{"200", JsonResponse("The survivor and the record of the merge.", std::move(merge_result))}};
  merge_responses["200"].as_object()["headers"] = bj::object{{"ETag", Ref("headers", "ETag")}};
  AddProblems(merge_responses, {400, 404, 412, 413, 503});
  merge["responses"] = std::move(merge_responses);
  paths[names.path + "/{id}/merge"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Id")}}, {"post", std::move(merge)}};

  bj::object merges = Operation("list" + stem + "Merges", "The merges into a " + object.label, names.tag);
  bj::object merges_responses{{"200", JsonResponse("The merges, oldest first.", DataList(std::move(merge_entry)))}};
  AddProblems(merges_responses, {400, 404, 503});
  merges["responses"] = std::move(merges_responses);
  paths[names.path + "/{id}/merges"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Id")}}, {"get", std::move(merges)}};
}

// GDPR export and erasure of a person (api/privacy_handler.h, docs/api.md "Privacy").
void AddPrivacyPaths(const ObjectNames& names, bj::object& paths) {
  const bj::object integer{{"type", "integer"}};
  bj::object list{{"type", "array"}, {"items", bj::object{{"type", "object"}}}};
  bj::object doc_props{{"format", bj::object{{"const", "rapport.person_export.v1"}}},
                       {"exported_at", bj::object{{"type", "string"}, {"format", "date-time"}}},
                       {"person", SchemaRef(names.stem)}};
  for (const char* member : {"addresses", "affiliations", "personal_dates", "interactions", "tasks", "notes",
                             "stage_changes", "consents", "merges"}) {
    doc_props[member] = list;
  }
  bj::object exp = Operation("export" + names.stem + "Data", "Everything held about a person (GDPR access)", names.tag);
  exp["description"] =
      "One JSON document: the person with custom fields and tags, their addresses, affiliations (with the "
      "organization's name), personal dates, interactions, tasks, notes, stage history, consents and the merges "
      "into them; deleted records included.";
  bj::object exp_responses{{"200", JsonResponse("The person's data.", bj::object{{"type", "object"},
                                                                                  {"properties", std::move(doc_props)}})}};
  AddProblems(exp_responses, {400, 404, 503});
  exp["responses"] = std::move(exp_responses);
  paths[names.path + "/{id}/export"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Id")}}, {"get", std::move(exp)}};

  bj::object erase = Operation("erase" + names.stem, "Erase a person everywhere (GDPR erasure; admin)", names.tag);
  erase["description"] =
      "In one transaction: purges the person and the person records merged into them, their addresses, "
      "affiliations, personal dates, notes, tasks, stage history and consents; takes them out of interactions "
      "(kept for counts, their text emptied or their identifiers replaced); redacts outbox payloads, merge "
      "records, search entries and stored idempotent answers; appends person.erased with the id only.";
  erase["requestBody"] = bj::object{
      {"required", false},
      {"content", JsonContent(bj::object{{"type", "object"},
                                         {"additionalProperties", false},
                                         {"properties", bj::object{{"reason", bj::object{{"type", "string"},
                                                                                         {"maxLength", 500}}}}}})}};
  bj::object counts{{"type", "object"}, {"additionalProperties", integer}};
  bj::object report{{"type", "object"},
                    {"properties", bj::object{{"person", integer},
                                              {"merged_people", bj::object{{"type", "array"}, {"items", integer}}},
                                              {"records_removed", counts},
                                              {"interactions_anonymised", integer},
                                              {"events_redacted", integer},
                                              {"stored_answers_removed", integer}}}};
  bj::object erase_responses{{"200", JsonResponse("What was erased, in counts.", std::move(report))}};
  AddProblems(erase_responses, {400, 404, 413, 503});
  erase["responses"] = std::move(erase_responses);
  paths[names.path + "/{id}/erase"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Id")}}, {"post", std::move(erase)}};
}

void AddObjectPaths(const ObjectDef& object, const ObjectNames& names, bj::object& paths) {
  const std::string& stem = names.stem;
  const std::string label = object.label;
  const std::string plural = object.plural_label;

  bj::object list = Operation("list" + stem, "List " + plural, names.tag);
  list["description"] = fmt::format(
      "A page of {} records, by id unless `sort` says otherwise; deleted records only with include_deleted. "
      "{} is also served at /api/v1/objects/{}.",
      label, names.path, object.name);
  bj::array list_parameters{Ref("parameters", "Limit"), Ref("parameters", "After"), SortParameter(object),
                            FilterParameter(object)};
  if (!object.search.empty()) list_parameters.push_back(SearchParameter(object));
  list_parameters.push_back(Ref("parameters", "IncludeDeleted"));
  list["parameters"] = std::move(list_parameters);
  bj::object list_responses{{"200", JsonResponse(fmt::format("A page of {}.", plural), SchemaRef(stem + "Page"))}};
  AddProblems(list_responses, {400, 503});
  list["responses"] = std::move(list_responses);
  bj::object collection{{"get", std::move(list)}};

  if (object.writable) {
    bj::object create = Operation("create" + stem, "Create a " + label, names.tag);
    create["parameters"] = bj::array{Ref("parameters", "IdempotencyKey")};
    create["requestBody"] = bj::object{{"required", true}, {"content", JsonContent(SchemaRef(stem + "Create"))}};
    bj::object created = RecordResponse(fmt::format("The new {}.", label), names);
    created["headers"].as_object()["Location"] = Ref("headers", "Location");
    created["headers"].as_object()["Idempotent-Replayed"] = Ref("headers", "IdempotentReplayed");
    bj::object responses{{"201", std::move(created)}};
    AddProblems(responses, {400, 409, 413, 422, 503});
    create["responses"] = std::move(responses);
    collection["post"] = std::move(create);
  }
  paths[names.path] = std::move(collection);

  bj::object item{{"parameters", bj::array{Ref("parameters", "Id")}}};
  bj::object get = Operation("get" + stem, "Get a " + label, names.tag);
  bj::object get_responses{{"200", RecordResponse(fmt::format("The {}.", label), names)}};
  AddProblems(get_responses, {400, 404, 503});
  get["responses"] = std::move(get_responses);
  item["get"] = std::move(get);
  if (object.writable) {
    bj::object update = Operation("update" + stem, "Update a " + label, names.tag);
    update["description"] =
        "Changes only the fields present (JSON merge patch). With If-Match the update is refused (412) unless the "
        "record is still at that version.";
    update["parameters"] = bj::array{Ref("parameters", "IfMatch")};
    update["requestBody"] = bj::object{
        {"required", true},
        {"content", JsonContent(SchemaRef(stem + "Patch"), {"application/json", "application/merge-patch+json"})}};
    bj::object responses{{"200", RecordResponse(fmt::format("The {} as changed.", label), names)}};
    AddProblems(responses, {400, 404, 409, 412, 413, 422, 503});
    update["responses"] = std::move(responses);
    item["patch"] = std::move(update);

    bj::object remove = Operation("delete" + stem, "Delete a " + label, names.tag);
    remove["description"] =
        "A soft delete: the record leaves reads and lists (include_deleted shows it) until it is restored or purged.";
    remove["parameters"] = bj::array{Ref("parameters", "IfMatch")};
    bj::object responses_delete{{"204", bj::object{{"description", "Deleted; it can be restored."}}}};
    AddProblems(responses_delete, {400, 404, 412, 503});
    remove["responses"] = std::move(responses_delete);
    item["delete"] = std::move(remove);
  }
  paths[names.path + "/{id}"] = std::move(item);
  if (!object.path.empty()) AddExportPath(object, names, paths);
  paths[names.path + "/{id}/history"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Id")}},
                 {"get", HistoryOperation("get" + stem + "History", label, names.tag)}};
  if (!object.writable) return;

  bj::object restore = Operation("restore" + stem, "Restore a deleted " + label, names.tag);
  bj::object restore_responses{{"200", RecordResponse(fmt::format("The {}, live again.", label), names)}};
  AddProblems(restore_responses, {400, 404, 409, 503});
  restore["responses"] = std::move(restore_responses);
  paths[names.path + "/{id}/restore"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Id")}}, {"post", std::move(restore)}};

  bj::object purge = Operation("purge" + stem, "Purge a deleted " + label, names.tag);
  purge["description"] =
      "Removes a deleted record for good (erasure); links to it from other records are cleared. A record that is "
      "not deleted first is a 409.";
  bj::object purge_responses{{"204", bj::object{{"description", "Purged."}}}};
  AddProblems(purge_responses, {400, 404, 409, 503});
  purge["responses"] = std::move(purge_responses);
  paths[names.path + "/{id}/purge"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Id")}}, {"post", std::move(purge)}};
  if (std::ranges::find(domain::kMergeableObjects, object.name) != std::end(domain::kMergeableObjects)) {
    AddMergePaths(object, names, paths);
  }
  if (std::ranges::find(domain::kTimelineObjects, object.name) != std::end(domain::kTimelineObjects)) {
    AddTimelinePath(object, names, paths);
  }
  if (object.name == "person" || object.name == "organization" || object.name == "order" || object.name == "order_line") {
    AddImportPath(object, names, paths);
  }
  if (object.name == "person") AddPrivacyPaths(names, paths);
}

// --- The fixed parts -------------------------------------------------------------------------

constexpr std::string_view kMetadataTag = "Metadata";
constexpr std::string_view kSearchTag = "Search";
constexpr std::string_view kOperationsTag = "Operations";

// The metadata: definitions as requests send them (the format of meta/builtin/*.json, which
// meta/object_def_json.cc parses and refuses unknown keys of), and objects and fields as
// api/meta_handler.cc answers them (every property present, null when it does not apply).
bj::object MetaSchemas() {
  bj::array types;
  for (FieldType type : meta::AllFieldTypes()) types.emplace_back(meta::FieldTypeName(type));
  const bj::object name{{"type", "string"}, {"pattern", kNamePattern}};
  const bj::object text{{"type", "string"}};
  const bj::object strings{{"type", "array"}, {"items", text}};
  const bj::object boolean{{"type", "boolean"}};
  const bj::object type{{"type", "string"}, {"enum", types}};
  const bj::object any_value{{"description", "A value of the field's type, applied on create when absent."}};
  auto nullable = [](bj::object schema) {
    AllowNull(schema);
    return schema;
  };
  bj::object schemas;
  schemas["FieldDefinition"] = bj::object{
      {"type", "object"},
      {"description",
       "A new custom field. Its column is cf_<name>; a required field is enforced on writes only, so "
       "a table with rows is fine."},
      {"properties",
       bj::object{{"name", name},
                  {"type", type},
                  {"label", text},
                  {"description", text},
                  {"required", boolean},
                  {"unique", boolean},
                  {"indexed", boolean},
                  {"active", boolean},
                  {"multiple", bj::object{{"type", "boolean"}, {"description", "text, email, phone, url: a list."}}},
                  {"options", bj::object{{"type", "array"}, {"items", text}, {"description", "enum, multi_enum."}}},
                  {"target", bj::object{{"type", "string"}, {"description", "link, link_many: the object linked."}}},
                  {"by", bj::object{{"type", "string"},
                                    {"description",
                                     "link_many: a unique text field of the target that the "
                                     "values name instead of ids."}}},
                  {"min", bj::object{{"type", "number"}}},
                  {"max", bj::object{{"type", "number"}}},
                  {"max_length", bj::object{{"type", "integer"}, {"minimum", 1}}},
                  {"default", any_value}}},
      {"required", bj::array{"name", "type"}},
      {"additionalProperties", false}};
  schemas["FieldDefinitionPatch"] =
      bj::object{{"type", "object"},
                 {"description",
                  "A change to a custom field: `active` false hides it (its data is kept), true brings it "
                  "back; label and description may change; nothing else."},
                 {"properties", bj::object{{"label", text}, {"description", text}, {"active", boolean}}},
                 {"additionalProperties", false}};
  schemas["ObjectDefinition"] = bj::object{
      {"type", "object"},
      {"description", "A new custom object: its table is co_<object>, and it is served at /api/v1/objects/<object>."},
      {"properties",
       bj::object{
           {"object", name},
           {"label", text},
           {"plural_label", text},
           {"title", bj::object{{"type", "array"}, {"items", text}, {"description", "The fields that name a record."}}},
           {"search", bj::object{{"type", "array"}, {"items", text}, {"description", "The fields that q= searches."}}},
           {"fields", bj::object{{"type", "array"}, {"items", SchemaRef("FieldDefinition")}}}}},
      {"required", bj::array{"object"}},
      {"additionalProperties", false}};
  const bj::object origin{{"type", "string"}, {"enum", bj::array{"system", "custom"}}};
  bj::object field_properties{{"name", name},
                              {"type", type},
                              {"label", text},
                              {"description", text},
                              {"required", boolean},
                              {"unique", boolean},
                              {"indexed", boolean},
                              {"active", boolean},
                              {"read_only", boolean},
                              {"multiple", boolean},
                              {"origin", origin},
                              {"options", strings},
                              {"target", nullable(text)},
                              {"by", nullable(text)},
                              {"min", nullable({{"type", "number"}})},
                              {"max", nullable({{"type", "number"}})},
                              {"max_length", nullable({{"type", "integer"}})},
                              {"default", any_value}};
  bj::array field_required;
  for (const auto& property : field_properties) field_required.emplace_back(property.key());
  schemas["MetaField"] = bj::object{{"type", "object"},
                                    {"description", "A field as the registry holds it."},
                                    {"properties", std::move(field_properties)},
                                    {"required", std::move(field_required)}};
  bj::object object_properties{
      {"name", name},
      {"label", text},
      {"plural_label", text},
      {"path", bj::object{{"type", "string"},
                          {"description", "The collection under /api/v1: \"people\", or \"objects/<name>\"."}}},
      {"title", strings},
      {"search", strings},
      {"writable", bj::object{{"type", "boolean"}, {"description", "false: only the system writes its records."}}},
      {"origin", origin},
      {"fields", bj::object{{"type", "array"}, {"items", SchemaRef("MetaField")}}}};
  bj::array object_required;
  for (const auto& property : object_properties) object_required.emplace_back(property.key());
  schemas["MetaObject"] = bj::object{{"type", "object"},
                                     {"description", "An object as the registry holds it."},
                                     {"properties", std::move(object_properties)},
                                     {"required", std::move(object_required)}};
  schemas["Meta"] = bj::object{
      {"type", "object"},
      {"description", "The registry: every object and field. `version` changes with every metadata change."},
      {"properties", bj::object{{"version", bj::object{{"type", "integer"}, {"format", "int64"}}},
                                {"objects", bj::object{{"type", "array"}, {"items", SchemaRef("MetaObject")}}}}},
      {"required", bj::array{"version", "objects"}}};
  return schemas;
}

bj::object FixedSchemas() {
  bj::object schemas;
  bj::object field_error{{"type", "object"},
                         {"properties", bj::object{{"field", bj::object{{"type", "string"}}},
                                                   {"problem", bj::object{{"type", "string"}}}}},
                         {"required", bj::array{"field", "problem"}}};
  schemas["Problem"] = bj::object{
      {"type", "object"},
      {"description", "An error (RFC 9457): the one shape of every error answer."},
      {"properties",
       bj::object{
           {"type",
            bj::object{{"type", "string"}, {"format", "uri"}, {"description", "https://rapport.dev/problems/<code>"}}},
           {"title", bj::object{{"type", "string"}, {"description", "The HTTP status' reason phrase."}}},
           {"status", bj::object{{"type", "integer"}, {"minimum", 400}, {"maximum", 599}}},
           {"detail", bj::object{{"type", "string"}, {"description", "What went wrong, for people."}}},
           {"code", bj::object{{"type", "string"},
                               {"description",
                                "A stable name for programs: invalid_argument, not_found, method_not_allowed, "
                                "conflict, stale_version, payload_too_large, failed_precondition, "
                                "resource_exhausted, unavailable, internal (docs/api.md)."}}},
           {"errors", bj::object{{"type", "array"},
                                 {"description", "One entry per bad input field; may be empty."},
                                 {"items", std::move(field_error)}}},
           {"request_id", bj::object{{"type", "string"},
                                     {"description",
                                      "Also in the X-Request-Id header; it finds the request in the "
                                      "logs."}}}}},
      {"required", bj::array{"type", "title", "status", "detail", "code", "errors", "request_id"}}};

  for (auto& schema : MetaSchemas()) schemas[schema.key()] = std::move(schema.value());
  bj::object hit{
      {"type", "object"},
      {"properties", bj::object{{"object", bj::object{{"type", "string"}}},
                                {"id", IdSchema()},
                                {"title", bj::object{{"type", "string"}}},
                                {"rank", bj::object{{"type", "number"}, {"description", "Higher is better."}}}}},
      {"required", bj::array{"object", "id", "title"}}};
  schemas["SearchResults"] = DataList(std::move(hit));
  bj::object upcoming{
      {"type", "object"},
      {"description", "A birthday or a personal date of a person, with its next occurrence."},
      {"properties",
       bj::object{
           {"person", IdSchema()},
           {"name", bj::object{{"type", "string"}, {"description", "The person's first and last name."}}},
           {"kind", bj::object{{"type", "string"},
                               {"description", "birthday, or the kind of the personal date (anniversary, ...)."}}},
           {"label", bj::object{{"type", "string"},
                                {"description",
                                 "The personal date's label; empty for a "
                                 "birthday."}}},
           {"date", bj::object{{"type", "string"}, {"format", "date"}, {"description", "The original date."}}},
           {"next_on", bj::object{{"type", "string"},
                                  {"format", "date"},
                                  {"description",
                                   "The next time it comes round (February 29 falls on "
                                   "February 28 in other years)."}}},
           {"in_days", bj::object{{"type", "integer"}, {"minimum", 0}, {"description", "0 is today."}}},
           {"years", bj::object{{"type", "integer"}, {"description", "How many years it will be on next_on."}}}}},
      {"required", bj::array{"person", "name", "kind", "label", "date", "next_on", "in_days", "years"}}};
  schemas["UpcomingDates"] = DataList(std::move(upcoming));
  schemas["HealthStatus"] = bj::object{
      {"type", "object"},
      {"properties", bj::object{{"status", bj::object{{"type", "string"}, {"enum", bj::array{"ok", "ready"}}}}}},
      {"required", bj::array{"status"}}};
  return schemas;
}

bj::object ProblemResponse(std::string_view description) {
  return {{"description", description},
          {"content", bj::object{{"application/problem+json", bj::object{{"schema", SchemaRef("Problem")}}}}}};
}

bj::object FixedResponses() {
  bj::object unavailable =
      ProblemResponse("The database is busy or unreachable (code unavailable); retry after Retry-After seconds.");
  unavailable["headers"] = bj::object{{"Retry-After", Ref("headers", "RetryAfter")}};
  return {
      {"BadRequest", ProblemResponse("The request is malformed (code invalid_argument): bad JSON, an unknown or "
                                     "wrongly typed member, a bad value or parameter. `errors` names the fields.")},
      {"NotFound", ProblemResponse("No such record or object (code not_found).")},
      {"Conflict", ProblemResponse("A unique value is taken, or the record is not in a state that allows this "
                                   "(code conflict).")},
      {"PreconditionFailed", ProblemResponse("If-Match names a version that is no longer current (code "
                                             "stale_version): read the record again and retry.")},
      {"PayloadTooLarge", ProblemResponse("The body is over the limit, 1 MiB by default (code payload_too_large).")},
      {"UnprocessableEntity", ProblemResponse("Well-formed, but a rule of the data would break, such as a link to "
                                              "a missing record or an Idempotency-Key reused with another body "
                                              "(code failed_precondition).")},
      {"Unauthorized", ProblemResponse("No valid session cookie or API key (code unauthenticated).")},
      {"Forbidden", ProblemResponse("Signed in, but the role or the key's scope does not allow this, or a cookie "
                                    "session's X-CSRF-Token is missing (code permission_denied).")},
      {"TooManyRequests", ProblemResponse("Too many attempts (code resource_exhausted); retry after Retry-After "
                                          "seconds.")},
      {"Unavailable", std::move(unavailable)}};
}

bj::object FixedParameters() {
  return {
      {"Id", Parameter("id", "path", "The record's id.", IdSchema(), true)},
      {"Limit",
       Parameter("limit", "query", fmt::format("The most items in the answer, 1 to {}.", kMaxPageSize),
                 {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxPageSize}, {"default", kDefaultPageSize}})},
      {"After", Parameter("after", "query", "The `next` cursor of the previous page (opaque).", {{"type", "string"}})},
      {"IncludeDeleted", Parameter("include_deleted", "query", "Also list records that are deleted (soft).",
                                   {{"type", "boolean"}, {"default", false}})},
      {"IdempotencyKey",
       Parameter("Idempotency-Key", "header",
                 "Makes a retry safe: a repeat with the same key and body gets the first answer and creates nothing; "
                 "the same key with another body is a 422.",
                 {{"type", "string"}, {"pattern", "^[!-~]{1,255}$"}})},
      {"IfMatch", Parameter("If-Match", "header",
                            "The ETag of the version the change is based on: \"3\" (also W/\"3\" or 3); a stale one is "
                            "refused with 412. * or none: any version.",
                            {{"type", "string"}})},
      {"Object",
       Parameter("object", "path", "An object's name.", {{"type", "string"}, {"pattern", kNamePattern}}, true)},
      {"Field", Parameter("field", "path", "A field's name.", {{"type", "string"}, {"pattern", kNamePattern}}, true)},
  };
}

bj::object FixedHeaders() {
  return {{"ETag", bj::object{{"description", "The record's version in double quotes (\"3\"), for If-Match."},
                              {"schema", bj::object{{"type", "string"}}}}},
          {"Location", bj::object{{"description", "The path of the new record."},
                                  {"schema", bj::object{{"type", "string"}, {"format", "uri-reference"}}}}},
          {"IdempotentReplayed", bj::object{{"description",
                                             "true when this is the stored answer to a repeated "
                                             "Idempotency-Key; nothing new was created."},
                                            {"schema", bj::object{{"type", "string"}, {"enum", bj::array{"true"}}}}}},
          {"RetryAfter", bj::object{{"description", "Seconds to wait before retrying."},
                                    {"schema", bj::object{{"type", "integer"}, {"minimum", 0}}}}}};
}

// Metadata, search, upcoming dates, operations. `people_tag` is the tag of the object at /api/v1/people,
// empty when there is none.
bj::object FixedPaths(std::string_view people_tag) {
  bj::object paths;

  bj::object get_meta = Operation("getMeta", "Get the registry: every object and field", kMetadataTag);
  get_meta["description"] = "What the web app builds its forms and lists from. The ETag is the registry version.";
  bj::object meta_ok = JsonResponse("The registry.", SchemaRef("Meta"));
  meta_ok["headers"] = bj::object{{"ETag", bj::object{{"description", "The registry version in double quotes."},
                                                      {"schema", bj::object{{"type", "string"}}}}}};
  bj::object meta_responses{{"200", std::move(meta_ok)}};
  AddProblems(meta_responses, {400});
  get_meta["responses"] = std::move(meta_responses);
  paths["/api/v1/meta"] = bj::object{{"get", std::move(get_meta)}};

  bj::object create_object = Operation("createMetaObject", "Create a custom object", kMetadataTag);
  create_object["description"] =
      "Adds a custom object: its table co_<object> is created with the metadata in one transaction, and the object "
      "is served at /api/v1/objects/<object> (and described here) at once.";
  create_object["requestBody"] =
      bj::object{{"required", true}, {"content", JsonContent(SchemaRef("ObjectDefinition"))}};
  bj::object object_responses{{"201", JsonResponse("The new object.", SchemaRef("MetaObject"))}};
  AddProblems(object_responses, {400, 409, 413, 503});
  create_object["responses"] = std::move(object_responses);
  paths["/api/v1/meta/objects"] = bj::object{{"post", std::move(create_object)}};

  bj::object create_field = Operation("createMetaField", "Add a custom field to an object", kMetadataTag);
  create_field["description"] =
      "Adds the column cf_<name> with the metadata in one transaction; the field is served, validated and "
      "described here at once.";
  create_field["requestBody"] = bj::object{{"required", true}, {"content", JsonContent(SchemaRef("FieldDefinition"))}};
  bj::object field_responses{{"201", JsonResponse("The new field.", SchemaRef("MetaField"))}};
  AddProblems(field_responses, {400, 404, 409, 413, 503});
  create_field["responses"] = std::move(field_responses);
  paths["/api/v1/meta/objects/{object}/fields"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Object")}}, {"post", std::move(create_field)}};

  bj::object update_field = Operation("updateMetaField", "Change or deactivate a custom field", kMetadataTag);
  update_field["description"] = "A built-in field cannot change (422).";
  update_field["requestBody"] =
      bj::object{{"required", true}, {"content", JsonContent(SchemaRef("FieldDefinitionPatch"))}};
  bj::object update_responses{{"200", JsonResponse("The field as changed.", SchemaRef("MetaField"))}};
  AddProblems(update_responses, {400, 404, 413, 422, 503});
  update_field["responses"] = std::move(update_responses);
  bj::object delete_field = Operation("deleteMetaField", "Purge an inactive custom field", kMetadataTag);
  delete_field["description"] =
      "Removes a custom field for good: its definition, columns, indexes and links. Deactivate it first (PATCH "
      "with active false); a built-in or active field, or one the object still names (title, search) or another "
      "object links by, is a 422.";
  bj::object delete_responses{{"204", bj::object{{"description", "Purged."}}}};
  AddProblems(delete_responses, {400, 404, 422, 503});
  delete_field["responses"] = std::move(delete_responses);
  paths["/api/v1/meta/objects/{object}/fields/{field}"] =
      bj::object{{"parameters", bj::array{Ref("parameters", "Object"), Ref("parameters", "Field")}},
                 {"patch", std::move(update_field)},
                 {"delete", std::move(delete_field)}};

  bj::object search = Operation("search", "Search every object", kSearchTag);
  search["description"] =
      "Full-text search over the search fields of every object that has them; the best hits "
      "of each object, people first.";
  search["parameters"] = bj::array{
      Parameter("q", "query", "The words to find.",
                {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxSearchText}}, true),
      Parameter("limit", "query", fmt::format("Hits per object, 1 to {}.", kMaxSearchHits),
                {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxSearchHits}, {"default", kDefaultSearchHits}})};
  bj::object search_responses{{"200", JsonResponse("The hits.", SchemaRef("SearchResults"))}};
  AddProblems(search_responses, {400, 503});
  search["responses"] = std::move(search_responses);
  paths["/api/v1/search"] = bj::object{{"get", std::move(search)}};

  if (!people_tag.empty()) {
    bj::object upcoming = Operation("listUpcomingDates", "Birthdays and anniversaries in the next days", people_tag);
    upcoming["description"] =
        "People's birthdays and their personal dates whose day falls in the window, in UTC "
        "calendar days, soonest first.";
    upcoming["parameters"] = bj::array{
        Parameter(
            "days", "query", "How many days ahead; 0 is today only.",
            {{"type", "integer"}, {"minimum", 0}, {"maximum", kMaxUpcomingDays}, {"default", kDefaultUpcomingDays}}),
        Ref("parameters", "Limit")};
    bj::object upcoming_responses{{"200", JsonResponse("The dates, soonest first.", SchemaRef("UpcomingDates"))}};
    AddProblems(upcoming_responses, {400, 503});
    upcoming["responses"] = std::move(upcoming_responses);
    paths["/api/v1/people/upcoming_dates"] = bj::object{{"get", std::move(upcoming)}};
  }

  bj::object openapi = Operation("getOpenApi", "Get this document", kOperationsTag);
  bj::object openapi_responses{
      {"200", JsonResponse("The OpenAPI 3.1 document of the current registry.", bj::object{{"type", "object"}})}};
  AddProblems(openapi_responses, {400});
  openapi["responses"] = std::move(openapi_responses);
  paths["/api/v1/openapi.json"] = bj::object{{"get", std::move(openapi)}};

  bj::object live = Operation("getHealth", "Liveness", kOperationsTag);
  bj::object live_responses{{"200", JsonResponse("The process is serving.", SchemaRef("HealthStatus"))}};
  AddProblems(live_responses, {400});
  live["responses"] = std::move(live_responses);
  paths["/healthz"] = bj::object{{"get", std::move(live)}};

  bj::object ready = Operation("getReadiness", "Readiness: the database answers", kOperationsTag);
  bj::object ready_responses{{"200", JsonResponse("Ready for traffic.", SchemaRef("HealthStatus"))}};
  AddProblems(ready_responses, {400, 503});
  ready["responses"] = std::move(ready_responses);
  paths["/readyz"] = bj::object{{"get", std::move(ready)}};

  bj::object metrics = Operation("getMetrics", "Prometheus metrics", kOperationsTag);
  bj::object metrics_responses{
      {"200", bj::object{{"description", "Metrics in the Prometheus text format."},
                         {"content", bj::object{{"text/plain; version=0.0.4",
                                                 bj::object{{"schema", bj::object{{"type", "string"}}}}}}}}}};
  AddProblems(metrics_responses, {400});
  metrics["responses"] = std::move(metrics_responses);
  paths["/metrics"] = bj::object{{"get", std::move(metrics)}};
  return paths;
}

// --- Names -----------------------------------------------------------------------------------

// Every operationId in `paths`, lowercased.
void CollectOperationIds(const bj::object& paths, std::set<std::string>& out) {
  for (const auto& path : paths) {
    for (const auto& member : path.value().as_object()) {
      if (!member.value().is_object()) continue;
      if (const bj::value* id = member.value().as_object().if_contains("operationId")) {
        out.insert(Lower(id->as_string()));
      }
    }
  }
}

// The stem of `object`'s names: its name in PascalCase, or that plus "Object" (then a number) when one of the
// names derived from it is taken. Names compare without case: some client generators fold it.
std::string UniqueStem(const ObjectDef& object, std::set<std::string>& taken) {
  const std::string base = PascalCase(object.name);
  for (int attempt = 0;; ++attempt) {
    std::string stem = attempt == 0 ? base : attempt == 1 ? base + "Object" : fmt::format("{}Object{}", base, attempt);
    std::vector<std::string> derived;
    for (std::string_view suffix : kSchemaSuffixes) derived.push_back(Lower(stem + std::string(suffix)));
    for (std::string_view verb : kOperationVerbs) derived.push_back(Lower(std::string(verb) + stem));
    if (std::none_of(derived.begin(), derived.end(), [&](const std::string& n) { return taken.contains(n); })) {
      taken.insert(derived.begin(), derived.end());
      return stem;
    }
  }
}

std::string UniqueTag(const ObjectDef& object, std::set<std::string>& taken) {
  std::string tag = object.plural_label;
  if (taken.contains(Lower(tag))) tag = fmt::format("{} ({})", object.plural_label, object.name);
  taken.insert(Lower(tag));
  return tag;
}

std::string InfoDescription() {
  return "The REST API of Rapport, a self-hosted CRM. This document is generated from the metadata registry, so it "
         "describes custom objects and fields as soon as they exist.\n\n"
         "- Every object is served at /api/v1/objects/{object}; built-in objects also at their own path "
         "(/api/v1/people), which is the one described here.\n"
         "- Lists are pages: `limit`, and `after` set to the previous page's `next`.\n"
         "- Updates take If-Match with the record's ETag; a stale version gets 412, so no update is lost.\n"
         "- Idempotency-Key on POST makes retries safe.\n"
         "- Every error is application/problem+json (RFC 9457) of one shape, the Problem schema.";
}

}  // namespace

boost::json::object BuildOpenApi(const meta::Registry& registry, std::string_view version) {
  std::set<std::string> taken_tags = {Lower(kMetadataTag), Lower(kSearchTag), Lower(kOperationsTag)};
  std::map<std::string, ObjectNames, std::less<>> names;
  for (const ObjectDef& object : registry.objects()) {
    names[object.name] = ObjectNames{.stem = {}, .tag = UniqueTag(object, taken_tags), .path = CollectionPath(object)};
  }
  const ObjectDef* people = registry.FindByPath("people");
  bj::object fixed_paths = FixedPaths(people != nullptr ? std::string_view(names[people->name].tag) : "");
  bj::object fixed_schemas = FixedSchemas();

  std::set<std::string> taken;
  for (const auto& schema : fixed_schemas) taken.insert(Lower(schema.key()));
  CollectOperationIds(fixed_paths, taken);

  bj::object paths;
  bj::object schemas = std::move(fixed_schemas);
  bj::array tags;
  for (const ObjectDef& object : registry.objects()) {
    ObjectNames& n = names[object.name];
    n.stem = UniqueStem(object, taken);
    tags.push_back(
        bj::object{{"name", n.tag},
                   {"description", fmt::format("{} records ({}), at {}.", object.label, ObjectKind(object), n.path)}});
    schemas[n.stem] = RecordSchema(object, registry);
    if (object.writable) {
      schemas[n.stem + "Create"] = WriteSchema(object, registry, true);
      schemas[n.stem + "Patch"] = WriteSchema(object, registry, false);
    }
    schemas[n.stem + "Page"] = PageSchema(object, n);
    AddObjectPaths(object, n, paths);
  }
  for (auto& path : fixed_paths) paths[path.key()] = std::move(path.value());
  for (auto& path : AuthPaths()) paths[path.key()] = std::move(path.value());
  for (auto& path : SalesPaths()) paths[path.key()] = std::move(path.value());
  for (auto& schema : AuthSchemas()) schemas[schema.key()] = std::move(schema.value());
  // Health is public: no credentials.
  for (std::string_view open : {"/healthz", "/readyz"}) {
    paths[open].as_object()["get"].as_object()["security"] = bj::array{};
  }
  tags.push_back(bj::object{{"name", kMetadataTag},
                            {"description",
                             "Objects and fields as data: read the registry, add custom objects and "
                             "fields."}});
  tags.push_back(bj::object{{"name", kSearchTag}, {"description", "Full-text search across objects."}});
  tags.push_back(bj::object{{"name", "Sign-in"},
                            {"description", "Sessions, passwords and API keys. Every path but sign-in and health "
                                            "needs a session cookie or an API key."}});
  tags.push_back(bj::object{{"name", "Audit"},
                            {"description", "The audit log: who changed what, when and from where (admins). Each "
                                            "record's own history is under its path."}});
  tags.push_back(bj::object{{"name", "Sales"},
                            {"description", "Moving deals on a board, lead conversion, the forecast, purchase figures, "
                                            "the lifecycle sweep and the sales settings."}});
  tags.push_back(
      bj::object{{"name", kOperationsTag}, {"description", "Health, readiness, metrics and this document."}});

  bj::object info{{"title", "Rapport API"},
                  {"version", version},
                  {"description", InfoDescription()},
                  {"x-registry-version", registry.version()}};
  bj::object components{{"schemas", std::move(schemas)},
                        {"responses", FixedResponses()},
                        {"parameters", FixedParameters()},
                        {"headers", FixedHeaders()},
                        {"securitySchemes", SecuritySchemes()}};
  return {{"openapi", "3.1.0"},
          {"info", std::move(info)},
          {"jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base"},
          {"servers", bj::array{bj::object{{"url", "/"}}}},
          {"security", bj::array{bj::object{{"session", bj::array{}}}, bj::object{{"apiKey", bj::array{}}}}},
          {"tags", std::move(tags)},
          {"paths", std::move(paths)},
          {"components", std::move(components)}};
}

}  // namespace rapport::api
