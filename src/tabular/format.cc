#include "tabular/format.h"

#include <string>

namespace sluice::tabular {

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kCsv:
      return "csv";
    case Format::kTsv:
      return "tsv";
    case Format::kJsonl:
      return "jsonl";
  }
  return "csv";
}

std::optional<Format> FormatFromPath(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.find_last_of('.');
  // No extension, or a dot file such as ".csv" with nothing before the dot.
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  std::string extension(name.substr(dot + 1));
  for (char& c : extension) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (extension == "csv") return Format::kCsv;
  if (extension == "tsv") return Format::kTsv;
  if (extension == "jsonl" || extension == "ndjson") return Format::kJsonl;
  return std::nullopt;
}

}  // namespace sluice::tabular
