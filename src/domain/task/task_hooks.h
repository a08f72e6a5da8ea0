// Tasks and follow-ups: a recurrence rule is checked and kept in canonical form; completing a task
// stamps completed_at and, for a recurring task, creates the next occurrence (same title, kind,
// assignee, links and reminder offset; the next due time from the rule).
#pragma once

#include "domain/record/record_hooks.h"

namespace rapport::domain {

void AddTaskHooks(HookRegistry& hooks);

}  // namespace rapport::domain
