#include "common/json.h"

#include <fmt/format.h>

#include <vector>

namespace rapport::json {

namespace {

// The values in `value`, itself included; stops counting at `stop`.
std::size_t CountValues(const bj::value& value, std::size_t stop) {
  std::size_t count = 1;
  std::vector<const bj::value*> pending{&value};
  while (!pending.empty() && count < stop) {
    const bj::value* v = pending.back();
    pending.pop_back();
    if (const bj::array* a = v->if_array()) {
      count += a->size();
      for (const bj::value& item : *a) {
        if (item.is_structured()) pending.push_back(&item);
      }
    } else if (const bj::object* o = v->if_object()) {
      count += o->size();
      for (const auto& member : *o) {
        if (member.value().is_structured()) pending.push_back(&member.value());
      }
    }
  }
  return count;
}

}  // namespace

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
  bj::value value = parser.release();
  // Boost.JSON has no limit on the number of values; counting after the parse is linear in a body
  // that the body limit already bounds.
  if (CountValues(value, limits.max_values + 1) > limits.max_values) {
    return Error{ErrorCode::kInvalidArgument,
                 fmt::format("the JSON document has more than {} values", limits.max_values),
                 {{"body", fmt::format("has more than {} values", limits.max_values)}}};
  }
  return value;
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
