// The domain Caller of a request: its principal's ownership scope plus its IP and request id for
// the audit log. Every handler that reads or writes records passes this to the domain.
#pragma once

#include "domain/access/caller.h"
#include "http/types.h"

namespace rapport::api {

// A request without a principal (a public route) sees no owned records at all.
domain::Caller CallerOf(const http::RequestContext& ctx);

}  // namespace rapport::api
