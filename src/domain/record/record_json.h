// Reading members of a record's JSON (the API form, domain/record/record_layout.h), as hooks do,
// where a record may be absent (a create has no `before`) and a member null.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "meta/object_def.h"

namespace rapport::domain {

// The member `name` of `record`; a null value when `record` is nullptr or has no such member.
const boost::json::value& Member(const boost::json::object* record, std::string_view name);

// The record's title: its object's title fields that are non-empty text, joined by spaces.
std::string TitleOf(const meta::ObjectDef& object, const boost::json::object& record);

// A datetime member ("2026-11-23T10:00:00.000Z") as microseconds; nullopt when null or not a time.
std::optional<Micros> TimeOf(const boost::json::value& value);

}  // namespace rapport::domain
