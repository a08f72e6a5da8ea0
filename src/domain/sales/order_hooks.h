// Orders and their lines (DESIGN 1.2): a line's price defaults to its product's and is in the
// order's currency (else 422 naming the field); its totals and the order's totals are derived;
// and every change of an order or a line (create, update, delete, restore) brings the purchase
// figures and lifecycle stage of the order's person and organization up to date in the same
// transaction (purchase_figures.h).
#pragma once

#include "domain/record/record_hooks.h"

namespace rapport::domain {

void AddOrderHooks(HookRegistry& hooks);

}  // namespace rapport::domain
