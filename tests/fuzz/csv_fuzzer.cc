// libFuzzer target: one CSV file as an import receives it, through the streaming reader
// (common/csv_reader.h) and the column mapping of its header (domain/import/column_mapping.h).
// The first byte picks the delimiter (given or sniffed), the limits and a chunk size of 1 to 16
// bytes; the rest is the file. Besides crashes and sanitizer reports it traps when an invariant
// breaks: the rows differ when the same input arrives all at once and in chunks of that size, row
// numbers do not increase, a malformed row keeps cells or has no reason, a row or cell is over its
// limit, the reader does not consume the whole input, or the mapping of the header fails or feeds
// a field twice. See docs/fuzzing.md.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv_reader.h"
#include "domain/import/column_mapping.h"
#include "meta/object_def_json.h"
#include "meta/registry.h"

namespace {

using rapport::CsvOptions;
using rapport::CsvReader;
using rapport::CsvRow;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

const rapport::meta::ObjectDef& Person() {
  static const std::shared_ptr<const rapport::meta::Registry> registry = [] {
    auto objects = rapport::meta::BuiltinObjects();
    Check(objects.ok());
    auto built = rapport::meta::Registry::Build(std::move(*objects), 1);
    Check(built.ok());
    return std::move(*built);
  }();
  return *registry->FindObject("person");
}

// Every row of `text` read in chunks of `chunk` bytes (0: all at once), checked as it comes.
std::vector<CsvRow> ReadAll(std::string_view text, std::size_t chunk, const CsvOptions& options) {
  std::size_t offset = 0;
  CsvReader reader(
      [&](char* buffer, std::size_t capacity) -> std::size_t {
        std::size_t n = std::min(capacity, text.size() - offset);
        if (chunk != 0) n = std::min(n, chunk);
        std::memcpy(buffer, text.data() + offset, n);
        offset += n;
        return n;
      },
      options);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::int64_t last = 0;
  while (reader.Next(row)) {
    Check(row.number > last);
    last = row.number;
    if (!row.error.empty()) Check(row.cells.empty());
    if (row.error.empty()) Check(!row.cells.empty() && row.cells.size() <= options.max_cells);
    for (const std::string& cell : row.cells) Check(cell.size() <= options.max_cell_bytes);
    rows.push_back(row);
  }
  Check(reader.bytes_read() == text.size());
  Check(!reader.Next(row));  // stays at the end
  const char d = reader.delimiter();
  Check(d == ',' || d == ';' || d == '\t');
  return rows;
}

bool Same(const std::vector<CsvRow>& a, const std::vector<CsvRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].number != b[i].number || a[i].cells != b[i].cells || a[i].error != b[i].error) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  CsvOptions options;
  constexpr char kDelimiters[] = {0, ',', ';', '\t'};
  options.delimiter = kDelimiters[mode & 3];
  if (mode & 4) {
    options.max_cell_bytes = 8;
    options.max_cells = 4;
  }
  const std::vector<CsvRow> whole = ReadAll(text, 0, options);
  Check(Same(whole, ReadAll(text, 1 + (mode >> 3) % 16, options)));

  // The header of the file, mapped onto a person as an import maps it.
  if (!whole.empty() && whole[0].error.empty() && whole[0].cells.size() <= 64) {
    auto mapping = rapport::domain::MapColumns(Person(), whole[0].cells, {});
    Check(mapping.ok());
    Check(mapping->fields.size() == whole[0].cells.size());
    std::vector<std::string> fed;
    for (const std::string& f : mapping->fields) {
      if (f.empty()) continue;
      const rapport::meta::FieldDef* def = Person().FindField(f);
      Check(def != nullptr && rapport::domain::Importable(*def));
      const bool list = def->multiple || def->type == rapport::meta::FieldType::kLinkMany ||
                        def->type == rapport::meta::FieldType::kMultiEnum;
      Check(list || std::find(fed.begin(), fed.end(), f) == fed.end());
      fed.push_back(f);
    }
  }
  // The --map option's syntax on the same bytes.
  auto explicit_mapping = rapport::domain::ParseMapping(text);
  if (explicit_mapping.ok() && !whole.empty() && whole[0].error.empty() && whole[0].cells.size() <= 64) {
    auto mapped = rapport::domain::MapColumns(Person(), whole[0].cells, *explicit_mapping);
    Check(mapped.ok() || mapped.error().code == rapport::ErrorCode::kInvalidArgument);
  }
  return 0;
}
