#include "meta/object_def_json.h"

#include <fmt/format.h>

#include <tuple>

#include "common/embedded.h"
#include "common/json.h"

namespace rapport::embedded {
std::span<const EmbeddedFile> BuiltinObjectFiles();
}  // namespace rapport::embedded

namespace rapport::meta {
namespace {

namespace bj = boost::json;

// "path.key", or "key" at the top.
std::string Join(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

class Reader {
 public:
  void Problem(std::string path, std::string problem) { problems_.push_back({std::move(path), std::move(problem)}); }
  bool ok() const { return problems_.empty(); }
  Error ToError(std::string_view source) && {
    return Error{ErrorCode::kInvalidArgument,
                 fmt::format("{}: {}: {}", source, problems_[0].field, problems_[0].problem), std::move(problems_)};
  }

  void String(const bj::value& v, const std::string& path, std::string& out) {
    if (v.is_string()) {
      out = v.get_string();
    } else {
      Problem(path, "must be a string");
    }
  }
  void Bool(const bj::value& v, const std::string& path, bool& out) {
    if (v.is_bool()) {
      out = v.get_bool();
    } else {
      Problem(path, "must be true or false");
    }
  }
  void Number(const bj::value& v, const std::string& path, std::optional<double>& out) {
    if (v.is_number()) {
      out = v.to_number<double>();
    } else {
      Problem(path, "must be a number");
    }
  }

  void Field(const bj::value& v, const std::string& path, Origin origin, FieldDef& f) {
    f.origin = origin;
    if (!v.is_object()) {
      Problem(path.empty() ? "body" : path, "must be an object");
      return;
    }
    const bj::object& o = v.get_object();
    if (!o.contains("name")) Problem(Join(path, "name"), "is required");
    if (!o.contains("type")) Problem(Join(path, "type"), "is required");
    for (const auto& kv : o) {
      std::string_view key = kv.key();
      const bj::value& value = kv.value();
      std::string at = Join(path, key);
      if (key == "name") {
        String(value, at, f.name);
      } else if (key == "type") {
        std::string type;
        String(value, at, type);
        if (!value.is_string()) continue;
        if (auto t = ParseFieldType(type)) {
          f.type = *t;
        } else {
          Problem(at, fmt::format("unknown field type '{}'", type));
        }
      } else if (key == "label") {
        String(value, at, f.label);
      } else if (key == "description") {
        String(value, at, f.description);
      } else if (key == "required") {
        Bool(value, at, f.required);
      } else if (key == "unique") {
        Bool(value, at, f.unique);
      } else if (key == "indexed") {
        Bool(value, at, f.indexed);
      } else if (key == "active") {
        Bool(value, at, f.active);
      } else if (key == "read_only") {
        Bool(value, at, f.read_only);
      } else if (key == "multiple") {
        Bool(value, at, f.multiple);
      } else if (key == "by") {
        String(value, at, f.by);
      } else if (key == "target") {
        String(value, at, f.target);
      } else if (key == "min") {
        Number(value, at, f.min);
      } else if (key == "max") {
        Number(value, at, f.max);
      } else if (key == "max_length") {
        if (value.is_int64()) {
          f.max_length = value.get_int64();
        } else {
          Problem(at, "must be an integer");
        }
      } else if (key == "options") {
        if (!value.is_array()) {
          Problem(at, "must be an array of strings");
          continue;
        }
        const bj::array& options = value.get_array();
        for (std::size_t i = 0; i < options.size(); ++i) {
          String(options[i], fmt::format("{}[{}]", at, i), f.options.emplace_back());
        }
      } else if (key == "default") {
        f.default_value = value;
      } else {
        Problem(at, "unknown key");
      }
    }
  }

  void Object(const bj::value& v, const std::string& source, Origin origin, ObjectDef& def) {
    if (!v.is_object()) {
      Problem(source, "must be an object");
      return;
    }
    const bj::object& o = v.get_object();
    const bj::value* name = o.if_contains("object");
    const std::string path = name != nullptr && name->is_string() && !name->get_string().empty()
                                 ? std::string(name->get_string())
                                 : source;
    def.origin = origin;
    for (std::string_view required : {"object", "table", "fields"}) {
      if (!o.contains(required)) Problem(path + "." + std::string(required), "is required");
    }
    for (const auto& kv : o) {
      std::string_view key = kv.key();
      const bj::value& value = kv.value();
      std::string at = path + "." + std::string(key);
      if (key == "object") {
        String(value, at, def.name);
      } else if (key == "label") {
        String(value, at, def.label);
      } else if (key == "plural_label") {
        String(value, at, def.plural_label);
      } else if (key == "table") {
        String(value, at, def.table);
      } else if (key == "path") {
        String(value, at, def.path);
      } else if (key == "writable") {
        Bool(value, at, def.writable);
      } else if (key == "admin_writes") {
        Bool(value, at, def.admin_writes);
      } else if (key == "owner") {
        String(value, at, def.owner);
      } else if (key == "title" || key == "search" || key == "owned_via" || key == "upsert_by") {
        std::vector<std::string>& out = key == "title"       ? def.title
                                        : key == "search"    ? def.search
                                        : key == "owned_via" ? def.owned_via
                                                             : def.upsert_by;
        if (!value.is_array()) {
          Problem(at, "must be an array of field names");
          continue;
        }
        for (std::size_t i = 0; i < value.get_array().size(); ++i) {
          String(value.get_array()[i], fmt::format("{}[{}]", at, i), out.emplace_back());
        }
      } else if (key == "fields") {
        if (!value.is_array()) {
          Problem(at, "must be an array of fields");
          continue;
        }
        const bj::array& fields = value.get_array();
        for (std::size_t i = 0; i < fields.size(); ++i) {
          Field(fields[i], fmt::format("{}[{}]", at, i), origin, def.fields.emplace_back());
        }
      } else {
        Problem(at, "unknown key");
      }
    }
  }

 private:
  std::vector<FieldError> problems_;
};

}  // namespace

Result<ObjectDef> ParseObjectDef(std::string_view text, std::string_view source, Origin origin) {
  auto parsed = json::Parse(text);
  if (!parsed.ok()) {
    return Error{ErrorCode::kInvalidArgument, fmt::format("{}: {}", source, parsed.error().message),
                 {{std::string(source), parsed.error().message}}};
  }
  Reader reader;
  ObjectDef def;
  reader.Object(*parsed, std::string(source), origin, def);
  if (!reader.ok()) return std::move(reader).ToError(source);
  return def;
}

Result<ObjectDef> ParseObjectDef(const boost::json::object& definition, std::string_view source, Origin origin) {
  Reader reader;
  ObjectDef def;
  reader.Object(bj::value(definition), std::string(source), origin, def);
  if (!reader.ok()) return std::move(reader).ToError(source);
  return def;
}

Result<FieldDef> ParseFieldDef(const boost::json::value& definition, std::string_view path, Origin origin) {
  Reader reader;
  FieldDef def;
  reader.Field(definition, std::string(path), origin, def);
  if (!reader.ok()) return std::move(reader).ToError(path.empty() ? "the field" : path);
  return def;
}

bj::object FieldDefToJson(const FieldDef& f) {
  bj::object o;
  o["name"] = f.name;
  o["type"] = FieldTypeName(f.type);
  if (!f.label.empty()) o["label"] = f.label;
  if (!f.description.empty()) o["description"] = f.description;
  for (auto [key, value, fallback] : {std::tuple{"required", f.required, false}, std::tuple{"unique", f.unique, false},
                                      std::tuple{"indexed", f.indexed, false}, std::tuple{"active", f.active, true},
                                      std::tuple{"read_only", f.read_only, false},
                                      std::tuple{"multiple", f.multiple, false}}) {
    if (value != fallback) o[key] = value;
  }
  if (!f.options.empty()) o["options"] = bj::value_from(f.options);
  if (!f.target.empty()) o["target"] = f.target;
  if (!f.by.empty()) o["by"] = f.by;
  if (f.min) o["min"] = *f.min;
  if (f.max) o["max"] = *f.max;
  if (f.max_length) o["max_length"] = *f.max_length;
  if (f.default_value) o["default"] = *f.default_value;
  return o;
}

bj::object ObjectDefToJson(const ObjectDef& object) {
  bj::object o;
  o["object"] = object.name;
  if (!object.label.empty()) o["label"] = object.label;
  if (!object.plural_label.empty()) o["plural_label"] = object.plural_label;
  o["table"] = object.table;
  if (!object.path.empty()) o["path"] = object.path;
  if (!object.title.empty()) o["title"] = bj::value_from(object.title);
  if (!object.search.empty()) o["search"] = bj::value_from(object.search);
  if (!object.writable) o["writable"] = false;
  if (object.admin_writes) o["admin_writes"] = true;
  if (!object.owner.empty()) o["owner"] = object.owner;
  if (!object.owned_via.empty()) o["owned_via"] = bj::value_from(object.owned_via);
  if (!object.upsert_by.empty()) o["upsert_by"] = bj::value_from(object.upsert_by);
  bj::array fields;
  for (const FieldDef& f : object.fields) fields.push_back(FieldDefToJson(f));
  o["fields"] = std::move(fields);
  return o;
}

Result<std::vector<ObjectDef>> BuiltinObjects() {
  std::vector<ObjectDef> out;
  for (const EmbeddedFile& file : embedded::BuiltinObjectFiles()) {
    auto def = ParseObjectDef(file.data, file.path, Origin::kSystem);
    if (!def.ok()) return std::move(def).error();
    out.push_back(std::move(*def));
  }
  return out;
}

}  // namespace rapport::meta
