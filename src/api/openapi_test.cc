#include "api/openapi.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "meta/object_def_json.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;

// The built-in objects plus `extra` custom definitions (JSON of meta/builtin/*.json): one naming an
// existing object adds its fields to it, any other is a custom object.
std::shared_ptr<const meta::Registry> MakeRegistry(std::vector<std::string_view> extra = {}) {
  auto objects = meta::BuiltinObjects();
  EXPECT_TRUE(objects.ok());
  for (std::string_view text : extra) {
    auto def = meta::ParseObjectDef(text, "test", meta::Origin::kCustom);
    EXPECT_TRUE(def.ok()) << def.error().message;
    auto existing = std::find_if(objects->begin(), objects->end(), [&](const auto& o) { return o.name == def->name; });
    if (existing == objects->end()) {
      objects->push_back(std::move(*def));
    } else {
      existing->fields.insert(existing->fields.end(), def->fields.begin(), def->fields.end());
    }
  }
  auto registry = meta::Registry::Build(std::move(*objects), 3);
  EXPECT_TRUE(registry.ok()) << registry.error().message;
  return *registry;
}

constexpr std::string_view kRegion =
    R"({"object": "person", "table": "people", "fields": [
         {"name": "region", "type": "enum", "options": ["north", "south"], "label": "Sales region"},
         {"name": "nickname", "type": "text", "required": true, "default": "friend"},
         {"name": "retired", "type": "text", "active": false}]})";

constexpr std::string_view kProject =
    R"({"object": "project", "table": "co_project", "search": ["name"], "fields": [
         {"name": "name", "type": "text", "required": true, "max_length": 120},
         {"name": "budget", "type": "currency", "min": 0},
         {"name": "phase", "type": "enum", "required": true, "options": ["idea", "done"], "default": "idea"},
         {"name": "labels", "type": "multi_enum", "options": ["internal", "client"]},
         {"name": "emails", "type": "email", "multiple": true},
         {"name": "members", "type": "link_many", "target": "person"},
         {"name": "tags", "type": "link_many", "target": "tag", "by": "name"},
         {"name": "client", "type": "link", "target": "organization"}]})";

const bj::object& At(const bj::object& o, std::initializer_list<std::string_view> path) {
  const bj::object* at = &o;
  for (std::string_view key : path) {
    const bj::value* next = at->if_contains(key);
    if (next == nullptr || !next->is_object()) {
      ADD_FAILURE() << "missing " << key;
      static const bj::object kEmpty;
      return kEmpty;
    }
    at = &next->get_object();
  }
  return *at;
}

const bj::object& Schema(const bj::object& doc, std::string_view name) {
  return At(doc, {"components", "schemas", name});
}

std::set<std::string> PropertyNames(const bj::object& schema) {
  std::set<std::string> out;
  if (const bj::value* p = schema.if_contains("properties")) {
    for (const auto& kv : p->as_object()) out.emplace(kv.key());
  }
  return out;
}

std::vector<std::string> Strings(const bj::value* array) {
  std::vector<std::string> out;
  if (array == nullptr) return out;
  for (const bj::value& v : array->as_array()) out.emplace_back(v.as_string());
  return out;
}

std::string Stem(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(c)) : c;
    upper = false;
  }
  return out;
}

// Every operation of the document, as (path, method, operation).
std::vector<std::tuple<std::string, std::string, const bj::object*>> Operations(const bj::object& doc) {
  std::vector<std::tuple<std::string, std::string, const bj::object*>> out;
  for (const auto& path : doc.at("paths").as_object()) {
    for (const auto& member : path.value().as_object()) {
      if (member.key() == "parameters") continue;
      out.emplace_back(path.key(), member.key(), &member.value().as_object());
    }
  }
  return out;
}

