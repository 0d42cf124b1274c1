#include "scan/csv_batch_reader.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace sluice::scan
