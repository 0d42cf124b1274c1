#include "tabular/jsonl_reader.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace sluice::tabular {
namespace {

// One field as owned strings, for comparing records after the reader moves on.
struct Field {
  std::string name;
  JsonKind kind;
  std::string text;
  friend bool operator==(const Field&, const Field&) = default;
};
using Row = std::vector<Field>;

void PrintTo(const Field& f, std::ostream* os) {
  *os << f.name << ":" << JsonKindName(f.kind) << ":" << f.text;
}

struct Read {
  Status status;
  std::vector<Row> rows;
  std::vector<uint64_t> lines;
  uint64_t bad_rows = 0;
};

Read ReadJsonl(const std::string& text, JsonlOptions options = {},
               size_t chunk = std::numeric_limits<size_t>::max()) {
  Read read;
  StringByteSource source(text, chunk);
  JsonlReader reader(source, options);
  JsonlRecord record;
  while (true) {
    Result<bool> more = reader.Next(&record);
    if (!more.ok()) {
      read.status = more.status();
      break;
    }
    if (!*more) break;
    Row row;
    for (const FlatField& f : record.fields) {
      row.push_back({std::string(f.name), f.kind, std::string(f.text)});
    }
    read.rows.push_back(row);
    read.lines.push_back(record.line);
  }
  read.bad_rows = reader.bad_rows();
  return read;
}

TEST(JsonlReaderTest, ReportsEachValueWithItsKind) {
  Read r = ReadJsonl(
      R"({"n":null,"b":true,"i":-42,"f":1.50,"e":1E3,"s":"h\u00e9 \"q\"","a":[1,"x",{"k":null}]})"
      "\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0], (Row{{"n", JsonKind::kNull, "null"},
                            {"b", JsonKind::kBool, "true"},
                            {"i", JsonKind::kInteger, "-42"},
                            {"f", JsonKind::kFloat, "1.50"},
                            {"e", JsonKind::kFloat, "1E3"},
                            {"s", JsonKind::kString, "h\xC3\xA9 \"q\""},
                            {"a", JsonKind::kArray, R"([1,"x",{"k":null}])"}}));
}

TEST(JsonlReaderTest, FlattensNestedObjectsToDottedNames) {
  Read r = ReadJsonl(R"({"a":{"b":1,"c":{"d":"x"},"e":{}},"f":2,"g":{"h":[{"i":1}]}})");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows[0], (Row{{"a.b", JsonKind::kInteger, "1"},
                            {"a.c.d", JsonKind::kString, "x"},
                            {"f", JsonKind::kInteger, "2"},
                            {"g.h", JsonKind::kArray, R"([{"i":1}])"}}));
}

TEST(JsonlReaderTest, IntegersBeyondSixtyFourBitsAreFloats) {
  Read r = ReadJsonl(
      R"({"max":9223372036854775807,"over":9223372036854775808,"min":-9223372036854775808})");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows[0], (Row{{"max", JsonKind::kInteger, "9223372036854775807"},
                            {"over", JsonKind::kFloat, "9223372036854775808"},
                            {"min", JsonKind::kInteger, "-9223372036854775808"}}));
}

TEST(JsonlReaderTest, SkipsBlankLinesAndAcceptsCrlfBomAndAMissingLastNewline) {
  Read r = ReadJsonl("\xEF\xBB\xBF{\"a\":1}\r\n\r\n   \n{\"a\":2}\n\t\n{\"a\":3}");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[2], (Row{{"a", JsonKind::kInteger, "3"}}));
  EXPECT_EQ(r.lines, (std::vector<uint64_t>{1, 4, 6}));
}

