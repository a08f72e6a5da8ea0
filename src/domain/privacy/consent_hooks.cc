#include "domain/privacy/consent_hooks.h"

namespace rapport::domain {

namespace bj = boost::json;

void AddConsentHooks(HookRegistry& hooks) {
  RecordHooks h;
  h.before_write = [](WriteContext& ctx, const bj::object* before, bj::object& after) -> Status {
    const bj::value* at = after.if_contains("at");
    if (before == nullptr && (at == nullptr || at->is_null())) after["at"] = FormatTimestamp(ctx.now);
    return {};
  };
  hooks.Add("consent", std::move(h));
}

}  // namespace rapport::domain
