// libFuzzer target: the JSON Lines reader and schema inference must never crash, must give the
// same records however the input is chunked, and must produce a schema that survives its JSON
// round trip. The first byte picks the chunk size and options; the rest is the JSON Lines text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tabular/jsonl_reader.h"
#include "tabular/schema_inference.h"
#include "tabular/schema_json.h"

namespace {

using sluice::tabular::JsonlOptions;
using sluice::tabular::JsonlReader;
using sluice::tabular::JsonlRecord;
using sluice::tabular::StringByteSource;

std::string Transcript(const std::string& text, const JsonlOptions& options, size_t chunk) {
  StringByteSource source(text, chunk);
  JsonlReader reader(source, options);
  std::string out;
  JsonlRecord record;
  while (true) {
    auto more = reader.Next(&record);
    if (!more.ok()) return out + "error: " + more.status().ToString();
    if (!*more) break;
    out += '\x1e' + std::to_string(record.line);
    for (const auto& field : record.fields) {
      out += std::string(field.name) + '\x1d' + std::to_string(static_cast<int>(field.kind)) +
             std::string(field.text) + '\x1f';
    }
  }
  return out + "bad=" + std::to_string(reader.bad_rows());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  JsonlOptions options;
  options.skip_bad_rows = (control & 1) != 0;
  options.max_line_bytes = (control & 2) != 0 ? 64 : 4096;
  size_t chunk = 1 + (control >> 2);

  if (Transcript(text, options, text.size() + 1) != Transcript(text, options, chunk)) {
    __builtin_trap();  // chunking must not change what is read
  }

  StringByteSource source(text, chunk);
  sluice::tabular::InferenceOptions inference;
  inference.max_record_bytes = options.max_line_bytes;
  auto schema =
      sluice::tabular::InferFileSchema(source, sluice::tabular::Format::kJsonl, inference);
  if (schema.ok()) {
    auto back = sluice::tabular::ParseSchemaJson(sluice::tabular::SchemaToJsonText(*schema));
    // JSON keys are valid UTF-8 (the parser checks), so the schema must round-trip exactly.
    if (!back.ok() || !(*back == *schema)) __builtin_trap();
  }
  return 0;
}
