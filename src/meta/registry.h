// The registry: every object definition, checked once and then immutable, with a version that
// clients (GET /api/v1/meta) use to notice changes. Readers share one snapshot through a
// shared_ptr<const Registry> (see meta/registry_holder.h). Immutable, so thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "meta/object_def.h"

namespace rapport::meta {

class Registry {
 public:
  // Checks `objects` and builds a snapshot. kInvalidArgument lists every problem with its path
  // ("tag.fields[1].name": "must match [a-z][a-z0-9_]{0,40}"): bad names, repeated objects, tables,
  // fields or columns, names reserved for system columns, parameters the type does not take,
  // enums without options, links to unknown objects, defaults the field itself would refuse.
  // Labels left empty are derived from names. The caller owns the snapshot.
  static Result<std::shared_ptr<const Registry>> Build(std::vector<ObjectDef> objects, std::int64_t version);

  std::int64_t version() const { return version_; }
  std::span<const ObjectDef> objects() const { return objects_; }

  // nullptr when absent. The pointers live as long as this registry.
  const ObjectDef* FindObject(std::string_view name) const;
  const FieldDef* FindField(std::string_view object, std::string_view field) const;
  // The built-in object served at /api/v1/<path> ("people"); nullptr when none is.
  const ObjectDef* FindByPath(std::string_view path) const;

 private:
  Registry(std::vector<ObjectDef> objects, std::int64_t version);

  std::vector<ObjectDef> objects_;
  std::map<std::string, std::size_t, std::less<>> by_name_;
  std::map<std::string, std::size_t, std::less<>> by_path_;
  std::int64_t version_;
};

// True for a name of an object or field: [a-z][a-z0-9_]{0,40}.
bool IsValidName(std::string_view name);

}  // namespace rapport::meta
