// A streaming CSV reader (RFC 4180) for imports: reads a source of any size in fixed chunks and
// hands out one row at a time, so memory stays flat. Not thread-safe; one reader per stream.
//
// What it reads: cells separated by ',', ';' or tab (given, or sniffed from the header line: the
// one of the three that occurs most often outside quotes in it, ',' on a tie or when none does);
// rows ended by LF, CRLF or CR; cells in double quotes may hold the delimiter, line breaks and
// doubled quotes (""); a UTF-8 byte order mark at the start is dropped. Bytes are passed through
// as they are: the caller checks UTF-8 (common/utf8.h).
//
// Row numbers count rows as a spreadsheet shows them: the header is row 1, a line break inside a
// quoted cell does not start a row, and a blank line is a row of its own (skipped, never returned).
//
// It is lenient where real exports are sloppy and strict where data would be lost:
//   - a quote inside an unquoted cell (5" screen) is kept as a character;
//   - text after a closing quote ("a"b) makes the row malformed; reading goes on at the next line;
//   - a quoted cell still open at the end of the input makes the last row malformed;
//   - a cell over max_cell_bytes, or a row over max_cells cells, makes the row malformed (its
//     cells are not kept, so a runaway quote cannot take memory).
// A malformed row is still returned, with `error` saying why and no cells, so that the caller can
// report it by number.
//
// Why not libcsv (Debian's libcsv-dev), which was tried first: in its strict mode the first
// malformed quote stops the whole parse with no way to go on at the next record, and in its lenient
// mode a stray `"a"b` swallows the rest of the file into one cell. An import must report that one
// row and import the others; the state machine below is the few lines that takes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

struct CsvRow {
  std::int64_t number = 0;  // the row's number in the file, the header being row 1
  std::vector<std::string> cells;
  std::string error;  // empty for a well-formed row; else why it is malformed (cells empty)
};

struct CsvOptions {
  char delimiter = 0;  // ',', ';' or '\t'; 0: sniffed from the header line
  std::size_t max_cell_bytes = 1 << 20;
  std::size_t max_cells = 2000;
};

class CsvReader {
 public:
  // Fills `buffer` with up to `capacity` bytes and returns how many; 0 at the end of the input.
  using Source = std::function<std::size_t(char* buffer, std::size_t capacity)>;

  static constexpr std::size_t kChunkBytes = 64 * 1024;

  explicit CsvReader(Source source, CsvOptions options = {});

  // A reader of `text`, which must outlive the reader.
  static CsvReader FromString(std::string_view text, CsvOptions options = {});

  // The next row (blank lines skipped); false when the input is exhausted.
  bool Next(CsvRow& row);

  // The delimiter in use: the given one, or once the first row is read the sniffed one.
  char delimiter() const { return options_.delimiter; }
  // Bytes of input consumed so far (the BOM included).
  std::uint64_t bytes_read() const { return bytes_read_; }

 private:
  enum class State { kCellStart, kUnquoted, kQuoted, kQuoteInQuoted, kSkipLine };

  bool Fill();
  void Start();
  void EndCell();
  void Append(char c);
  void Fail(std::string why);

  Source source_;
  CsvOptions options_;
  std::unique_ptr<char[]> buffer_;  // kChunkBytes, not zeroed
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::uint64_t bytes_read_ = 0;
  bool started_ = false;
  bool eof_ = false;
  bool skip_lf_ = false;  // a CR ended the last row: a LF right after it belongs to it

  State state_ = State::kCellStart;
  std::int64_t next_number_ = 1;  // the number of the row being read
  CsvRow* row_ = nullptr;
  std::string cell_;
  bool row_has_content_ = false;  // anything but a line break was read for this row
  bool cell_quoted_ = false;
};

}  // namespace rapport
