// Consent records (meta/builtin/consent.json): a consent given or withdrawn without a time was
// given or withdrawn now.
#pragma once

#include "domain/record/record_hooks.h"

namespace rapport::domain {

void AddConsentHooks(HookRegistry& hooks);

}  // namespace rapport::domain