// True when "nullable" is a key anywhere in `v` (OpenAPI 3.0's way, not 3.1's).
bool HasNullableKey(const bj::value& v) {
  if (v.is_object()) {
    for (const auto& kv : v.get_object()) {
      if (kv.key() == "nullable" || HasNullableKey(kv.value())) return true;
    }
  } else if (v.is_array()) {
    for (const bj::value& item : v.get_array()) {
      if (HasNullableKey(item)) return true;
    }
  }
  return false;
}

TEST(OpenApiTest, DescribesTheDocument) {
  bj::object doc = BuildOpenApi(*MakeRegistry(), "1.2.3");
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  EXPECT_EQ(At(doc, {"info"}).at("title"), "Rapport API");
  EXPECT_EQ(At(doc, {"info"}).at("version"), "1.2.3");
  EXPECT_EQ(At(doc, {"info"}).at("x-registry-version"), 3);
  EXPECT_EQ(bj::serialize(doc.at("servers")), R"([{"url":"/"}])");
  EXPECT_EQ(Strings(Schema(doc, "Problem").if_contains("required")),
            (std::vector<std::string>{"type", "title", "status", "detail", "code", "errors", "request_id"}));
  EXPECT_FALSE(HasNullableKey(doc));
}

TEST(OpenApiTest, EveryObjectHasItsSchemasAndPaths) {
  auto registry = MakeRegistry({kProject});
  bj::object doc = BuildOpenApi(*registry, "0");
  const bj::object& paths = doc.at("paths").as_object();
  std::set<std::string> tags;
  for (const auto& tag : doc.at("tags").as_array()) tags.emplace(tag.at("name").as_string());
  for (const meta::ObjectDef& object : registry->objects()) {
    SCOPED_TRACE(object.name);
    std::string stem = Stem(object.name);
    std::string base = object.path.empty() ? "/api/v1/objects/" + object.name : "/api/v1/" + object.path;
    EXPECT_TRUE(tags.contains(object.plural_label));
    EXPECT_TRUE(Schema(doc, stem).contains("properties"));
    EXPECT_EQ(At(Schema(doc, stem + "Page"), {"properties", "data", "items"}).at("$ref").as_string(),
              "#/components/schemas/" + stem);
    ASSERT_TRUE(paths.contains(base));
    ASSERT_TRUE(paths.contains(base + "/{id}"));
    EXPECT_EQ(At(paths, {base, "get"}).at("operationId").as_string(), "list" + stem);
    EXPECT_EQ(At(paths, {base + "/{id}", "get"}).at("operationId").as_string(), "get" + stem);
    const bool writable = object.writable;
    EXPECT_EQ(paths.at(base).as_object().contains("post"), writable);
    EXPECT_EQ(paths.at(base + "/{id}").as_object().contains("patch"), writable);
    EXPECT_EQ(paths.at(base + "/{id}").as_object().contains("delete"), writable);
    EXPECT_EQ(paths.contains(base + "/{id}/restore"), writable);
    EXPECT_EQ(paths.contains(base + "/{id}/purge"), writable);
    EXPECT_EQ(doc.at("components").at("schemas").as_object().contains(stem + "Create"), writable);
    EXPECT_EQ(doc.at("components").at("schemas").as_object().contains(stem + "Patch"), writable);
    EXPECT_EQ(At(paths, {base, "get"}).at("parameters").as_array().size(), object.search.empty() ? 5u : 6u);
  }
  EXPECT_TRUE(paths.contains("/api/v1/objects/project"));
  EXPECT_FALSE(paths.contains("/api/v1/objects/{object}"));
  EXPECT_FALSE(paths.contains("/api/v1/objects/person"));  // a built-in is described at its own path
  EXPECT_EQ(At(paths, {"/api/v1/stage_changes", "get"}).at("operationId"), "listStageChange");
  for (std::string_view fixed :
       {"/api/v1/meta", "/api/v1/meta/objects", "/api/v1/meta/objects/{object}/fields",
        "/api/v1/meta/objects/{object}/fields/{field}", "/api/v1/search", "/api/v1/people/upcoming_dates",
        "/api/v1/openapi.json", "/healthz", "/readyz", "/metrics", "/api/v1/deals/{id}/move", "/api/v1/forecast",
        "/api/v1/settings/sales", "/api/v1/lifecycle/sweep", "/api/v1/purchases/recompute", "/api/v1/people/{id}/convert"}) {
    EXPECT_TRUE(paths.contains(fixed)) << fixed;
  }
}

