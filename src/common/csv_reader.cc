#include "common/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <utility>

namespace rapport {
namespace {

// The delimiter of a header line: the most frequent of ',', ';' and tab outside quotes.
char SniffDelimiter(std::string_view head) {
  std::size_t comma = 0;
  std::size_t semicolon = 0;
  std::size_t tab = 0;
  bool quoted = false;
  for (char c : head) {
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\n' || c == '\r') {
      break;
    } else if (c == ',') {
      ++comma;
    } else if (c == ';') {
      ++semicolon;
    } else if (c == '\t') {
      ++tab;
    }
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

}  // namespace

CsvReader::CsvReader(Source source, CsvOptions options)
    : source_(std::move(source)), options_(options), buffer_(new char[kChunkBytes]) {}

CsvReader CsvReader::FromString(std::string_view text, CsvOptions options) {
  return CsvReader(
      [text, offset = std::size_t{0}](char* buffer, std::size_t capacity) mutable {
        const std::size_t n = std::min(capacity, text.size() - offset);
        std::memcpy(buffer, text.data() + offset, n);
        offset += n;
        return n;
      },
      options);
}

// Reads until the buffer holds the header line (or is full, or the input ends), drops a BOM and
// sniffs the delimiter.
void CsvReader::Start() {
  started_ = true;
  bool quoted = false;
  std::size_t scanned = 0;
  auto has_line = [&] {  // a line break outside quotes in what was read so far
    for (; scanned < end_; ++scanned) {
      const char c = buffer_[scanned];
      if (c == '"') quoted = !quoted;
      if (!quoted && (c == '\n' || c == '\r')) return true;
    }
    return false;
  };
  while (end_ < kChunkBytes && !has_line()) {
    const std::size_t n = source_(buffer_.get() + end_, kChunkBytes - end_);
    if (n == 0) {
      eof_ = true;
      break;
    }
    end_ += n;
    bytes_read_ += n;
  }
  if (end_ >= 3 && std::memcmp(buffer_.get(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  if (options_.delimiter == 0) {
    options_.delimiter = SniffDelimiter(std::string_view(buffer_.get() + pos_, end_ - pos_));
  }
}

bool CsvReader::Fill() {
  if (eof_) return false;
  pos_ = 0;
  end_ = source_(buffer_.get(), kChunkBytes);
  bytes_read_ += end_;
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

void CsvReader::Fail(std::string why) {
  if (row_->error.empty()) row_->error = std::move(why);
  row_->cells.clear();
  cell_.clear();
}

void CsvReader::Append(char c) {
  if (!row_->error.empty()) return;
  if (cell_.size() >= options_.max_cell_bytes) {
    Fail(fmt::format("cell {} is longer than {} bytes", row_->cells.size() + 1, options_.max_cell_bytes));
    return;
  }
  cell_.push_back(c);
}

void CsvReader::EndCell() {
  if (!row_->error.empty()) return;
  if (row_->cells.size() >= options_.max_cells) {
    Fail(fmt::format("the row has more than {} cells", options_.max_cells));
    return;
  }
  row_->cells.push_back(std::move(cell_));
  cell_.clear();
}

bool CsvReader::Next(CsvRow& row) {
  row.cells.clear();
  row.error.clear();
  row_ = &row;
  if (!started_) Start();
  const char delimiter = options_.delimiter;
  auto finish = [&] {
    row.number = next_number_++;
    if (!row.error.empty()) row.cells.clear();
    state_ = State::kCellStart;
    row_has_content_ = false;
    cell_.clear();
    return true;
  };
  for (;;) {
    if (pos_ == end_ && !Fill()) {
      switch (state_) {
        case State::kQuoted:
          Fail(fmt::format("cell {} opens a quote that is not closed before the end of the input",
                           row.cells.size() + 1));
          return finish();
        case State::kSkipLine:
          return finish();
        default:
          if (!row_has_content_) return false;
          EndCell();
          return finish();
      }
    }
    const char c = buffer_[pos_++];
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') continue;
    }
    switch (state_) {
      case State::kSkipLine:
        if (c == '\n' || c == '\r') {
          skip_lf_ = c == '\r';
          return finish();
        }
        continue;
      case State::kQuoted:
        if (c == '"') {
          state_ = State::kQuoteInQuoted;
        } else {
          Append(c);
        }
        continue;
      case State::kQuoteInQuoted:
        if (c == '"') {
          Append('"');
          state_ = State::kQuoted;
        } else if (c == delimiter) {
          EndCell();
          state_ = State::kCellStart;
        } else if (c == '\n' || c == '\r') {
          skip_lf_ = c == '\r';
          EndCell();
          return finish();
        } else {
          Fail(fmt::format("cell {} has text after its closing quote", row.cells.size() + 1));
          state_ = State::kSkipLine;
        }
        continue;
      case State::kCellStart:
        if (c == '"') {
          state_ = State::kQuoted;
          row_has_content_ = true;
          continue;
        }
        [[fallthrough]];
      case State::kUnquoted:
        if (c == delimiter) {
          row_has_content_ = true;
          EndCell();
          state_ = State::kCellStart;
        } else if (c == '\n' || c == '\r') {
          skip_lf_ = c == '\r';
          if (!row_has_content_) {
            ++next_number_;  // a blank line: a row of its own, with nothing to return
            continue;
          }
          EndCell();
          return finish();
        } else {
          row_has_content_ = true;
          Append(c);
          state_ = State::kUnquoted;
        }
        continue;
    }
  }
}

}  // namespace rapport
