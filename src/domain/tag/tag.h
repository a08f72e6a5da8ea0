// A tag: a label that can be put on any record. Table `tags` (store/*/migrations/0001):
// id, name (unique without regard to case), color (#rrggbb), description, version, created_at,
// updated_at (micros).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"

namespace rapport::domain {

struct Tag {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> color;
  std::optional<std::string> description;
  std::int64_t version = 1;
  Micros created_at = 0;
  Micros updated_at = 0;
};

struct NewTag {
  std::string name;
  std::optional<std::string> color;
  std::optional<std::string> description;
};

struct TagPage {
  std::vector<Tag> tags;
  std::optional<std::int64_t> next_after;  // the id to continue after, when more may follow
};

}  // namespace rapport::domain
