// Every built-in object's hooks, registered by name into one HookRegistry at startup.
#pragma once

#include "domain/record/record_hooks.h"

namespace rapport::domain {

HookRegistry BuiltinHooks();

}  // namespace rapport::domain
