#include "domain/interaction/interaction_hooks.h"

#include <algorithm>

namespace rapport::domain {
namespace {

namespace bj = boost::json;

// Tells `object` `id` it was touched at `at`; its profile hook keeps the later of that and the last
// touch it knew (domain/relationship). A deleted record is left alone.
Status Touch(WriteContext& ctx, std::string_view object, std::int64_t id, const bj::string& at) {
  auto updated = ctx.writer.UpdateIn(ctx, object, id, bj::object{{"last_touch_at", at}});
  if (!updated.ok() && updated.error().code != ErrorCode::kNotFound) return std::move(updated).error();
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
