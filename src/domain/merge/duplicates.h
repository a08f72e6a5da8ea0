// Likely duplicates of one record, found through the search index (so each check is an indexed
// query on both stores) and then confirmed on the values themselves.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/record/record_service.h"

namespace rapport::domain {

struct Duplicate {
  std::int64_t id = 0;
  std::string title;
  std::vector<std::string> reasons;  // "email", "phone", "name": what the two records share
};

// At most this many records are confirmed per value checked.
inline constexpr int kMaxDuplicatesPerValue = 20;

// The live records of `object` that are likely the same as record `id`, most reasons first:
// - "email": an email of one (any field of type email, primary or further) is an email of the
//   other, without regard to case;
// - "phone": a phone number of one has the same digits as one of the other's;
// - "name": every word of one's title begins a word of the other's (Anna Schmidt, Anna M. Schmidt),
//   and, for objects that link to an organization, both link to the same one.
// kNotFound when there is no such live record.
Result<std::vector<Duplicate>> FindDuplicates(RecordService& records, const Caller& caller, std::string_view object,
                                              std::int64_t id);

}  // namespace rapport::domain
