// The ownership rules of caller.h as SQL, so that lists, counts, search, timelines and exports
// filter in the database with the same condition that a GET of one record checks.
//
// A record of an object with rules (ObjectDef::owner, ObjectDef::owned_via) is visible when its
// owner is one of the caller's owners, or when a record it is owned via is visible (a note through
// its person, a person through its organization; at most kMaxOwnershipDepth links deep), or, for
// callers who see the unowned pool, when it has no owner and no via link set. Objects without
// rules (users, teams, tags, products, pipelines, custom objects) are visible to every caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/access/caller.h"
#include "meta/registry.h"
#include "store/store.h"

namespace rapport::domain {

inline constexpr int kMaxOwnershipDepth = 3;

// The condition on `alias` (a row of `object`'s table) that holds for the rows `caller` may see,
// its values bound as placeholders appended to `params`. Empty when the caller sees every row:
// then it costs nothing. Subqueries use the aliases v1..v3 and l0..l2.
std::string VisibleCondition(const meta::Registry& registry, const meta::ObjectDef& object, const Caller& caller,
                             std::string_view alias, store::Dialect dialect, std::vector<store::Value>& params);

// Whether `caller` may see record `id` of `object` (deleted or not): one indexed query, none when
// VisibleCondition is empty. False when there is no such record.
Result<bool> IsVisible(store::Connection& conn, const meta::Registry& registry, const meta::ObjectDef& object,
                       const Caller& caller, std::int64_t id);

}  // namespace rapport::domain
