// The one shape of a filter's errors: kInvalidArgument whose detail names "filter" and starts with
// the byte position ("at 14: expected a value after '=' but found end of input").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace rapport::filter {

// Error{kInvalidArgument, "filter at <pos>: <problem>", {{"filter", "at <pos>: <problem>"}}}.
Error FilterError(std::size_t pos, std::string_view problem);

// How an error names a piece of the input: 'text' in quotes, cut to a few dozen bytes (at a UTF-8
// character boundary) so that a long string does not fill the message.
std::string Quote(std::string_view text);

}  // namespace rapport::filter
