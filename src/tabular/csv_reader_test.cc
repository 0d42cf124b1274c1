#include "tabular/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "tabular/column_names.h"
#include "tabular/csv_delimiter.h"

namespace sluice::tabular {
namespace {

using ::testing::ElementsAre;
using Rows = std::vector<std::vector<std::string>>;

// Everything a reader produced from one input.
struct Read {
  Status status;  // the first error, from Open or Next
  std::vector<std::string> columns;
  char delimiter = '\0';
  Rows rows;
  std::vector<uint64_t> lines;
  uint64_t bad_rows = 0;
};

Read ReadCsv(const std::string& text, CsvOptions options = {},
             size_t chunk = std::numeric_limits<size_t>::max()) {
  Read read;
  StringByteSource source(text, chunk);
  Result<CsvReader> reader = CsvReader::Open(source, options);
  if (!reader.ok()) {
    read.status = reader.status();
    return read;
  }
  read.columns = reader->column_names();
  read.delimiter = reader->delimiter();
  CsvRecord record;
  while (true) {
    Result<bool> more = reader->Next(&record);
    if (!more.ok()) {
      read.status = more.status();
      break;
    }
    if (!*more) break;
    read.rows.emplace_back(record.fields.begin(), record.fields.end());
    read.lines.push_back(record.line);
  }
  read.bad_rows = reader->bad_rows();
  return read;
}

TEST(CsvReaderTest, ReadsHeaderAndRecords) {
  Read r = ReadCsv("id,name\n1,ada\n2,grace\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_THAT(r.columns, ElementsAre("id", "name"));
  EXPECT_EQ(r.rows, (Rows{{"1", "ada"}, {"2", "grace"}}));
  EXPECT_THAT(r.lines, ElementsAre(2, 3));
}

TEST(CsvReaderTest, QuotedFieldsMayHoldDelimitersAndDoubledQuotes) {
  Read r = ReadCsv("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"\",\"\"\"\"\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"x,y", "say \"hi\""}, {"", "\""}}));
}

TEST(CsvReaderTest, QuotedFieldsKeepEmbeddedLineBreaksAndLinesStillCount) {
  Read r = ReadCsv("a,b\r\n\"one\r\ntwo\",x\r\n\"3\n4\n5\",y\r\nlast,z\r\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"one\r\ntwo", "x"}, {"3\n4\n5", "y"}, {"last", "z"}}));
  EXPECT_THAT(r.lines, ElementsAre(2, 4, 7));
}

TEST(CsvReaderTest, AcceptsLfCrlfAndLoneCrLineBreaks) {
  Rows expected{{"1", "2"}, {"3", "4"}};
  for (const char* text :
       {"a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4\r", "a,b\n1,2\r\n3,4"}) {
    Read r = ReadCsv(text);
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.rows, expected) << text;
    EXPECT_THAT(r.lines, ElementsAre(2, 3)) << text;
  }
}

TEST(CsvReaderTest, SkipsAByteOrderMark) {
  Read r = ReadCsv("\xEF\xBB\xBFid;name\n1;x\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_THAT(r.columns, ElementsAre("id", "name"));
  EXPECT_EQ(r.delimiter, ';');
}

TEST(CsvReaderTest, DetectsSemicolonTabAndPipe) {
  EXPECT_EQ(ReadCsv("a;b;c\n1,5;2;3\n").delimiter, ';');
  EXPECT_EQ(ReadCsv("a\tb\n1,2\t3\n").delimiter, '\t');
  EXPECT_EQ(ReadCsv("a|b\n1|2\n").delimiter, '|');
  EXPECT_EQ(ReadCsv("a,b\n1,2\n").delimiter, ',');
  EXPECT_EQ(ReadCsv("single\n1\n").delimiter, ',');
  Read r = ReadCsv("a;b;c\n\"1;x\";2,5;3\n");
  EXPECT_EQ(r.rows, (Rows{{"1;x", "2,5", "3"}}));
}

TEST(CsvReaderTest, DetectionPrefersADelimiterThatIsConsistentAcrossLines) {
  // Two commas in the header but a varying count below; the semicolon is steady.
  EXPECT_EQ(DetectCsvDelimiter("a,x;b,y\n1;2\n3,4,5;6\n", true), ';');
  // A delimiter inside quotes does not count.
  EXPECT_EQ(DetectCsvDelimiter("\"a,b\"|c\n\"1,2\"|3\n", true), '|');
  // An unfinished last line of a cut sample is ignored: here it would make ';' look uneven.
  EXPECT_EQ(DetectCsvDelimiter("a|b;c;d\n1|2;3;4\n5|6", false), ';');
  EXPECT_EQ(DetectCsvDelimiter("a|b;c;d\n1|2;3;4\n5|6", true), '|');
}

TEST(CsvReaderTest, UsesAnExplicitDelimiter) {
  CsvOptions options;
  options.delimiter = '|';
  Read r = ReadCsv("a,b|c\n1,2|3\n", options);
  EXPECT_THAT(r.columns, ElementsAre("a,b", "c"));
  options.delimiter = '"';
  EXPECT_EQ(ReadCsv("a\n", options).status.code(), StatusCode::kInvalidArgument);
}

TEST(CsvReaderTest, MakesHeaderNamesNonEmptyAndUnique) {
  EXPECT_THAT(ReadCsv("a,,a,a,\n1,2,3,4,5\n").columns,
              ElementsAre("a", "column_2", "a_2", "a_3", "column_5"));
  EXPECT_THAT(MakeUniqueColumnNames({"a", "a", "a_2"}), ElementsAre("a", "a_3", "a_2"));
  EXPECT_THAT(MakeUniqueColumnNames({"", "column_1"}), ElementsAre("column_1_2", "column_1"));
}

TEST(CsvReaderTest, BlankLinesAreSkippedButAnEmptyQuotedFieldIsARecord) {
  Read r = ReadCsv("\n\na\n\n1\n\"\"\n\n2");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_THAT(r.columns, ElementsAre("a"));
  EXPECT_EQ(r.rows, (Rows{{"1"}, {""}, {"2"}}));
  EXPECT_THAT(r.lines, ElementsAre(5, 6, 8));
}

TEST(CsvReaderTest, EmptyFieldsAndEmptyInput) {
  Read r = ReadCsv("a,b,c\n,,\n");
  EXPECT_EQ(r.rows, (Rows{{"", "", ""}}));
  Read empty = ReadCsv("");
  EXPECT_TRUE(empty.status.ok());
  EXPECT_TRUE(empty.columns.empty());
  EXPECT_TRUE(empty.rows.empty());
}

TEST(CsvReaderTest, ErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"a,b\n1,2\n3,\"open\n\n", "line 3: unterminated quoted field"},
           Case{"a,b\n1,2\n3,4\nx\"y,5\n", "line 4: stray quote in unquoted field"},
           Case{"a,b\n\"1\"x,2\n", "line 2: unexpected character after closing quote"},
           Case{"a,b\n1,2\n\"multi\nline\",2,3\n", "line 3: expected 2 fields, found 3"},
           Case{"a,b\n1\n", "line 2: expected 2 fields, found 1"},
           Case{"a,\"b\n", "line 1: unterminated quoted field"},
       }) {
    Read r = ReadCsv(c.text);
    EXPECT_EQ(r.status.code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(r.status.message(), c.message) << c.text;
  }
}

