// The tag object's rules beyond its metadata: a color is #rrggbb, stored in lower case.
#pragma once

#include "domain/record/record_hooks.h"

namespace rapport::domain {

void AddTagHooks(HookRegistry& hooks);

}  // namespace rapport::domain
