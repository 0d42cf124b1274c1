// Format: which tabular reader a file needs, chosen from its name, so that a dataset version's
// files can be typed without opening them.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

namespace sluice::tabular {

enum class Format {
  kCsv,    // CSV; delimiter detected
  kTsv,    // CSV with a tab delimiter
  kJsonl,  // JSON Lines
};

// "csv", "tsv", "jsonl".
std::string_view FormatName(Format format);

// By the extension of the last path component, ignoring ASCII case: .csv, .tsv, .jsonl and
// .ndjson. nullopt for anything else, compressed files (.csv.gz) included: they are not read as
// tabular until a decompressing ByteSource exists.
std::optional<Format> FormatFromPath(std::string_view path);

}  // namespace sluice::tabular
