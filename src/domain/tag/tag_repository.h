// SQL for the tags table; runs inside the caller's read snapshot or write transaction.
#pragma once

#include <optional>
#include <vector>

#include "domain/tag/tag.h"
#include "store/store.h"

namespace rapport::domain {

class TagRepository {
 public:
  // kConflict when the name is taken.
  static Result<Tag> Insert(store::Connection& conn, const NewTag& tag, Micros now);
  static Result<std::optional<Tag>> FindById(store::Connection& conn, std::int64_t id);
  // Tags with id > after, by id, at most `limit`.
  static Result<std::vector<Tag>> ListAfter(store::Connection& conn, std::int64_t after, int limit);
};

}  // namespace rapport::domain
