// A streamed export of a filtered, sorted list of records as CSV (RFC 4180) or NDJSON, or of people
// as vCards (RFC 6350, with their organization's name and addresses), a page at a time, so memory
// stays flat however many records there are. Used by GET /api/v1/<path>/export
// and `rapport export`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/record/record_service.h"

namespace rapport::domain {

enum class ExportFormat { kCsv, kNdjson, kVcard };

struct ExportRequest {
  ExportFormat format = ExportFormat::kCsv;
  std::string filter;               // the filter language; empty: all
  std::string sort;                 // as for lists; empty: by id
  std::vector<std::string> fields;  // the columns after id; empty: every active field (NDJSON: the whole record)
  bool include_deleted = false;
  int page_records = 1000;          // records read per page (per transaction)
};

// "csv", "ndjson" or "vcard" (people only); nullopt for anything else.
std::optional<ExportFormat> ParseExportFormat(std::string_view name);

class RecordExport {
 public:
  // Checks the request against the object's metadata and reads the first page, so that a bad
  // filter, sort or field is an error here (kInvalidArgument naming it) rather than in the middle
  // of the stream; kNotFound for an unknown object. Every page holds only what `caller` may see.
  static Result<RecordExport> Start(RecordService& records, Caller caller, std::string object, ExportRequest request);

  // The next part of the file: the CSV header with the first page, then a page at a time; nullopt
  // after the last. Each page is read in its own transaction, so a record changed while the export
  // runs is written as it was when its page was read (keyset paging never repeats or skips one).
  Result<std::optional<std::string>> Next();

  const std::string& object() const { return object_; }

 private:
  RecordExport(RecordService& records, Caller caller, std::string object, ExportRequest request,
               std::vector<std::string> columns)
      : records_(&records),
        caller_(std::move(caller)),
        object_(std::move(object)), request_(std::move(request)), columns_(std::move(columns)) {}

  Result<RecordPage> ReadPage();
  // The page as text in the request's format.
  Result<std::string> Render(const RecordPage& page);
  std::string Format(const RecordPage& page) const;
  Result<std::string> FormatVCards(const RecordPage& page);
  Result<std::vector<boost::json::object>> ListAll(std::string_view object, const std::string& filter);

  RecordService* records_;
  Caller caller_;
  std::string object_;
  ExportRequest request_;
  std::vector<std::string> columns_;  // CSV: "id", the fields, "created_at", "updated_at" (, "deleted_at")
  std::optional<RecordPage> first_;   // read by Start
  std::string after_;                 // the cursor of the next page; empty with done_
  bool started_ = false;
  bool done_ = false;
};

}  // namespace rapport::domain
