// The one place a checked operand becomes a concrete value for a given `now`: what the SQL
// compiler binds and what the evaluator compares with, so the two cannot drift apart. Also the
// case folding of `contains` and `starts_with`. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/clock.h"
#include "filter/checked.h"
#include "meta/object_def.h"
#include "store/store.h"

namespace rapport::filter {

// `operand` as a value of `field`'s first column: a date's TimeOperand as 'YYYY-MM-DD' text, a
// datetime's as int64 microseconds, everything else as it is.
store::Value OperandValue(const meta::FieldDef& field, const Operand& operand, Micros now);

// `text` with the ASCII letters A-Z lowered and every other byte kept: the folding that SQLite's
// lower() does (without ICU) and that translate(col, 'A..Z', 'a..z') does on PostgreSQL, whatever
// the server's locale.
std::string AsciiLower(std::string_view text);

}  // namespace rapport::filter