TEST(CsvReaderTest, ReportsTheLineOfARecordFarIntoTheFile) {
  std::string text = "a,b,c\n";
  for (int i = 2; i < 17; ++i) text += "1,2,3\n";
  text += "1,2\n";
  EXPECT_EQ(ReadCsv(text).status.message(), "line 17: expected 3 fields, found 2");
}

TEST(CsvReaderTest, SkipsAndCountsBadRowsWhenAsked) {
  CsvOptions options;
  options.skip_bad_rows = true;
  Read r = ReadCsv("a,b\n1,2\nx\"y,3\n\"q\"z,4\n5\n6,7,8\n9,10\n\"open,11\n", options);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1", "2"}, {"9", "10"}}));
  EXPECT_THAT(r.lines, ElementsAre(2, 7));
  EXPECT_EQ(r.bad_rows, 5u);
}

TEST(CsvReaderTest, AMalformedHeaderIsAnErrorEvenWhenSkipping) {
  CsvOptions options;
  options.skip_bad_rows = true;
  EXPECT_EQ(ReadCsv("a\"b,c\n1,2\n", options).status.message(),
            "line 1: stray quote in unquoted field");
}

TEST(CsvReaderTest, ARecordOverTheLimitIsResourceExhausted) {
  CsvOptions options;
  options.max_record_bytes = 8;
  options.skip_bad_rows = true;                   // never skips an oversized record
  Read ok = ReadCsv("a,b\n1234,678\n", options);  // exactly 8 bytes
  EXPECT_TRUE(ok.status.ok()) << ok.status.ToString();
  Read big = ReadCsv("a,b\n1,2\n12345,789\n", options);
  EXPECT_EQ(big.status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(big.status.message(), "line 3: record exceeds 8 bytes");
  EXPECT_EQ(big.rows, (Rows{{"1", "2"}}));
  // An unbalanced quote runs into the limit rather than reading the whole input into memory.
  Read runaway = ReadCsv("a\n\"" + std::string(1000, 'x') + "\n", options);
  EXPECT_EQ(runaway.status.code(), StatusCode::kResourceExhausted);
}

TEST(CsvReaderTest, ErrorsAreSticky) {
  StringByteSource source("a\n\"open\n");
  Result<CsvReader> reader = CsvReader::Open(source);
  ASSERT_TRUE(reader.ok());
  CsvRecord record;
  Status first = reader->Next(&record).status();
  EXPECT_FALSE(first.ok());
  EXPECT_EQ(reader->Next(&record).status().message(), first.message());
}

TEST(CsvReaderTest, OneByteReadsGiveTheSameRecordsAsOneLargeRead) {
  std::string text = "\xEF\xBB\xBF\"id\";\"note\";n\r\n";
  for (int i = 0; i < 200; ++i) {
    text += std::to_string(i) + ";\"line\r\nbreak \"\"" + std::to_string(i) + "\"\"\";" +
            (i % 3 == 0 ? "" : "x") + (i % 2 == 0 ? "\r\n" : "\n");
    if (i % 50 == 0) text += "\n";
  }
  text += "bad\"row;1;2\n";
  CsvOptions options;
  options.skip_bad_rows = true;
  Read whole = ReadCsv(text, options);
  ASSERT_TRUE(whole.status.ok()) << whole.status.ToString();
  EXPECT_EQ(whole.rows.size(), 200u);
  EXPECT_EQ(whole.bad_rows, 1u);
  for (size_t chunk : {1, 2, 3, 7, 64}) {
    Read pieces = ReadCsv(text, options, chunk);
    EXPECT_EQ(pieces.delimiter, whole.delimiter) << chunk;
    EXPECT_EQ(pieces.columns, whole.columns) << chunk;
    EXPECT_EQ(pieces.rows, whole.rows) << chunk;
    EXPECT_EQ(pieces.lines, whole.lines) << chunk;
    EXPECT_EQ(pieces.bad_rows, whole.bad_rows) << chunk;
  }
}

}  // namespace
}  // namespace sluice::tabular
