// Status and Result<T>: how every fallible call below the HTTP layer reports failure.
// ErrorCode is the closed set of failure kinds; http/error_mapping.cc is the one place that maps
// them to HTTP statuses.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace rapport {

enum class ErrorCode {
  kInvalidArgument,     // 400: the caller sent something malformed or out of range
  kUnauthenticated,     // 401
  kPermissionDenied,    // 403
  kNotFound,            // 404
  kMethodNotAllowed,    // 405: the path exists, the method does not
  kConflict,            // 409: unique key taken, concurrent change
  kPayloadTooLarge,     // 413
  kFailedPrecondition,  // 422: well-formed but breaks a rule (a link to a missing record)
  kStaleVersion,        // 412: If-Match names a version that is no longer current
  kResourceExhausted,   // 429
  kInternal,            // 500: a bug or an unexpected system failure
  kUnavailable,         // 503: retryable (database busy or unreachable)
};

// Machine-readable name, used as "code" in problem+json and in logs ("invalid_argument").
std::string_view ErrorCodeName(ErrorCode code);

// One problem with one input field: {"field": "name", "problem": "is required"}.
struct FieldError {
  std::string field;
  std::string problem;
};

// The error side of Status and Result<T>: a code, a message for people, per-field details.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;
  int retry_after = 0;  // seconds, for kResourceExhausted and kUnavailable: the Retry-After header; 0: 1 s
};

// Success, or an Error. Cheap to return on the success path (an empty optional).
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design, like std::expected.
  Status(ErrorCode code, std::string message) : error_(Error{code, std::move(message), {}}) {}

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return *error_; }
  Error&& error() && { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

// A value of T or an Error; works like std::expected<T, Error> (a rename once we move to C++23).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design.
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  // From a failed Status only: a Result needs a value or an error.
  Result(Status status) : v_(std::in_place_index<1>, (assert(!status.ok()), std::move(status).error())) {}  // NOLINT
  Result(ErrorCode code, std::string message) : v_(std::in_place_index<1>, Error{code, std::move(message), {}}) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace rapport

// Returns the error of a Status or Result expression from the enclosing function.
#define RAPPORT_RETURN_IF_ERROR(expr)          \
  do {                                         \
    auto rapport_status_ = (expr);             \
    if (!rapport_status_.ok()) {               \
      return std::move(rapport_status_).error(); \
    }                                          \
  } while (false)