TEST(JsonlReaderTest, ErrorsNameTheLine) {
  Read bad_json = ReadJsonl("{\"a\":1}\n\n{\"a\":}\n");
  EXPECT_EQ(bad_json.status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_json.status.message().rfind("line 3: invalid JSON", 0), 0u)
      << bad_json.status.message();
  for (const char* not_object : {"[1,2]", "42", "\"s\"", "null"}) {
    Read r = ReadJsonl(std::string("{}\n") + not_object + "\n");
    EXPECT_EQ(r.status.message(), "line 2: expected a JSON object") << not_object;
  }
  EXPECT_EQ(ReadJsonl("{\"a\":1} {\"b\":2}\n").status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadJsonl("{\"a\":\"\xFF\"}\n").status.code(), StatusCode::kInvalidArgument);
}

TEST(JsonlReaderTest, ParseErrorMessagesArePrintableAndShort) {
  Read r = ReadJsonl("{\"a\":\"\xC3\xA9" + std::string(1000, 'x') + "\n");
  ASSERT_EQ(r.status.code(), StatusCode::kInvalidArgument);
  EXPECT_LT(r.status.message().size(), 300u);
  for (char c : r.status.message()) {
    EXPECT_TRUE(c >= 0x20 && c < 0x7F) << r.status.message();
  }
}

TEST(JsonlReaderTest, SkipsAndCountsBadLinesWhenAsked) {
  JsonlOptions options;
  options.skip_bad_rows = true;
  Read r = ReadJsonl("{\"a\":1}\nnot json\n[1]\n{\"a\":2}\n{\"a\":\n", options);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.lines, (std::vector<uint64_t>{1, 4}));
  EXPECT_EQ(r.bad_rows, 3u);
}

TEST(JsonlReaderTest, ALineOverTheLimitIsResourceExhausted) {
  JsonlOptions options;
  options.max_line_bytes = 10;
  options.skip_bad_rows = true;  // never skips an oversized line
  EXPECT_TRUE(ReadJsonl("{\"a\":1234}\r\n{\"a\":1}", options).status.ok());  // exactly 10
  Read r = ReadJsonl("{\"a\":1}\n{\"a\":12345}\n", options);
  EXPECT_EQ(r.status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(r.status.message(), "line 2: line exceeds 10 bytes");
  EXPECT_EQ(r.rows.size(), 1u);
}

TEST(JsonlReaderTest, FlatteningCannotBlowUpPastTheLimit) {
  // Each leaf name repeats the long key: 200 leaves x 1000 bytes from a 3 KB line.
  std::string line = "{\"" + std::string(1000, 'k') + "\":{";
  for (int i = 0; i < 200; ++i) line += (i ? ",\"" : "\"") + std::to_string(i) + "\":1";
  line += "}}\n";
  JsonlOptions options;
  options.max_line_bytes = 4096;
  Read r = ReadJsonl(line, options);
  EXPECT_EQ(r.status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(r.status.message(), "line 1: flattened record exceeds 4096 bytes");
}

TEST(JsonlReaderTest, DeepNestingIsReadWithoutRecursion) {
  std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}\n";
  Read r = ReadJsonl(deep);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows[0][0].kind, JsonKind::kArray);
}

TEST(JsonlReaderTest, OneByteReadsGiveTheSameRecordsAsOneLargeRead) {
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text += "{\"id\":" + std::to_string(i) + ",\"o\":{\"x\":[" + std::to_string(i) +
            "]},\"s\":\"v" + std::to_string(i) + "\"}" + (i % 2 ? "\r\n" : "\n");
    if (i % 30 == 0) text += "oops\n\n";
  }
  JsonlOptions options;
  options.skip_bad_rows = true;
  Read whole = ReadJsonl(text, options);
  ASSERT_TRUE(whole.status.ok()) << whole.status.ToString();
  EXPECT_EQ(whole.rows.size(), 100u);
  for (size_t chunk : {1, 2, 5, 64}) {
    Read pieces = ReadJsonl(text, options, chunk);
    EXPECT_EQ(pieces.rows, whole.rows) << chunk;
    EXPECT_EQ(pieces.lines, whole.lines) << chunk;
    EXPECT_EQ(pieces.bad_rows, whole.bad_rows) << chunk;
  }
}

}  // namespace
}  // namespace sluice::tabular
