#include "domain/interaction/interaction_hooks.h"

#include "meta/time_text.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;

// Moves `object` `id`'s last_touch_at to `at` unless it is later already. Deleted records are skipped.
Status Touch(WriteContext& ctx, std::string_view object, std::int64_t id, const bj::string& at) {
  const meta::ObjectDef* def = ctx.registry.FindObject(object);
  auto rows = ctx.conn.Query("SELECT last_touch_at FROM " + def->table + " WHERE id = $1 AND deleted_at IS NULL",
                             {store::Value(id)});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return {};
  auto when = meta::ParseTimestamp(at);
  if (!when) return {};
  if (!store::IsNull(rows->at(0, 0)) && rows->Int(0, 0) >= *when) return {};
  auto updated = ctx.writer.UpdateIn(ctx, object, id, bj::object{{"last_touch_at", at}});
  if (!updated.ok()) return std::move(updated).error();
  return {};
}

}  // namespace

void AddInteractionHooks(HookRegistry& hooks) {
  RecordHooks h;
  h.before_write = [](WriteContext& ctx, const bj::object* before, bj::object& after) -> Status {
    const bj::value* at = after.if_contains("occurred_at");
    if (before == nullptr && (at == nullptr || at->is_null())) after["occurred_at"] = FormatTimestamp(ctx.now);
    return {};
  };
  h.after_write = [](WriteContext& ctx, const bj::object* before, const bj::object& after) -> Status {
    const bj::value& at = after.at("occurred_at");
    if (!at.is_string()) return {};
    const bool moved = before == nullptr || before->at("occurred_at") != at;
    if (const bj::value* participants = after.if_contains("participants")) {
      for (const bj::value& p : participants->get_array()) {
        bool is_new = before == nullptr;
        if (!is_new) {
          const bj::array& old = before->at("participants").get_array();
          is_new = std::find(old.begin(), old.end(), p) == old.end();
        }
        if (moved || is_new) RAPPORT_RETURN_IF_ERROR(Touch(ctx, "person", p.as_int64(), at.get_string()));
      }
    }
    const bj::value& org = after.at("organization");
    if (org.is_int64() && (moved || before->at("organization") != org)) {
      RAPPORT_RETURN_IF_ERROR(Touch(ctx, "organization", org.get_int64(), at.get_string()));
    }
    return {};
  };
  hooks.Add("interaction", std::move(h));
}

}  // namespace rapport::domain
