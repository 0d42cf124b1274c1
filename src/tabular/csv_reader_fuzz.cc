// libFuzzer target: the CSV reader must never crash or read past its limits, and must give the
// same records however the input is chunked. The first byte picks the chunk size and options;
// the rest is the CSV text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tabular/csv_reader.h"
#include "tabular/schema_inference.h"

namespace {

using sluice::tabular::CsvOptions;
using sluice::tabular::CsvReader;
using sluice::tabular::CsvRecord;
using sluice::tabular::StringByteSource;

// Every record (as owned strings) and the final status, flattened into one string.
std::string Transcript(const std::string& text, const CsvOptions& options, size_t chunk) {
  StringByteSource source(text, chunk);
  auto reader = CsvReader::Open(source, options);
  if (!reader.ok()) return "open error: " + reader.status().ToString();
  std::string out(1, reader->delimiter());
  for (const std::string& name : reader->column_names()) out += name + '\x1f';
  CsvRecord record;
  while (true) {
    auto more = reader->Next(&record);
    if (!more.ok()) return out + "error: " + more.status().ToString();
    if (!*more) break;
    if (record.fields.size() != reader->column_names().size()) __builtin_trap();
    out += '\x1e' + std::to_string(record.line);
    for (auto field : record.fields) out += std::string(field) + '\x1f';
  }
  return out + "bad=" + std::to_string(reader->bad_rows());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  CsvOptions options;
  options.skip_bad_rows = (control & 1) != 0;
  options.max_record_bytes = (control & 2) != 0 ? 64 : 4096;
  static constexpr char kDelimiters[] = {'\0', ',', ';', '\t'};
  options.delimiter = kDelimiters[(control >> 2) & 3];
  size_t chunk = 1 + (control >> 4);

  std::string whole = Transcript(text, options, text.size() + 1);
  std::string pieces = Transcript(text, options, chunk);
  if (whole != pieces) __builtin_trap();  // chunking must not change what is read

  sluice::tabular::StringByteSource source(text, chunk);
  (void)sluice::tabular::InferFileSchema(source, sluice::tabular::Format::kCsv);
  return 0;
}
