#include "gates/expectations.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "gates/column_checker.h"
#include "gates/message_text.h"
#include "platform/utf8.h"
#include "tabular/jsonl_reader.h"
#include "tabular/value_types.h"

namespace sluice::gates {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kGate = "expectations";

GateResult Failed(std::string subject, std::string message) {
  GateResult r;
  r.gate = std::string(kGate);
  r.subject = std::move(subject);
  r.passed = false;
  r.messages.push_back(std::move(message));
  return r;
}

// The checkers of one file, and the rows read so far.
struct FileRun {
  std::vector<ColumnChecker> checkers;
  uint64_t rows = 0;
};

Status ReadCsv(const ExpectationSuite& suite, tabular::ByteSource& source, tabular::Format format,
               const ExpectationOptions& options, FileRun& run) {
  tabular::CsvOptions csv;
  csv.delimiter = format == tabular::Format::kTsv ? '\t' : '\0';
  csv.max_record_bytes = options.max_record_bytes;
  SLUICE_ASSIGN_OR_RETURN(tabular::CsvReader reader, tabular::CsvReader::Open(source, csv));
  // Where each expected column is in the header; npos when it is not there.
  std::vector<size_t> index(suite.columns.size(), std::string::npos);
  const std::vector<std::string>& names = reader.column_names();
  for (size_t i = 0; i < suite.columns.size(); ++i) {
    auto it = std::find(names.begin(), names.end(), suite.columns[i].column);
    if (it == names.end()) continue;
    index[i] = static_cast<size_t>(it - names.begin());
    run.checkers[i].MarkPresent();
  }
  tabular::CsvRecord record;
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
    if (!more) break;
    run.rows = reader.rows();
    for (size_t i = 0; i < index.size(); ++i) {
      if (index[i] == std::string::npos) continue;
      const std::string_view text = record.fields[index[i]];
      Cell cell{text, text.empty(), !text.empty() && tabular::NumberTextType(text).has_value()};
      run.checkers[i].Add(record.line, cell);
    }
  }
  return Status::Ok();
}

Status ReadJsonl(const ExpectationSuite& suite, tabular::ByteSource& source,
                 const ExpectationOptions& options, FileRun& run) {
  tabular::JsonlOptions jsonl;
  jsonl.max_line_bytes = options.max_record_bytes;
  tabular::JsonlReader reader(source, jsonl);
  // Field name -> the expected columns of that name (one, unless a suite built in code repeats
  // a column).
  std::unordered_map<std::string, std::vector<size_t>, StringHash, std::equal_to<>> index;
  for (size_t i = 0; i < suite.columns.size(); ++i) index[suite.columns[i].column].push_back(i);
  std::vector<char> seen(suite.columns.size());
  tabular::JsonlRecord record;
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
    if (!more) break;
    run.rows = reader.rows();
    std::fill(seen.begin(), seen.end(), 0);
    for (const tabular::FlatField& f : record.fields) {
      auto it = index.find(f.name);
      if (it == index.end()) continue;
      for (size_t i : it->second) {
        // {"a.b":1,"a":{"b":2}} flattens to "a.b" twice; the first one counts.
        if (seen[i]) continue;
        seen[i] = 1;
        run.checkers[i].MarkPresent();
        const bool null = f.kind == tabular::JsonKind::kNull;
        const bool numeric =
            f.kind == tabular::JsonKind::kInteger || f.kind == tabular::JsonKind::kFloat;
        run.checkers[i].Add(record.line, Cell{f.text, null, numeric});
      }
    }
    for (size_t i = 0; i < seen.size(); ++i) {
      if (!seen[i]) run.checkers[i].Add(record.line, Cell{{}, true, false});
    }
  }
  return Status::Ok();
}

}  // namespace

