// Which field of an object each column of an imported CSV file feeds: suggested from the header
// (the field's name or label, or a header that other CRMs write in their exports, from the one
// table in column_mapping.cc) or given by the user ("Header=field"). Reads the registry snapshot it
// is given, so a custom field is mappable as soon as it exists. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "meta/object_def.h"

namespace rapport::domain {

// A mapping the user gave: header → field name; an empty field ignores the column.
using ExplicitMapping = std::vector<std::pair<std::string, std::string>>;

struct ColumnMapping {
  std::vector<std::string> headers;  // as in the file
  std::vector<std::string> fields;   // per column: the field it feeds; empty when it is ignored
  std::vector<std::string> ignored;  // the headers of the ignored columns, in file order
};

// "First Name" → "firstname": case, accents, spaces and punctuation do not count.
std::string HeaderKey(std::string_view header);

// The field `header` names on its own: an importable field whose name or label it is, else a
// common export header of another CRM (HubSpot, Salesforce, Pipedrive, Twenty, EspoCRM, ...) for
// a field the object has. Empty when none. `taken` are fields already fed by other columns: a
// header with a second choice ("Mobile": phone, else phones) takes the first free one. Fields that
// hold lists (further emails, tags) are never taken.
std::string SuggestField(const meta::ObjectDef& object, std::string_view header,
                         std::span<const std::string> taken = {});

// Parses "Header=field,Other Header=field" (a header ends at its last '='; spaces around both are
// trimmed; "Header=" ignores the column). kInvalidArgument (field "map") when an entry has no '='.
Result<ExplicitMapping> ParseMapping(std::string_view text);

// The mapping of a file with `headers`: the explicit entries first, then a suggestion for each
// other column, left to right. kInvalidArgument, each problem under "map", when an explicit entry
// names a header the file lacks or a field the object lacks, cannot be written (read-only) or is fed
// by two columns; and when the file has two columns of the same header that are mapped.
Result<ColumnMapping> MapColumns(const meta::ObjectDef& object, std::span<const std::string> headers,
                                 const ExplicitMapping& explicit_mapping);

// Whether an import may write `field`: active, not read-only.
bool Importable(const meta::FieldDef& field);

}  // namespace rapport::domain