TEST(OpenApiTest, CustomFieldAppearsInRecordCreateAndPatch) {
  bj::object before = BuildOpenApi(*MakeRegistry(), "0");
  EXPECT_FALSE(PropertyNames(Schema(before, "Person")).contains("region"));
  bj::object doc = BuildOpenApi(*MakeRegistry({kRegion}), "0");
  for (std::string_view name : {"Person", "PersonCreate", "PersonPatch"}) {
    SCOPED_TRACE(name);
    const bj::object& region = At(Schema(doc, name), {"properties", "region"});
    EXPECT_EQ(bj::serialize(region.at("type")), R"(["string","null"])");
    EXPECT_EQ(bj::serialize(region.at("enum")), R"(["north","south",null])");
    EXPECT_EQ(region.at("description"), "Sales region.");
    EXPECT_FALSE(PropertyNames(Schema(doc, name)).contains("retired"));  // inactive
  }
  // Required with a default: not nullable, and not required on create since the default fills it in.
  const bj::object& nickname = At(Schema(doc, "PersonCreate"), {"properties", "nickname"});
  EXPECT_EQ(nickname.at("type"), "string");
  EXPECT_EQ(nickname.at("minLength"), 1);
  EXPECT_EQ(nickname.at("default"), "friend");
  EXPECT_EQ(Schema(doc, "PersonCreate").if_contains("required"), nullptr);
}

TEST(OpenApiTest, ReadOnlyAndSystemFieldsAreOnlyInTheRecord) {
  bj::object doc = BuildOpenApi(*MakeRegistry(), "0");
  const bj::object& person = Schema(doc, "Person");
  EXPECT_EQ(At(person, {"properties", "birthday_md"}).at("readOnly"), true);
  for (std::string_view system : {"id", "version", "created_at", "updated_at", "created_by", "deleted_at"}) {
    EXPECT_EQ(At(person, {"properties", system}).at("readOnly"), true) << system;
  }
  EXPECT_EQ(bj::serialize(At(person, {"properties", "deleted_at"}).at("type")), R"(["string","null"])");
  for (std::string_view name : {"PersonCreate", "PersonPatch"}) {
    std::set<std::string> properties = PropertyNames(Schema(doc, name));
    for (std::string_view absent : {"birthday_md", "last_touch_at", "id", "version", "created_at", "deleted_at"}) {
      EXPECT_FALSE(properties.contains(std::string(absent))) << name << " " << absent;
    }
    EXPECT_TRUE(properties.contains("first_name"));
    EXPECT_EQ(Schema(doc, name).at("additionalProperties"), false);
  }
  EXPECT_EQ(Strings(Schema(doc, "AffiliationCreate").if_contains("required")),
            (std::vector<std::string>{"person", "organization"}));
  EXPECT_EQ(Schema(doc, "AffiliationPatch").if_contains("required"), nullptr);
}

