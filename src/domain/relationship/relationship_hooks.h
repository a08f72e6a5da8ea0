// The relationship profile of people and organizations (DESIGN 1.1): every stage change kept in
// stage_changes (who, when, from, to, why); the keep-in-touch cadence from which next_touch_due
// follows; and, for people, the birthday's month and day kept for the upcoming-dates query.
#pragma once

#include "domain/record/record_hooks.h"

namespace rapport::domain {

// Registers the hooks of "person" and "organization".
void AddRelationshipHooks(HookRegistry& hooks);

// Month and day of a "YYYY-MM-DD" date as MMDD (1123 for November 23); nullopt for anything else.
std::optional<std::int64_t> MonthDay(std::string_view date);

}  // namespace rapport::domain
