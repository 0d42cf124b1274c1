// libFuzzer target: Scan must never crash, hang or exceed its limits on arbitrary bytes, read
// as CSV and as JSON Lines, and its report must always dump as JSON (valid UTF-8); and the
// scanner's own CSV reader (CsvBatchReader) must read exactly what tabular::CsvReader reads:
// the same records, lines, errors and bad-row counts. The first byte picks the options and
// chunk size; the rest is the file.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "scan/csv_batch_reader.h"
#include "scan/scanner.h"
#include "tabular/csv_reader.h"

namespace {

const sluice::scan::Scanner& GetScanner() {
  static const sluice::scan::Scanner* scanner = [] {
    auto made = sluice::scan::Scanner::Make();
    if (!made.ok()) __builtin_trap();
    return std::move(made).value().release();
  }();
  return *scanner;
}

void Check(const std::string& text, sluice::tabular::Format format,
           const sluice::scan::ScanOptions& options, size_t chunk) {
  sluice::tabular::StringByteSource source(text, chunk);
  auto report = GetScanner().Scan(source, format, options);
  if (!report.ok()) return;
  if (report->bytes != text.size()) __builtin_trap();
  for (const auto& column : report->columns) {
    if (column.values + column.nulls != report->rows) __builtin_trap();
    if (column.validated > column.candidates) __builtin_trap();
    if (column.top_values.size() > options.top_values) __builtin_trap();
  }
  (void)sluice::scan::ToJson(*report).dump();  // throws (and aborts) on invalid UTF-8
}

std::string ReferenceTranscript(const std::string& text, const sluice::tabular::CsvOptions& options,
                                size_t chunk) {
  sluice::tabular::StringByteSource source(text, chunk);
  auto reader = sluice::tabular::CsvReader::Open(source, options);
  if (!reader.ok()) return "open error: " + reader.status().ToString();
  std::string out(1, reader->delimiter());
  for (const std::string& name : reader->column_names()) out += name + '\x1f';
  sluice::tabular::CsvRecord record;
  while (true) {
    auto more = reader->Next(&record);
    if (!more.ok()) return out + "error: " + more.status().ToString();
    if (!*more) break;
    out += '\x1e' + std::to_string(record.line);
    for (auto field : record.fields) out += std::string(field) + '\x1f';
  }
  return out + "bad=" + std::to_string(reader->bad_rows());
}

std::string BatchTranscript(const std::string& text, const sluice::tabular::CsvOptions& options,
                            size_t chunk, size_t target) {
  sluice::tabular::StringByteSource source(text, chunk);
  auto reader = sluice::scan::CsvBatchReader::Open(source, options);
  if (!reader.ok()) return "open error: " + reader.status().ToString();
  std::string out(1, reader->delimiter());
  for (const std::string& name : reader->column_names()) out += name + '\x1f';
  const size_t columns = reader->column_names().size();
  sluice::scan::CsvBatch batch;
  while (true) {
    auto more = reader->NextBatch(&batch, target);
    if (!more.ok()) return out + "error: " + more.status().ToString();
    if (!*more) break;
    if (batch.fields.size() != batch.records() * columns) __builtin_trap();
    for (size_t r = 0; r < batch.records(); ++r) {
      out += '\x1e' + std::to_string(batch.lines[r]);
      for (size_t c = 0; c < columns; ++c) {
        const sluice::scan::CsvField& f = batch.fields[r * columns + c];
        if (f.raw_begin > f.raw_end || f.raw_end > batch.text.size()) __builtin_trap();
        out += std::string(f.data, f.size) + '\x1f';
      }
    }
  }
  return out + "bad=" + std::to_string(reader->bad_rows());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  sluice::scan::ScanOptions options;
  options.skip_bad_rows = (control & 1) != 0;
  options.max_record_bytes = (control & 2) != 0 ? 64 : 4096;
  options.max_columns = (control & 4) != 0 ? 8 : 1000;
  options.top_values = (control >> 3) & 7;
  size_t chunk = 1 + (control >> 6) * 7;
  sluice::tabular::CsvOptions csv;
  csv.skip_bad_rows = options.skip_bad_rows;
  csv.max_record_bytes = options.max_record_bytes;
  static constexpr char kDelimiters[] = {'\0', ',', ';', '\t'};
  csv.delimiter = kDelimiters[(control >> 4) & 3];
  if (ReferenceTranscript(text, csv, text.size() + 1) !=
      BatchTranscript(text, csv, chunk, 1 + (control >> 3) * 97)) {
    __builtin_trap();  // the two CSV readers disagree
  }
  Check(text, sluice::tabular::Format::kCsv, options, chunk);
  Check(text, sluice::tabular::Format::kJsonl, options, chunk);
  return 0;
}
