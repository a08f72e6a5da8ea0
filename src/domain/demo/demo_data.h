// `rapport demo`: a realistic CRM to look at and try things on. Organizations of every kind, people
// B2C and B2B at every stage, interactions on every channel over two years, tasks (overdue, done,
// recurring), notes, stage histories, affiliations, addresses, birthdays and anniversaries, and two
// custom fields, all written through the record pipeline so that hooks, search text and events are
// what the API would have made. Deterministic for a seed; dates are relative to the clock.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "common/result.h"
#include "domain/meta/meta_service.h"
#include "domain/record/record_service.h"

namespace rapport::domain {

struct DemoOptions {
  int people = 3000;
  int organizations = 400;
  std::uint64_t seed = 7;
  // Called now and then with the records written so far.
  std::function<void(std::int64_t records)> on_progress;
};

struct DemoSummary {
  std::int64_t records = 0;  // every record written, hooks' included
  std::int64_t people = 0;
  std::int64_t organizations = 0;
  std::int64_t interactions = 0;
};

// Fills the database. Errors: those of the pipeline (a demo record that does not validate is a bug
// of the demo: kInternal with the record's problem).
Result<DemoSummary> FillDemo(RecordService& records, MetaService& meta, const Clock& clock, const DemoOptions& options);

}  // namespace rapport::domain