GateResult CheckExpectations(const ExpectationSuite& suite, std::string_view file_name,
                             tabular::ByteSource& source, tabular::Format format,
                             const ExpectationOptions& options) {
  const std::string subject = platform::ToValidUtf8(suite.asset + "/" + std::string(file_name));
  UniqueBudget budget{options.max_unique_bytes};
  FileRun run;
  run.checkers.reserve(suite.columns.size());
  for (const ColumnExpectation& column : suite.columns) {
    Result<ColumnChecker> checker = ColumnChecker::Make(column, options.max_unique_values, &budget);
    if (!checker.ok()) return Failed(subject, checker.status().message());
    run.checkers.push_back(std::move(checker).value());
  }

  const Status read = format == tabular::Format::kJsonl
                          ? ReadJsonl(suite, source, options, run)
                          : ReadCsv(suite, source, format, options, run);
  GateResult result;
  result.gate = std::string(kGate);
  result.subject = subject;
  result.measured = {{"file", platform::ToValidUtf8(file_name)},
                     {"format", tabular::FormatName(format)},
                     {"rows", run.rows}};
  if (!read.ok()) {
    // The reader's message already says "line N: ...".
    result.passed = false;
    result.messages.push_back(platform::ToValidUtf8(file_name) + ": " +
                              platform::ToValidUtf8(read.message()));
    return result;
  }

  bool passed = true;
  if (suite.min_rows && run.rows < *suite.min_rows) {
    result.messages.push_back(std::to_string(run.rows) + " rows, fewer than the minimum " +
                              std::to_string(*suite.min_rows));
    passed = false;
  }
  if (suite.max_rows && run.rows > *suite.max_rows) {
    result.messages.push_back(std::to_string(run.rows) + " rows, more than the maximum " +
                              std::to_string(*suite.max_rows));
    passed = false;
  }
  nlohmann::json columns = nlohmann::json::object();
  for (size_t i = 0; i < run.checkers.size(); ++i) {
    columns[platform::ToValidUtf8(suite.columns[i].column)] =
        run.checkers[i].Finish(run.rows, result.messages, &passed);
  }
  result.measured["columns"] = std::move(columns);
  result.passed = passed;
  if (passed) {
    result.messages.push_back(std::to_string(run.rows) + " rows, " +
                              std::to_string(suite.columns.size()) +
                              " columns checked: all expectations met");
  }
  return result;
}

std::vector<GateResult> CheckAssetExpectations(const ExpectationSuite& suite,
                                               const std::string& asset_dir,
                                               const ExpectationOptions& options) {
  const std::string asset = platform::ToValidUtf8(suite.asset);
  std::error_code ec;
  if (!fs::is_directory(asset_dir, ec)) {
    return {Failed(
        asset, "the asset's files are not available (no directory " + Quote(asset_dir, 256) + ")")};
  }
  std::vector<std::string> files;  // relative to asset_dir
  if (suite.file) {
    files.push_back(*suite.file);
  } else {
    fs::recursive_directory_iterator it(asset_dir, fs::directory_options::none, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
      const std::string path = it->path().lexically_relative(asset_dir).generic_string();
      if (!tabular::FormatFromPath(path)) continue;
      if (files.size() == options.max_files) {
        return {Failed(asset, "the asset has more than " + std::to_string(options.max_files) +
                                  " tabular files; name one with `file:` in promotion.yaml")};
      }
      files.push_back(path);
    }
    if (ec) {
      return {
          Failed(asset, "cannot list the asset's files: " + platform::ToValidUtf8(ec.message()))};
    }
    if (files.empty()) {
      return {
          Failed(asset, "the asset has no tabular file (.csv, .tsv, .jsonl, .ndjson) to check")};
    }
    std::sort(files.begin(), files.end());
  }

  std::vector<GateResult> results;
  for (const std::string& file : files) {
    const std::string subject = platform::ToValidUtf8(asset + "/" + file);
    const fs::path path = fs::path(asset_dir) / file;
    const fs::path relative = fs::path(file).lexically_normal();
    std::optional<tabular::Format> format = tabular::FormatFromPath(file);
    if (relative.is_absolute() || relative.empty() || *relative.begin() == ".." || !format) {
      // ParsePromotionManifest refuses these; a suite built in code may not have.
      results.push_back(
          Failed(subject, Quote(file, 256) + " is not a tabular file path inside the asset"));
      continue;
    }
    // Only regular files: a symbolic link could point outside the materialised bundle.
    if (!fs::is_regular_file(fs::symlink_status(path, ec))) {
      results.push_back(Failed(subject, "no file " + Quote(file, 256) + " in the asset"));
      continue;
    }
    Result<tabular::FileByteSource> source = tabular::FileByteSource::Open(path.string());
    if (!source.ok()) {
      results.push_back(Failed(subject, "cannot read " + Quote(file, 256) + ": " +
                                            platform::ToValidUtf8(source.status().message())));
      continue;
    }
    results.push_back(CheckExpectations(suite, file, *source, *format, options));
  }
  return results;
}

GateResult MissingSuiteResult(const std::string& asset, platform::ExpectationsMode mode) {
  GateResult r;
  r.gate = std::string(kGate);
  r.subject = platform::ToValidUtf8(asset);
  if (mode == platform::ExpectationsMode::kRequired) {
    r.passed = false;
    r.messages.push_back(
        "the target environment requires data expectations, and promotion.yaml has no suite for "
        "this dataset");
    return r;
  }
  r.passed = true;
  r.skipped = true;
  r.messages.push_back(mode == platform::ExpectationsMode::kOff
                           ? "expectations are off in the target environment"
                           : "no expectation suite for this dataset in promotion.yaml");
  return r;
}

}  // namespace sluice::gates
