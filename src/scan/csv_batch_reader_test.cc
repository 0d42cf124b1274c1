#include "scan/csv_batch_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "scan/test_data.h"
#include "tabular/csv_reader.h"

namespace sluice::scan {
namespace {

using tabular::CsvOptions;
using tabular::StringByteSource;

// Everything a reader reports, as one string: header, records with their lines, the final
// status and the bad-row count.
std::string ReferenceTranscript(const std::string& text, const CsvOptions& options, size_t chunk) {
  StringByteSource source(text, chunk);
  auto reader = tabular::CsvReader::Open(source, options);
  if (!reader.ok()) return "open error: " + reader.status().ToString();
  std::string out(1, reader->delimiter());
  for (const std::string& name : reader->column_names()) out += name + '\x1f';
  tabular::CsvRecord record;
  while (true) {
    auto more = reader->Next(&record);
    if (!more.ok()) return out + "error: " + more.status().ToString();
    if (!*more) break;
    out += '\x1e' + std::to_string(record.line);
    for (auto field : record.fields) out += std::string(field) + '\x1f';
  }
  return out + "bad=" + std::to_string(reader->bad_rows()) +
         " rows=" + std::to_string(reader->rows());
}

std::string BatchTranscript(const std::string& text, const CsvOptions& options, size_t chunk,
                            size_t target) {
  StringByteSource source(text, chunk);
  auto reader = CsvBatchReader::Open(source, options);
  if (!reader.ok()) return "open error: " + reader.status().ToString();
  std::string out(1, reader->delimiter());
  for (const std::string& name : reader->column_names()) out += name + '\x1f';
  const size_t columns = reader->column_names().size();
  CsvBatch batch;
  while (true) {
    auto more = reader->NextBatch(&batch, target);
    if (!more.ok()) return out + "error: " + more.status().ToString();
    if (!*more) break;
    if (batch.fields.size() != batch.records() * columns) return "bad field count";
    for (size_t r = 0; r < batch.records(); ++r) {
      out += '\x1e' + std::to_string(batch.lines[r]);
      for (size_t c = 0; c < columns; ++c) {
        const CsvField& f = batch.fields[r * columns + c];
        if (f.raw_begin > f.raw_end || f.raw_end > batch.text.size()) return "bad raw offsets";
        out += std::string(f.data, f.size) + '\x1f';
      }
    }
  }
  return out + "bad=" + std::to_string(reader->bad_rows()) +
         " rows=" + std::to_string(reader->rows());
}

void ExpectSameAsCsvReader(const std::string& text, CsvOptions options = {}) {
  for (bool skip : {false, true}) {
    options.skip_bad_rows = skip;
    const std::string expected = ReferenceTranscript(text, options, SIZE_MAX);
    for (size_t chunk : {size_t{1}, size_t{3}, size_t{64}, SIZE_MAX}) {
      for (size_t target : {size_t{1}, size_t{100}, size_t{1} << 20}) {
        EXPECT_EQ(BatchTranscript(text, options, chunk, target), expected)
            << "input: " << ::testing::PrintToString(text) << " skip " << skip << " chunk " << chunk
            << " target " << target;
      }
    }
  }
}

TEST(CsvBatchReaderTest, MatchesCsvReader) {
  for (const char* text : {
           "",
           "a,b\n1,2\n",
           "a,b\r\n1,2\r\n3,4",
           "a,b\r1,2\r3,4\r",
           "\xEF\xBB\xBF"
           "a;b\n1;2\n",
           "a\tb\n1\t2\n",
           "a,b\n\n\n1,2\n\r\n3,4\n",
           "a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n",
           "a,b\n\"multi\nline\r\nfield\",2\n3,4\n",
           "a,b\n\"\",\n,\n",
           "a,a,,b\n1,2,3,4\n",
           "a,b\n1,2,3\n4,5\n",
           "a,b\n1\n4,5\n",
           "a,b\n1,2\"x\n3,4\n",
           "a,b\n\"1\"x,2\n3,4\n",
           "a,b\n\"unterminated,2\n3,4\n",
           "\"bad\"header,b\n1,2\n",
           "a,b\n\"q\"",
           "a,b\n1,\"q\"\"",
           "a\n\"\r\n\"\n\"\r\r\"\n",
           "a\n\"x\"\r\n\"y\"\n",
           "only-header",
           "\n\n",
           "a,b\n1,2\n\"\n",
       }) {
    ExpectSameAsCsvReader(text);
  }
}

TEST(CsvBatchReaderTest, MatchesCsvReaderOnRecordLimits) {
  CsvOptions options;
  options.max_record_bytes = 8;
  for (const char* text : {
           "a,b\n12345,78\n",     // 8 bytes: fits
           "a,b\n12345,789\n",    // 9 bytes: too long
           "a,b\n12345,789",      // at the end of the data
           "a,b\n\"1234\",78\n",  // quoted, 9 bytes
           "a,b\n\"12\n34\",7\n",
           "a,b\n1\"2345678901\n",  // a stray quote inside the limit wins
           "a,b\n12345678\"9\n",    // a stray quote past it does not
           "abcdefghij,b\n1,2\n",   // the header too
       }) {
    ExpectSameAsCsvReader(text, options);
  }
}

TEST(CsvBatchReaderTest, MatchesCsvReaderOnGeneratedTables) {
  testing::TestData t(99);
  std::string text = "email,notes,card\n";
  for (int i = 0; i < 3000; ++i) {
    text += t.Email() + ",\"a \"\"quoted\"\", multi\nline note " + std::to_string(i) + "\"," +
            t.Card() + (i % 7 == 0 ? "\r\n" : "\n");
  }
  const std::string expected = ReferenceTranscript(text, {}, SIZE_MAX);
  EXPECT_EQ(BatchTranscript(text, {}, SIZE_MAX, 64 * 1024), expected);
  EXPECT_EQ(BatchTranscript(text, {}, 1000, 4096), expected);
}

// The 64-byte fast path (FastRecords) takes records of at least a block's worth of window:
// random long records built from pieces that stress its hand-off to the state machine (quotes
// in every position, doubled quotes, CR, CRLF, line breaks inside quotes, blank lines, wrong
// widths, records near max_record_bytes) must read exactly as CsvReader reads them.
TEST(CsvBatchReaderTest, MatchesCsvReaderOnRandomLongRecords) {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {
      "abcdefghijklmnopqrstuvwxyz",
      "0123456789",
      ",",
      ",",
      ",",
      "\n",
      "\n",
      "\"",
      "\"\"",
      "\"quoted, with comma\"",
      "\"q\"",
      "\r\n",
      "\r",
      " ",
      "x",
      "\"multi\nline\"",
      ",,",
  };
  for (int round = 0; round < 400; ++round) {
    std::string text = "a,b,c,d\n";
    const int n = 5 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      // Mostly well-formed 4-field records, long enough for the fast path, with some noise.
      if (rng() % 4 != 0) {
        const int width = rng() % 20 == 0 ? 3 : 4;
        for (int f = 0; f < width; ++f) {
          if (f > 0) text += ',';
          const std::string body(rng() % 40, static_cast<char>('a' + rng() % 26));
          const std::string forms[] = {"\"" + body + ", x\"",
                                       "\"" + body + "\n" + body + "\"",
                                       "\"" + body + "\"\"" + body + "\"",
                                       "\"" + body + "\r\n\"",
                                       "\"\"",
                                       body};
          text += forms[std::min<size_t>(rng() % 8, 5)];
        }
        text += rng() % 10 == 0 ? "\r\n" : "\n";
      } else {
        text += pieces[rng() % pieces.size()];
      }
    }
    CsvOptions options;
    if (round % 5 == 0) options.max_record_bytes = 40 + rng() % 120;
    for (bool skip : {false, true}) {
      options.skip_bad_rows = skip;
      const std::string expected = ReferenceTranscript(text, options, SIZE_MAX);
      for (size_t chunk : {size_t{7}, size_t{100}, SIZE_MAX}) {
        ASSERT_EQ(BatchTranscript(text, options, chunk, 256), expected)
            << "input: " << ::testing::PrintToString(text) << " skip " << skip << " chunk " << chunk
            << " max " << options.max_record_bytes;
      }
    }
  }
}

}  // namespace
}  // namespace sluice::scan
