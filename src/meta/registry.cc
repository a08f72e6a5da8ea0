#include "meta/registry.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "meta/field_value.h"

namespace rapport::meta {
namespace {

constexpr std::size_t kMaxOptionLength = 100;
constexpr std::int64_t kMaxMaxLength = 1'000'000;
constexpr double kMaxExactInt = 9007199254740992.0;  // 2^53

bool IsIdentifier(std::string_view s, std::size_t max_size) {
  if (s.empty() || s.size() > max_size || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// "first_name" -> "First name".
std::string LabelFromName(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty()) out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

class Checker {
 public:
  void Add(std::string path, std::string problem) { problems_.push_back({std::move(path), std::move(problem)}); }
  bool ok() const { return problems_.empty(); }
  Error ToError() && {
    std::string message = fmt::format("the object definitions are not valid: {}: {}", problems_[0].field,
                                      problems_[0].problem);
    if (problems_.size() > 1) message += fmt::format(" (and {} more)", problems_.size() - 1);
    return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(problems_)};
  }

 private:
  std::vector<FieldError> problems_;
};

const ObjectDef* FindIn(std::span<const ObjectDef> all, std::string_view name) {
  for (const ObjectDef& o : all) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

void CheckField(FieldDef& f, const std::string& path, const ObjectDef& object, const std::set<std::string>& objects,
                std::span<const ObjectDef> all, Checker& check) {
  const std::string_view type = FieldTypeName(f.type);
  auto not_for_type = [&](std::string_view param) {
    check.Add(path + "." + std::string(param), fmt::format("does not apply to {} fields", type));
  };
  if (f.label.empty()) f.label = LabelFromName(f.name);
  if (object.is_custom() && f.is_system()) check.Add(path, "a custom object has only custom fields");

  if (f.max_length) {
    if (!TakesParam(f.type, FieldParam::kMaxLength)) {
      not_for_type("max_length");
    } else if (*f.max_length < 1 || *f.max_length > kMaxMaxLength) {
      check.Add(path + ".max_length", fmt::format("must be between 1 and {}", kMaxMaxLength));
    }
  }
  if (f.min || f.max) {
    if (!TakesParam(f.type, FieldParam::kMinMax)) {
      not_for_type(f.min ? "min" : "max");
    } else {
      const bool integral = f.type != FieldType::kDecimal;
      for (auto [bound, key] : {std::pair{f.min, "min"}, std::pair{f.max, "max"}}) {
        if (!bound) continue;
        if (!std::isfinite(*bound) ||
            (integral && (std::trunc(*bound) != *bound || std::fabs(*bound) > kMaxExactInt))) {
          check.Add(path + "." + key, integral ? "must be an integer between -2^53 and 2^53" : "must be a finite number");
        }
      }
      if (f.min && f.max && *f.min > *f.max) check.Add(path + ".max", "must not be less than min");
    }
  }
  if (TakesParam(f.type, FieldParam::kOptions)) {
    if (f.options.empty()) check.Add(path + ".options", fmt::format("{} fields need at least one option", type));
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < f.options.size(); ++i) {
      const std::string& o = f.options[i];
      std::string at = fmt::format("{}.options[{}]", path, i);
      if (o.empty() || o.size() > kMaxOptionLength || o.find('\0') != std::string::npos) {
        check.Add(at, fmt::format("must be 1 to {} characters without NUL", kMaxOptionLength));
      } else if (!seen.insert(o).second) {
        check.Add(at, fmt::format("repeats '{}'", o));
      }
    }
  } else if (!f.options.empty()) {
    not_for_type("options");
  }
  if (TakesParam(f.type, FieldParam::kTarget)) {
    if (f.target.empty()) {
      check.Add(path + ".target", fmt::format("{} fields need a target object", type));
    } else if (!objects.contains(f.target)) {
      check.Add(path + ".target", fmt::format("unknown object '{}'", f.target));
    }
  } else if (!f.target.empty()) {
    not_for_type("target");
  }
  if (f.multiple) {
    if (f.type != FieldType::kText && f.type != FieldType::kEmail && f.type != FieldType::kPhone &&
        f.type != FieldType::kUrl) {
      not_for_type("multiple");
    } else if (f.unique || f.indexed) {
      check.Add(path + ".multiple", "a list of values cannot be unique or indexed");
    }
  }
  if (!f.by.empty()) {
    if (f.type != FieldType::kLinkMany) {
      not_for_type("by");
    } else if (const ObjectDef* target = FindIn(all, f.target)) {
      const FieldDef* key = target->FindField(f.by);
      if (key == nullptr || key->type != FieldType::kText || !key->unique || !key->required) {
        check.Add(path + ".by", fmt::format("must name a required, unique text field of '{}'", f.target));
      }
    }
  }
  if (f.unique && !TakesParam(f.type, FieldParam::kUnique)) not_for_type("unique");
  if (f.indexed && !TakesParam(f.type, FieldParam::kIndexed)) not_for_type("indexed");
  if (f.default_value && f.default_value->is_null()) f.default_value.reset();
  if (f.default_value) {
    if (!TakesParam(f.type, FieldParam::kDefault)) {
      not_for_type("default");
    } else if (auto problem = Validate(*f.default_value, f)) {
      check.Add(path + ".default", *problem);
    }
  }
}

void CheckObject(ObjectDef& object, const std::string& path, const std::set<std::string>& objects,
                 std::span<const ObjectDef> all, Checker& check) {
  if (object.label.empty()) object.label = LabelFromName(object.name);
  if (object.is_custom() && !object.path.empty()) {
    check.Add(path + ".path", "a custom object is served at objects/<name>");
  } else if (!object.path.empty() && !IsIdentifier(object.path, 63)) {
    check.Add(path + ".path", "must match [a-z][a-z0-9_]{0,62}");
  }
  for (const auto* list : {&object.title, &object.search}) {
    const char* key = list == &object.title ? "title" : "search";
    for (std::size_t i = 0; i < list->size(); ++i) {
      const FieldDef* f = object.FindField((*list)[i]);
      if (f == nullptr || f->type == FieldType::kLinkMany || f->type == FieldType::kCurrency) {
        check.Add(fmt::format("{}.{}[{}]", path, key, i), "must name a field of the object (not a link_many or currency)");
      }
    }
  }
  if (!object.owner.empty()) {
    const FieldDef* f = object.FindField(object.owner);
    if (f == nullptr || f->type != FieldType::kLink || f->target != "user") {
      check.Add(path + ".owner", "must name a link field to user");
    }
  }
  for (std::size_t i = 0; i < object.owned_via.size(); ++i) {
    const FieldDef* f = object.FindField(object.owned_via[i]);
    const ObjectDef* target = f == nullptr ? nullptr : FindIn(all, f->target);
    if (f == nullptr || (f->type != FieldType::kLink && f->type != FieldType::kLinkMany) || target == nullptr ||
        (target->owner.empty() && target->owned_via.empty())) {
      check.Add(fmt::format("{}.owned_via[{}]", path, i), "must name a link field to an object that has owners");
    }
  }
  for (std::size_t i = 0; i < object.upsert_by.size(); ++i) {
    const FieldDef* f = object.FindField(object.upsert_by[i]);
    if (f == nullptr || f->multiple || (f->type != FieldType::kLink && f->type != FieldType::kText)) {
      check.Add(fmt::format("{}.upsert_by[{}]", path, i), "must name a link or text field of the object");
    }
  }
  if (object.plural_label.empty()) object.plural_label = object.label + "s";
  if (!IsIdentifier(object.table, 63)) {
    check.Add(path + ".table", "must match [a-z][a-z0-9_]{0,62}");
  } else if (object.is_custom() && object.table != "co_" + object.name) {
    check.Add(path + ".table", fmt::format("must be co_{} for a custom object", object.name));
  }
  std::set<std::string> names;
  std::map<std::string, std::string> columns;  // column -> the field that has it
  for (std::string_view system : kSystemFieldNames) columns.emplace(system, "a system column");
  for (std::size_t i = 0; i < object.fields.size(); ++i) {
    FieldDef& f = object.fields[i];
    std::string at = fmt::format("{}.fields[{}]", path, i);
    if (!IsValidName(f.name)) {
      check.Add(at + ".name", "must match [a-z][a-z0-9_]{0,40}");
      continue;
    }
    if (IsSystemFieldName(f.name)) {
      check.Add(at + ".name", fmt::format("'{}' is reserved for a system column", f.name));
      continue;
    }
    if (!names.insert(f.name).second) {
      check.Add(at + ".name", fmt::format("repeats the field '{}'", f.name));
      continue;
    }
    CheckField(f, at, object, objects, all, check);
    for (const Column& c : Columns(f, store::Dialect::kSqlite)) {
      auto [it, inserted] = columns.emplace(c.name, "field '" + f.name + "'");
      if (!inserted) check.Add(at + ".name", fmt::format("its column '{}' clashes with {}", c.name, it->second));
    }
  }
}

}  // namespace

bool IsValidName(std::string_view name) { return IsIdentifier(name, 41); }

Result<std::shared_ptr<const Registry>> Registry::Build(std::vector<ObjectDef> objects, std::int64_t version) {
  Checker check;
  std::set<std::string> names;
  std::set<std::string> tables;
  std::set<std::string> paths;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const ObjectDef& o = objects[i];
    if (!IsValidName(o.name)) {
      check.Add(fmt::format("objects[{}].object", i), "must match [a-z][a-z0-9_]{0,40}");
    } else if (!names.insert(o.name).second) {
      check.Add(fmt::format("objects[{}].object", i), fmt::format("repeats the object '{}'", o.name));
    }
    if (!o.path.empty() && !paths.insert(o.path).second) {
      check.Add(fmt::format("objects[{}].path", i), fmt::format("repeats the path '{}'", o.path));
    }
    if (!o.table.empty() && !tables.insert(o.table).second) {
      check.Add(fmt::format("objects[{}].table", i), fmt::format("repeats the table '{}'", o.table));
    }
  }
  for (std::size_t i = 0; i < objects.size(); ++i) {
    ObjectDef& o = objects[i];
    CheckObject(o, IsValidName(o.name) ? o.name : fmt::format("objects[{}]", i), names, objects, check);
  }
  if (!check.ok()) return std::move(check).ToError();
  return std::shared_ptr<const Registry>(new Registry(std::move(objects), version));
}

Registry::Registry(std::vector<ObjectDef> objects, std::int64_t version)
    : objects_(std::move(objects)), version_(version) {
  for (std::size_t i = 0; i < objects_.size(); ++i) {
    by_name_.emplace(objects_[i].name, i);
    if (!objects_[i].path.empty()) by_path_.emplace(objects_[i].path, i);
  }
}

const ObjectDef* Registry::FindByPath(std::string_view path) const {
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : &objects_[it->second];
}

const ObjectDef* Registry::FindObject(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &objects_[it->second];
}

const FieldDef* Registry::FindField(std::string_view object, std::string_view field) const {
  const ObjectDef* o = FindObject(object);
  return o == nullptr ? nullptr : o->FindField(field);
}

}  // namespace rapport::meta
