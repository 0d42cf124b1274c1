// Schema inference: the TableSchema of a CSV or JSON Lines file, computed in one streaming pass
// when a dataset version is pushed.
//
// Every row is read (no sampling), so a type is never wrong because a late row differs; the
// cost is one pass over the file. Memory is bounded by the reader (one record) plus one entry
// per column, and the number of columns is bounded by InferenceOptions::max_columns
// (kResourceExhausted beyond it: a JSON Lines file can otherwise invent a new key on every line).
//
// Types and widening are as value_types.h documents. A column's type is the widening of the
// types of all its non-null values; a column with no non-null value (only nulls, or no rows at
// all) is a nullable string, the one type any later value fits. Columns are in CSV header order,
// or for JSON Lines in order of first appearance; a JSON Lines row without a column counts as
// null for it.
//
// Thread-safety: pure functions over the reader or source they are given.
#pragma once

#include <cstddef>

#include "common/status.h"
#include "tabular/byte_source.h"
#include "tabular/csv_reader.h"
#include "tabular/format.h"
#include "tabular/jsonl_reader.h"
#include "tabular/table_schema.h"

namespace sluice::tabular {

inline constexpr size_t kDefaultMaxColumns = 10000;

struct InferenceOptions {
  // Count malformed rows in TableSchema::bad_rows instead of failing: on push, one bad row in a
  // large file should be reported, not block the version (a promotion gate can refuse it).
  bool skip_bad_rows = true;
  // The CSV record limit, and the JSON Lines line limit.
  size_t max_record_bytes = kDefaultMaxRecordBytes;
  size_t max_columns = kDefaultMaxColumns;
  // For Format::kCsv; '\0' detects. Format::kTsv always uses a tab.
  char csv_delimiter = '\0';
};

// Reads the rest of `reader` (normally all of it).
Result<TableSchema> InferCsvSchema(CsvReader& reader, size_t max_columns = kDefaultMaxColumns);
Result<TableSchema> InferJsonlSchema(JsonlReader& reader, size_t max_columns = kDefaultMaxColumns);

// Opens the right reader for `format` over `source` and infers. Errors are the reader's (with
// options.skip_bad_rows, only I/O errors, a malformed CSV header and oversized records remain).
Result<TableSchema> InferFileSchema(ByteSource& source, Format format,
                                    const InferenceOptions& options = {});

}  // namespace sluice::tabular
