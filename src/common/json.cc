#include "common/json.h"

#include <fmt/format.h>

namespace rapport::json {

Result<bj::value> Parse(std::string_view text, const ParseLimits& limits) {
  bj::parse_options options;
  options.max_depth = limits.max_depth;
  bj::stream_parser parser(bj::storage_ptr(), options);
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) {
    ec = bj::error::extra_data;
  }
  if (!ec) parser.finish(ec);
  if (ec) {
    return Error{ErrorCode::kInvalidArgument,
                 fmt::format("malformed JSON at byte {}: {}", consumed, ec.message()),
                 {{"body", ec.message()}}};
  }
  return parser.release();
}

Result<bj::object> ParseObject(std::string_view text, const ParseLimits& limits) {
  auto value = Parse(text, limits);
  if (!value.ok()) return std::move(value).error();
  if (!value->is_object()) {
    return Error{ErrorCode::kInvalidArgument, "the request body must be a JSON object",
                 {{"body", "must be a JSON object"}}};
  }
  return std::move(value->as_object());
}

std::string Write(const bj::value& value) { return bj::serialize(value); }

namespace {

Error WrongType(std::string_view field, std::string_view expected) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{} must be {}", field, expected),
               {{std::string(field), fmt::format("must be {}", expected)}}};
}

}  // namespace

Result<std::optional<std::string>> OptionalString(const bj::object& object, std::string_view field) {
  const bj::value* v = object.if_contains(field);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return WrongType(field, "a string");
  return std::optional<std::string>(std::string(v->get_string()));
}

Result<std::optional<std::int64_t>> OptionalInt(const bj::object& object, std::string_view field) {
  const bj::value* v = object.if_contains(field);
  if (v == nullptr || v->is_null()) return std::optional<std::int64_t>();
  if (v->is_int64()) return std::optional<std::int64_t>(v->get_int64());
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v->get_uint64()));
  }
  return WrongType(field, "an integer");
}

}  // namespace rapport::json
