// For the filter's tests only: a registry whose `thing` has a field of every type (and a custom
// field, an inactive one, links to itself and to `org`, link_many with and without `by`), so that
// every branch of the checker, the compiler and the evaluator has something to run on.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "meta/registry.h"

namespace rapport::filter::testing {

inline meta::FieldDef TestField(std::string name, meta::FieldType type,
                                const std::function<void(meta::FieldDef&)>& tweak = {}) {
  meta::FieldDef f;
  f.name = std::move(name);
  f.type = type;
  if (tweak) tweak(f);
  return f;
}

// thing (table things), org (orgs) and label (labels). Throws if the registry refuses them: a bug
// in the test.
inline std::shared_ptr<const meta::Registry> TestRegistry() {
  using meta::FieldType;
  meta::ObjectDef label;
  label.name = "label";
  label.table = "labels";
  label.fields = {TestField("name", FieldType::kText, [](auto& f) {
    f.required = true;
    f.unique = true;
  })};

  meta::ObjectDef org;
  org.name = "org";
  org.table = "orgs";
  org.fields = {
      TestField("name", FieldType::kText),
      TestField("kind", FieldType::kEnum,
                [](auto& f) {
                  f.options = {"partner", "customer", "vendor"};
                }),
      TestField("size", FieldType::kInt),
      TestField("founded", FieldType::kDate),
      TestField("verified", FieldType::kBool),
      TestField("parent", FieldType::kLink, [](auto& f) { f.target = "org"; }),
      TestField("labels", FieldType::kLinkMany,
                [](auto& f) {
                  f.target = "label";
                  f.by = "name";
                }),
  };

  meta::ObjectDef thing;
  thing.name = "thing";
  thing.table = "things";
  thing.fields = {
      TestField("name", FieldType::kText),
      TestField("notes", FieldType::kLongText),
      TestField("count", FieldType::kInt),
      TestField("score", FieldType::kDecimal),
      TestField("price", FieldType::kCurrency),
      TestField("born", FieldType::kDate),
      TestField("seen_at", FieldType::kDatetime),
      TestField("active", FieldType::kBool),
      TestField("kind", FieldType::kEnum,
                [](auto& f) {
                  f.options = {"alpha", "beta", "gamma", "Delta"};
                }),
      TestField("colors", FieldType::kMultiEnum,
                [](auto& f) {
                  f.options = {"red", "green", "blue"};
                }),
      TestField("email", FieldType::kEmail),
      TestField("phone", FieldType::kPhone),
      TestField("site", FieldType::kUrl),
      TestField("aliases", FieldType::kText, [](auto& f) { f.multiple = true; }),
      TestField("nick", FieldType::kText, [](auto& f) { f.origin = meta::Origin::kCustom; }),
      TestField("org", FieldType::kLink, [](auto& f) { f.target = "org"; }),
      TestField("mentor", FieldType::kLink, [](auto& f) { f.target = "thing"; }),
      TestField("parts", FieldType::kLinkMany, [](auto& f) { f.target = "org"; }),
      TestField("labels", FieldType::kLinkMany,
                [](auto& f) {
                  f.target = "label";
                  f.by = "name";
                }),
      TestField("retired", FieldType::kText, [](auto& f) { f.active = false; }),
  };

  auto registry = meta::Registry::Build({label, org, thing}, 1);
  if (!registry.ok()) throw std::runtime_error("test registry: " + registry.error().message);
  return *registry;
}

}  // namespace rapport::filter::testing
