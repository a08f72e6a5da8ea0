// The rules for tags: validation, uniqueness, and the tag.created event in the same transaction.
// Thread-safe; every call blocks on the database.
#pragma once

#include "common/clock.h"
#include "domain/tag/tag.h"
#include "store/store.h"

namespace rapport::domain {

class TagService {
 public:
  TagService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // kInvalidArgument with per-field problems; kConflict when the name is taken (any case);
  // kUnavailable when the database is busy or unreachable.
  Result<Tag> Create(NewTag tag);
  Result<std::optional<Tag>> Find(std::int64_t id);
  // `limit` must be 1..kMaxPageSize (the caller validates).
  Result<TagPage> List(std::int64_t after, int limit);

  static constexpr int kMaxPageSize = 200;

 private:
  store::Database& db_;
  const Clock& clock_;
};

// Checks and normalizes (trims the name, lower-cases the color); returns the field problems.
std::vector<FieldError> ValidateTag(NewTag& tag);

}  // namespace rapport::domain
