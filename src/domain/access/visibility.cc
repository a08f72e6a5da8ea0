#include "domain/access/visibility.h"

#include <fmt/format.h>

#include "meta/field_type.h"

namespace rapport::domain {
namespace {

using meta::FieldType;
using store::Placeholder;
using store::Value;

bool HasRules(const meta::ObjectDef& object) { return !object.owner.empty() || !object.owned_via.empty(); }

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

class ConditionBuilder {
 public:
  ConditionBuilder(const meta::Registry& registry, const Caller& caller, store::Dialect dialect,
                   std::vector<Value>& params)
      : registry_(registry), caller_(caller), dialect_(dialect), params_(params) {}

  // Never empty for an object with rules: "1 = 0" when nothing of it is visible.
  std::string Visible(const meta::ObjectDef& object, const std::string& alias, int depth) {
    std::vector<std::string> any;       // ways to be visible
    std::vector<std::string> unowned;   // together: nothing ties the row to an owner
    if (const meta::FieldDef* f = Active(object, object.owner)) {
      const std::string column = alias + "." + Column(*f);
      if (!caller_.owners.empty()) {
        std::vector<std::string> owners;
        for (std::int64_t owner : caller_.owners) owners.push_back(Placeholder(params_, Value(owner)));
        any.push_back(fmt::format("{} IN ({})", column, Join(owners, ", ")));
      }
      unowned.push_back(column + " IS NULL");
    }
    for (const std::string& via : object.owned_via) {
      const meta::FieldDef* f = Active(object, via);
      if (f == nullptr) continue;
      const meta::ObjectDef* target = registry_.FindObject(f->target);
      if (target == nullptr || !HasRules(*target)) continue;
      const bool deeper = depth < kMaxOwnershipDepth;  // deeper chains are owned directly or not at all
      if (!deeper && !caller_.unowned) continue;
      // Every bound value must be used: PostgreSQL cannot type a parameter that appears nowhere.
      const std::string links = fmt::format("l{}", depth);
      std::string link_rows;
      if (f->type == FieldType::kLinkMany) {
        link_rows = fmt::format("FROM record_links {0} WHERE {0}.object = {1} AND {0}.field = {2}", links,
                                Placeholder(params_, Value(object.name)), Placeholder(params_, Value(f->name)));
      }
      if (f->type == FieldType::kLinkMany) {
        unowned.push_back(fmt::format("NOT EXISTS (SELECT 1 {} AND {}.record_id = {}.id)", link_rows, links, alias));
      } else {
        unowned.push_back(fmt::format("{}.{} IS NULL", alias, Column(*f)));
      }
      if (!deeper) continue;
      const std::string inner = fmt::format("v{}", depth + 1);
      const std::string targets = fmt::format("SELECT {0}.id FROM {1} {0} WHERE {2}", inner, target->table,
                                              Visible(*target, inner, depth + 1));
      if (f->type == FieldType::kLinkMany) {
        any.push_back(fmt::format("{}.id IN (SELECT {}.record_id {} AND {}.target_id IN ({}))", alias, links,
                                  link_rows, links, targets));
      } else {
        any.push_back(fmt::format("{}.{} IN ({})", alias, Column(*f), targets));
      }
    }
    if (caller_.unowned && !unowned.empty()) any.push_back("(" + Join(unowned, " AND ") + ")");
    if (any.empty()) return "1 = 0";
    return "(" + Join(any, " OR ") + ")";
  }

 private:
  static const meta::FieldDef* Active(const meta::ObjectDef& object, const std::string& name) {
    if (name.empty()) return nullptr;
    const meta::FieldDef* f = object.FindField(name);
    return f != nullptr && f->active ? f : nullptr;
  }

  std::string Column(const meta::FieldDef& f) const { return meta::Columns(f, dialect_).front().name; }

  const meta::Registry& registry_;
  const Caller& caller_;
  store::Dialect dialect_;
  std::vector<Value>& params_;
};

}  // namespace

std::string VisibleCondition(const meta::Registry& registry, const meta::ObjectDef& object, const Caller& caller,
                             std::string_view alias, store::Dialect dialect, std::vector<Value>& params) {
  if (caller.everything || !HasRules(object)) return {};
  return ConditionBuilder(registry, caller, dialect, params).Visible(object, std::string(alias), 0);
}

Result<bool> IsVisible(store::Connection& conn, const meta::Registry& registry, const meta::ObjectDef& object,
                       const Caller& caller, std::int64_t id) {
  std::vector<Value> params{Value(id)};
  const std::string condition = VisibleCondition(registry, object, caller, "t", conn.dialect(), params);
  if (condition.empty()) return true;
  auto rows = conn.Query(fmt::format("SELECT 1 FROM {} t WHERE t.id = $1 AND {}", object.table, condition), params);
  if (!rows.ok()) return std::move(rows).error();
  return rows->rows() > 0;
}

}  // namespace rapport::domain
