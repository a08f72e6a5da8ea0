// Interactions keep the keep-in-touch dates current: an interaction (by default now) moves the
// last_touch_at of each participant and of its organization forward, and with it next_touch_due.
#pragma once

#include "domain/record/record_hooks.h"

namespace rapport::domain {

void AddInteractionHooks(HookRegistry& hooks);

}  // namespace rapport::domain
