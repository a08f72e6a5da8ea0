// CSV import of records (people, organizations, any writable object): reads the file row by row
// (common/csv_reader.h), maps columns to fields (column_mapping.h), turns cells into field values,
// and upserts each row through the record pipeline (RecordService::WriteBatch), so a row is checked
// exactly as the API checks a POST or PATCH. Every row is either written or reported. Memory stays
// flat: rows are read and written a batch at a time. Thread-safe as far as RecordService is; blocks.
//
// Upsert keys, tried in order for each row: `external_id` (exact), then `email` for people or
// `name` for other objects with a one-field title (both without regard to case). A row matched by
// email or name whose record carries another external_id is a different record: it is created.
// A match is updated with PATCH semantics; no match is created.
//
// Cells: an empty cell changes nothing (it does not clear a field on update; on create the field's
// default applies). Lists (further emails, phones, tags, multi-enum) are split at ';', ',' or '|'.
// A bool is true/yes/y/1/x/on or false/no/n/0/off; an enum matches its option without regard to case,
// spaces or dashes ("Net 30" is net_30); money is "12.50 EUR" or "EUR 12.50". A link is a record id,
// or for a target whose title is one field (an organization's name) the title: it links to the
// undeleted record of that title (case ignored, the oldest if several) or creates one.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "common/csv_reader.h"
#include "common/result.h"
#include "domain/import/column_mapping.h"
#include "domain/record/record_service.h"

namespace rapport::domain {

// One problem of one row: its number in the file (the header is row 1), the field at fault (empty
// when the whole row is), and what is wrong.
struct RowProblem {
  std::int64_t row = 0;
  std::string field;
  std::string message;
};

struct ImportProgress {
  std::int64_t rows = 0;  // data rows read so far
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t failed = 0;
  std::uint64_t bytes = 0;  // of the input read so far
};

struct ImportSummary {
  std::string object;
  bool dry_run = false;
  char delimiter = ',';
  std::int64_t rows = 0;       // data rows in the file (blank lines not counted)
  std::int64_t created = 0;    // with dry_run: would be created
  std::int64_t updated = 0;    // changed by the import
  std::int64_t unchanged = 0;  // matched, and the file holds nothing new for them
  std::int64_t failed = 0;     // reported, not written
  std::int64_t problems = 0;   // RowProblems reported (a failed row has one or more)
  ColumnMapping mapping;
  std::map<std::string, std::int64_t> linked_created;  // records created for links by title, per object
};

struct ImportOptions {
  // Whom the import acts for: new records are theirs, and only records they may see are updated
  // (a row whose key names only records they may not see is reported, and neither updates that
  // record nor creates a duplicate of it). Caller::System() for the CLI.
  Caller caller;
  ExplicitMapping mapping;  // overrides the suggestions for the headers it names
  char delimiter = 0;       // 0: sniffed from the header line
  bool dry_run = false;     // check and report everything, write nothing
  std::size_t batch_rows = 500;  // rows per write transaction
  // Each problem, in row order, as soon as its batch is done.
  std::function<void(const RowProblem&)> on_problem;
  // After each batch.
  std::function<void(const ImportProgress&)> on_progress;
  // Once the header is read and mapped, before any row.
  std::function<void(const ColumnMapping&)> on_mapping;
};

// Imports the CSV of `reader` into records of `object`. Errors, with nothing written: kNotFound
// for an unknown object; kMethodNotAllowed for one only the system writes; kInvalidArgument (field
// "map" or "file") for an empty file, a malformed header, a bad explicit mapping, or a header that
// maps no column. kUnavailable or kInternal when the database fails midway: the batches before it
// stay written.
Result<ImportSummary> ImportCsv(RecordService& service, std::string_view object, CsvReader& reader,
                                const ImportOptions& options);

// Imports the vCards (4.0 or 3.0) of `in` as people, as ImportCsv imports rows: each card is a
// "row" numbered by its BEGIN line; names, emails, phones, birthday, job title and the organization
// (linked by name, created when missing) come from domain/vcard/person_vcard.h, a UID from another
// system becomes external_id, and each address (ADR) is added to the person unless an equal one is
// there. A card that is not well formed, or whose address does not validate (ADR's country must be
// an ISO code such as DE), is reported. `options.mapping` and `delimiter` do not apply.
// `bytes_read`, if given, tells progress how far the input is.
Result<ImportSummary> ImportVCards(RecordService& service, std::istream& in, const ImportOptions& options,
                                   const std::function<std::uint64_t()>& bytes_read = {});

}  // namespace rapport::domain
