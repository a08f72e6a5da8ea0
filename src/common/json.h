// Boost.JSON helpers shared by every layer: strict parsing with limits and readable errors,
// and typed field access that reports which field was wrong.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace rapport::json {

namespace bj = boost::json;

// Request bodies are at most 1 MiB (http::ServerOptions::body_limit); these bound what a small
// body can cost to hold and to walk: 1 MiB of "[[],[],…]" is half a million values.
struct ParseLimits {
  std::size_t max_depth = 32;
  std::size_t max_values = 100'000;  // every value, containers and scalars alike
};

// Parses a whole document. kInvalidArgument names the byte offset of the first error.
Result<bj::value> Parse(std::string_view text, const ParseLimits& limits = {});

// Parses a request body that must be a JSON object.
Result<bj::object> ParseObject(std::string_view text, const ParseLimits& limits = {});

// Serializes compactly.
std::string Write(const bj::value& value);

// Typed optional lookups: nullopt when absent or null; kInvalidArgument with the field's name when
// the member has the wrong type.
Result<std::optional<std::string>> OptionalString(const bj::object& object, std::string_view field);
Result<std::optional<std::int64_t>> OptionalInt(const bj::object& object, std::string_view field);

}  // namespace rapport::json
