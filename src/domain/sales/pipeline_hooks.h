// Pipelines and their stages keep every board whole: one pipeline is the default at a time, and a
// stage or a pipeline that still holds live deals cannot be deleted (409), since its deals would
// drop off the boards and the forecast.
#pragma once

#include "domain/record/record_hooks.h"

namespace rapport::domain {

void AddPipelineHooks(HookRegistry& hooks);

}  // namespace rapport::domain
