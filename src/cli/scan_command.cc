// `sluice scan FILE`: profiles a local CSV or JSON Lines file and finds its
// sensitive columns, offline (no server), with the scanner the server runs
// on every push (docs/scanning.md).
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "scan/scanner.h"
#include "tabular/byte_source.h"
#include "tabular/format.h"

namespace sluice::cli {
namespace {

std::string Percent(double fraction) {
  std::ostringstream out;
  out.precision(3);
  out << fraction * 100 << "%";
  return out.str();
}

Status ScanFile(const GlobalOptions& global, const std::string& path, bool skip_bad_rows,
                const std::string& delimiter, const std::string& format_name) {
  std::optional<tabular::Format> format;
  if (format_name.empty()) {
    format = tabular::FormatFromPath(path);
    if (!format) {
      return InvalidArgument(path + ": not a .csv, .tsv, .jsonl or .ndjson file (say --format)");
    }
  } else if (format_name == "csv") {
    format = tabular::Format::kCsv;
  } else if (format_name == "jsonl") {
    format = tabular::Format::kJsonl;
  } else {
    return InvalidArgument("--format is csv or jsonl");
  }
  if (delimiter.size() > 1) return InvalidArgument("--delimiter is one character");
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<scan::Scanner> scanner, scan::Scanner::Make());
  SLUICE_ASSIGN_OR_RETURN(tabular::FileByteSource source, tabular::FileByteSource::Open(path));
  scan::ScanOptions options;
  options.skip_bad_rows = skip_bad_rows;
  if (!delimiter.empty()) options.delimiter = delimiter[0];
  SLUICE_ASSIGN_OR_RETURN(scan::ScanReport report, scanner->Scan(source, *format, options));
  if (global.json) {
    PrintJson(scan::ToJson(report));
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : report.columns) {
    std::ostringstream confidence;
    confidence.precision(2);
    confidence << std::fixed << c.confidence;
    rows.push_back({c.name, std::string(tabular::ColumnTypeName(c.type)), JoinOrDash(c.tags),
                    c.detector.empty() ? "-" : confidence.str(), Percent(c.null_fraction),
                    std::to_string(c.distinct_estimate)});
  }
  PrintTable({"COLUMN", "TYPE", "TAGS", "CONFIDENCE", "NULLS", "DISTINCT"}, rows);
  std::cout << report.rows << " rows";
  if (report.bad_rows > 0) std::cout << " (" << report.bad_rows << " malformed, skipped)";
  std::cout << "; classification: " << JoinOrDash(report.classification) << "\n";
  return Status::Ok();
}

}  // namespace

void AddScanCommand(CLI::App& app, const GlobalOptions& global, Action& run) {
  struct Args {
    std::string path, delimiter, format;
    bool skip_bad_rows = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "Profile a local CSV or JSON Lines file and find its sensitive columns (offline)");
  cmd->add_option("FILE", a->path, "The file")->required();
  cmd->add_option("--format", a->format, "csv or jsonl (default: from the file name)");
  cmd->add_option("--delimiter", a->delimiter, "The CSV delimiter (default: detected)");
  cmd->add_flag("--skip-bad-rows", a->skip_bad_rows,
                "Skip and count malformed rows instead of stopping at the first");
  cmd->callback([&global, &run, a] {
    run = [&global, a]() -> int {
      Status s = ScanFile(global, a->path, a->skip_bad_rows, a->delimiter, a->format);
      return s.ok() ? kExitOk : ReportError(s);
    };
  });
}

}  // namespace sluice::cli
