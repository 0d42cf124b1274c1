// The expectations gate: an asset's ExpectationSuite (from promotion.yaml) run over its tabular
// files, one GateResult (gate "expectations", subject "ASSET/FILE") per file checked.
//
// Each file is streamed once through the tabular readers (tabular/csv_reader.h,
// tabular/jsonl_reader.h), so memory is one record plus constant state per column, except the
// unique check (bounded; see column_checker.h). Malformed input is not skipped: the first bad
// row fails the file's result with the reader's "line N: ..." error, since a promotion gate that
// quietly drops rows would be checking a different table than the one promoted.
//
// Values by format: in CSV a field is null when empty and a number when spelled as one
// (tabular/value_types.h); in JSON Lines a value is null when it is JSON null or the row lacks
// the field, a number only when it is a JSON number (the string "5" is not), and nested objects
// are dotted paths ("address.city"). Allowed values and regexes compare the text as written (a
// JSON string decoded; an array as its compact JSON).
//
// Thread-safety: pure functions over the sources and directories they are given.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gates/gate_result.h"
#include "gates/promotion_manifest.h"
#include "platform/model.h"
#include "tabular/byte_source.h"
#include "tabular/csv_reader.h"
#include "tabular/format.h"

namespace sluice::gates {

struct ExpectationOptions {
  // Distinct values one unique column may hold before its check fails unchecked.
  size_t max_unique_values = 5'000'000;
  // Memory for all unique checks of one file (values plus about 64 bytes each).
  size_t max_unique_bytes = size_t{512} << 20;
  // The CSV record and JSON Lines line limit (kResourceExhausted beyond it fails the file).
  size_t max_record_bytes = tabular::kDefaultMaxRecordBytes;
  // Files looked at in one asset when the suite names none.
  size_t max_files = 1000;
};

// Runs `suite` over one file read from `source`. `file_name` is the file's path inside the
// asset (for the subject and messages). Never fails: problems are failed results.
GateResult CheckExpectations(const ExpectationSuite& suite, std::string_view file_name,
                             tabular::ByteSource& source, tabular::Format format,
                             const ExpectationOptions& options = {});

// Runs `suite` over the asset's files under `asset_dir` (the asset's materialised directory):
// suite.file if set, else every .csv, .tsv, .jsonl and .ndjson file below it (sorted by path;
// symbolic links are not followed). A missing file, an asset without tabular files and an
// unreadable directory are failed results. One result per file.
std::vector<GateResult> CheckAssetExpectations(const ExpectationSuite& suite,
                                               const std::string& asset_dir,
                                               const ExpectationOptions& options = {});

// The result for a dataset that has no suite in promotion.yaml: failed under
// ExpectationsMode::kRequired, skipped otherwise.
GateResult MissingSuiteResult(const std::string& asset, platform::ExpectationsMode mode);

}  // namespace sluice::gates
