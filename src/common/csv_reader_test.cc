#include "common/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rapport {
namespace {

// Rows as "number:cell|cell" or "number!error", one per row.
std::vector<std::string> ReadAll(CsvReader reader) {
  std::vector<std::string> out;
  CsvRow row;
  while (reader.Next(row)) {
    std::string line = std::to_string(row.number);
    if (!row.error.empty()) {
      out.push_back(line + "!" + row.error);
      continue;
    }
    line += ":";
    for (std::size_t i = 0; i < row.cells.size(); ++i) line += (i ? "|" : "") + row.cells[i];
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> Read(std::string_view text, CsvOptions options = {}) {
  return ReadAll(CsvReader::FromString(text, options));
}

// The same input handed over one byte at a time: chunk boundaries fall everywhere.
std::vector<std::string> ReadByteByByte(const std::string& text) {
  return ReadAll(CsvReader([&text, offset = std::size_t{0}](char* buffer, std::size_t) mutable -> std::size_t {
    if (offset == text.size()) return 0;
    buffer[0] = text[offset++];
    return 1;
  }));
}

using Rows = std::vector<std::string>;

TEST(CsvReaderTest, ReadsRfc4180) {
  const std::string text = "name,note\r\nAda,\"says \"\"hi\"\"\"\r\n\"Lovelace, A.\",\"two\r\nlines\"\r\nx,\r\n";
  const Rows expected = {"1:name|note", "2:Ada|says \"hi\"", "3:Lovelace, A.|two\r\nlines", "4:x|"};
  EXPECT_EQ(Read(text), expected);
  EXPECT_EQ(ReadByteByByte(text), expected);
}

TEST(CsvReaderTest, LineEndsLfCrlfAndCrAndNoFinalBreak) {
  EXPECT_EQ(Read("a\nb\r\nc\rd"), (Rows{"1:a", "2:b", "3:c", "4:d"}));
}

TEST(CsvReaderTest, BlankLinesAreSkippedButCounted) {
  EXPECT_EQ(Read("h\n\nx\r\n\r\ny\n\n"), (Rows{"1:h", "3:x", "5:y"}));
}

TEST(CsvReaderTest, QuotedLineBreaksDoNotStartARow) {
  EXPECT_EQ(Read("h,i\n\"a\nb\nc\",1\nz,2\n"), (Rows{"1:h|i", "2:a\nb\nc|1", "3:z|2"}));
}

TEST(CsvReaderTest, DropsTheByteOrderMark) {
  CsvReader reader = CsvReader::FromString("\xEF\xBB\xBF" "email;name\nx@y.z;A\n");
  EXPECT_EQ(ReadAll(std::move(reader)), (Rows{"1:email|name", "2:x@y.z|A"}));
  EXPECT_EQ(ReadByteByByte("\xEF\xBB\xBF\"a\",b\n"), (Rows{"1:a|b"}));
}

TEST(CsvReaderTest, SniffsTheDelimiterFromTheHeader) {
  CsvReader semicolon = CsvReader::FromString("a;b,c;d\n1;2,3;4\n");
  CsvRow row;
  ASSERT_TRUE(semicolon.Next(row));
  EXPECT_EQ(semicolon.delimiter(), ';');
  EXPECT_EQ(row.cells, (std::vector<std::string>{"a", "b,c", "d"}));
  EXPECT_EQ(Read("a\tb\t\"c;d,e\"\n1\t2\t3\n"), (Rows{"1:a|b|c;d,e", "2:1|2|3"}));
  EXPECT_EQ(Read("\"x;y;z\",w\n"), (Rows{"1:x;y;z|w"}));  // inside quotes does not count
  EXPECT_EQ(Read("single\nvalue\n"), (Rows{"1:single", "2:value"}));
}

TEST(CsvReaderTest, AGivenDelimiterWins) {
  EXPECT_EQ(Read("a;b,c\n", CsvOptions{.delimiter = ','}), (Rows{"1:a;b|c"}));
}

TEST(CsvReaderTest, AQuoteInsideAnUnquotedCellIsKept) {
  EXPECT_EQ(Read("a,b\n5\" screen,x\"y\"\n"), (Rows{"1:a|b", "2:5\" screen|x\"y\""}));
}

TEST(CsvReaderTest, TextAfterAClosingQuoteSpoilsOnlyItsRow) {
  EXPECT_EQ(Read("a,b\n\"x\"y,1\n2,\"q\"\n"),
            (Rows{"1:a|b", "2!cell 1 has text after its closing quote", "3:2|q"}));
}

TEST(CsvReaderTest, AnUnclosedQuoteAtTheEndIsAnError) {
  EXPECT_EQ(Read("a,b\n1,\"open\nmore\n"),
            (Rows{"1:a|b", "2!cell 2 opens a quote that is not closed before the end of the input"}));
}

TEST(CsvReaderTest, LimitsSpoilTheRowNotTheReader) {
  CsvOptions options{.max_cell_bytes = 4, .max_cells = 3};
  EXPECT_EQ(Read("abcd,\"ab\ncde\",x\n1,2,3,4\nok\n", options),
            (Rows{"1!cell 2 is longer than 4 bytes", "2!the row has more than 3 cells", "3:ok"}));
}

TEST(CsvReaderTest, EmptyInputHasNoRows) {
  EXPECT_EQ(Read(""), Rows{});
  EXPECT_EQ(Read("\xEF\xBB\xBF"), Rows{});
  EXPECT_EQ(Read("\n\r\n"), Rows{});
  EXPECT_EQ(Read("\"\""), (Rows{"1:"}));
}

TEST(CsvReaderTest, ReadsAcrossChunks) {
  std::string text = "id,text\n";
  for (int i = 0; i < 5000; ++i) text += std::to_string(i) + ",\"" + std::string(40, 'x') + "\n\"\"y\"\"\"\n";
  CsvReader reader = CsvReader::FromString(text);
  CsvRow row;
  int n = 0;
  while (reader.Next(row)) {
    ASSERT_TRUE(row.error.empty());
    if (n > 0) {
      ASSERT_EQ(row.cells.size(), 2u);
      EXPECT_EQ(row.cells[0], std::to_string(n - 1));
      EXPECT_EQ(row.cells[1], std::string(40, 'x') + "\n\"y\"");
      EXPECT_EQ(row.number, n + 1);
    }
    ++n;
  }
  EXPECT_EQ(n, 5001);
  EXPECT_EQ(reader.bytes_read(), text.size());
}

}  // namespace
}  // namespace rapport
