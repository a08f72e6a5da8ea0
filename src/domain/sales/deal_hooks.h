// Deals in pipelines (DESIGN 1.2): a deal's pipeline and stage agree (a stage of another pipeline
// is refused, naming `stage`), its status follows the stage's kind, and every change of stage or
// position is kept as a deal_move (who, when, from, to).
#pragma once

#include "domain/record/record_hooks.h"

namespace rapport::domain {

void AddDealHooks(HookRegistry& hooks);

}  // namespace rapport::domain
