#include "api/request_caller.h"

namespace rapport::api {

domain::Caller CallerOf(const http::RequestContext& ctx) {
  if (!ctx.principal) {
    domain::Caller nobody;
    nobody.ip = ctx.remote.to_string();
    nobody.request_id = ctx.request_id;
    return nobody;
  }
  return domain::Caller::Of(*ctx.principal, ctx.remote.to_string(), ctx.request_id);
}

}  // namespace rapport::api
