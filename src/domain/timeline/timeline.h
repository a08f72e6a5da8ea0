// One timeline per customer: the consents, interactions, notes, tasks and stage changes of a person or an
// organization, newest first, a keyset page at a time. Each kind is a TimelineSource (a table of
// them in timeline.cc), so orders and tickets join by adding a line, not a branch.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/record/record_service.h"
#include "store/store.h"

namespace rapport::domain {

// Where entries of one kind come from: records of `object` ordered by `time_field`, linked to the
// customer by `links` (the customer's object → the link or link_many field that points at it).
struct TimelineSource {
  std::string object;      // "interaction"; also the entry's kind
  std::string time_field;  // "occurred_at", or "created_at"
  std::vector<std::pair<std::string, std::string>> links;  // {"person", "participants"}, ...
};

// The objects that have a timeline: the customers.
inline constexpr std::string_view kTimelineObjects[] = {"person", "organization"};

// The sources, in the order of the kind tie-break.
const std::vector<TimelineSource>& TimelineSources();

struct TimelineRequest {
  int limit = 50;
  std::string after;               // the previous page's `next`; empty: the newest
  std::vector<std::string> kinds;  // empty: every kind
};

struct TimelineEntry {
  std::string kind;
  Micros at = 0;
  boost::json::object record;  // as the API renders it
};

struct TimelinePage {
  std::vector<TimelineEntry> entries;
  std::optional<std::string> next;
};

class TimelineService {
 public:
  static constexpr int kDefaultLimit = 50;
  static constexpr int kMaxLimit = 200;

  TimelineService(store::Database& db, RecordService& records) : db_(db), records_(records) {}

  // The page of the timeline of record `id` of `object` (person or organization): live entries in
  // the order (time descending, kind, id descending), so pages are stable under inserts. Errors:
  // kNotFound for no such live record; kInvalidArgument naming "after" or "kinds".
  // The customer must be one `caller` may see; its entries are then visible too (they are owned
  // via it), and each page's records are read with the caller's condition all the same.
  Result<TimelinePage> Page(const Caller& caller, std::string_view object, std::int64_t id,
                            const TimelineRequest& request);

 private:
  store::Database& db_;
  RecordService& records_;
};

}  // namespace rapport::domain