TEST(OpenApiTest, FieldTypesBecomeJsonSchemas) {
  bj::object doc = BuildOpenApi(*MakeRegistry({kProject}), "0");
  const bj::object& p = At(Schema(doc, "Project"), {"properties"});
  EXPECT_EQ(bj::serialize(p.at("name")), R"({"type":"string","minLength":1,"maxLength":120,"description":"Name."})");
  EXPECT_EQ(bj::serialize(p.at("budget").at("type")), R"(["object","null"])");
  EXPECT_EQ(bj::serialize(p.at("budget").at("required")), R"(["micros","currency"])");
  EXPECT_EQ(p.at("budget").at("properties").at("micros").at("minimum"), 0);
  EXPECT_EQ(p.at("budget").at("properties").at("currency").at("pattern"), "^[A-Z]{3}$");
  EXPECT_EQ(bj::serialize(p.at("phase").at("enum")), R"(["idea","done"])");
  EXPECT_EQ(bj::serialize(p.at("labels").at("items")), R"({"type":"string","enum":["internal","client"]})");
  EXPECT_EQ(p.at("labels").at("uniqueItems"), true);
  EXPECT_EQ(p.at("emails").at("items").at("format"), "email");
  EXPECT_EQ(p.at("members").at("items").at("type"), "integer");
  EXPECT_EQ(p.at("tags").at("items").at("type"), "string");
  EXPECT_EQ(bj::serialize(p.at("client").at("type")), R"(["integer","null"])");
  EXPECT_NE(p.at("client").at("description").as_string().find("/api/v1/organizations/{id}"), std::string::npos);
}

TEST(OpenApiTest, OperationIdsAreUniqueAndProblemsAreProblemJson) {
  // Objects whose natural names would clash with the fixed ones and with each other.
  constexpr std::string_view kMeta = R"({"object": "meta", "table": "co_meta", "fields": []})";
  constexpr std::string_view kProblem = R"({"object": "problem", "table": "co_problem", "fields": []})";
  constexpr std::string_view kX1 = R"({"object": "x_1", "table": "co_x_1", "fields": []})";
  constexpr std::string_view kX1b = R"({"object": "x1", "table": "co_x1", "fields": []})";
  bj::object doc = BuildOpenApi(*MakeRegistry({kMeta, kProblem, kX1, kX1b}), "0");
  std::set<std::string> ids;
  for (const auto& [path, method, operation] : Operations(doc)) {
    SCOPED_TRACE(path + " " + method);
    std::string id(operation->at("operationId").as_string());
    EXPECT_TRUE(ids.insert(id).second) << "repeated operationId " << id;
    EXPECT_FALSE(operation->at("summary").as_string().empty());
    bool has_4xx = false;
    for (const auto& response : operation->at("responses").as_object()) {
      if (response.key().front() != '4') continue;
      has_4xx = true;
      std::string ref(response.value().at("$ref").as_string());
      const bj::object& resolved = At(doc, {"components", "responses", ref.substr(ref.rfind('/') + 1)});
      EXPECT_EQ(At(resolved, {"content", "application/problem+json", "schema"}).at("$ref"),
                "#/components/schemas/Problem");
    }
    EXPECT_TRUE(has_4xx);
  }
  EXPECT_EQ(At(doc, {"paths", "/api/v1/meta", "get"}).at("operationId"), "getMeta");
  EXPECT_EQ(At(doc, {"paths", "/api/v1/objects/meta", "get"}).at("operationId"), "listMetaObject2");
  EXPECT_EQ(At(doc, {"paths", "/api/v1/objects/problem", "get"}).at("operationId"), "listProblemObject");
  EXPECT_TRUE(Schema(doc, "Problem").contains("required"));  // still the error shape
  EXPECT_EQ(At(doc, {"paths", "/api/v1/objects/x_1", "get"}).at("operationId"), "listX1");
  EXPECT_EQ(At(doc, {"paths", "/api/v1/objects/x1", "get"}).at("operationId"), "listX1Object");
}

TEST(OpenApiTest, FullTextSearchOnlyWhereAnObjectHasSearchFields) {
  bj::object doc = BuildOpenApi(*MakeRegistry(), "0");
  auto has_q = [&](std::string_view path) {
    for (const bj::value& p : At(doc, {"paths", path, "get"}).at("parameters").as_array()) {
      if (p.as_object().contains("name") && p.at("name") == "q") return true;
    }
    return false;
  };
  EXPECT_TRUE(has_q("/api/v1/people"));
  EXPECT_FALSE(has_q("/api/v1/addresses"));
}

}  // namespace
}  // namespace rapport::api
