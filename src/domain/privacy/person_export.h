// GDPR export of one person (DESIGN 1.7): everything held about them as one JSON document, whose
// shape docs/api.md ("Export a person") describes. A person's data is bounded (their own records,
// read a page at a time), so the document is built in memory and sent whole. Thread-safe; blocks.
#pragma once

#include <boost/json.hpp>
#include <cstdint>

#include "common/result.h"
#include "domain/record/record_service.h"

namespace rapport::domain {

// The document for person `id`, soft-deleted records included (they are still held). Errors:
// kNotFound for no such person; kUnavailable when the database is busy or unreachable.
Result<boost::json::object> ExportPerson(RecordService& records, const Caller& caller, std::int64_t id,
                                         Micros now);

}  // namespace rapport::domain
