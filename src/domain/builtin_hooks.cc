#include "domain/builtin_hooks.h"

#include "domain/forms/web_form.h"
#include "domain/interaction/interaction_hooks.h"
#include "domain/privacy/consent_hooks.h"
#include "domain/relationship/relationship_hooks.h"
#include "domain/sales/contract_hooks.h"
#include "domain/sales/deal_hooks.h"
#include "domain/sales/order_hooks.h"
#include "domain/sales/pipeline_hooks.h"
#include "domain/tag/tag_hooks.h"
#include "domain/task/task_hooks.h"

namespace rapport::domain {

HookRegistry BuiltinHooks() {
  HookRegistry hooks;
  AddTagHooks(hooks);
  AddRelationshipHooks(hooks);
  AddInteractionHooks(hooks);
  AddTaskHooks(hooks);
  AddConsentHooks(hooks);
  AddPipelineHooks(hooks);
  AddDealHooks(hooks);
  AddContractHooks(hooks);
  AddOrderHooks(hooks);
  AddWebFormHooks(hooks);
  return hooks;
}

}  // namespace rapport::domain
