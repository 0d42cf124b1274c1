// Knowing what is in a version (issue 8): its tabular files run through the
// scanner, the labels found joined to what the version declared.
#include <set>

#include "catalog/catalog.h"
#include "tabular/format.h"

namespace sluice::catalog {

Result<store::ScanRecord> Catalog::ScanVersion(const store::VersionRecord& version,
                                               const scan::Scanner& scanner, std::int64_t now_ms) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<FileEntry> files, Files(version));
  nlohmann::json per_file = nlohmann::json::object();
  std::set<std::string> labels;
  for (const auto& f : files) {
    std::optional<tabular::Format> format = tabular::FormatFromPath(f.path);
    if (!format || f.size == 0) continue;
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<tabular::ByteSource> source, OpenFile(version, f));
    scan::ScanOptions options;
    options.skip_bad_rows = true;  // a degraded answer beats none; bad rows are counted
    Result<scan::ScanReport> report = scanner.Scan(*source, *format, options);
    if (!report.ok()) {
      per_file[f.path] = {{"error", report.status().message()}};
      continue;
    }
    labels.insert(report->classification.begin(), report->classification.end());
    per_file[f.path] = scan::ToJson(*report);
  }
  store::ScanRecord record;
  record.version = version.id;
  record.state = "done";
  record.classification.assign(labels.begin(), labels.end());
  record.report = nlohmann::json{{"files", per_file}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  record.updated_ms = now_ms;
  return record;
}

std::vector<std::string> Catalog::EffectiveClassification(const store::VersionRecord& version) {
  std::vector<std::string> declared = VersionClassification(version);
  std::set<std::string> all(declared.begin(), declared.end());
  if (Result<store::ScanRecord> scan = store_.GetScan(version.id); scan.ok()) {
    all.insert(scan->classification.begin(), scan->classification.end());
  }
  // Approved declassifications take labels off this version (and so off
  // what is derived from it later). A store error keeps every label: the
  // safe side.
  if (Result<std::vector<std::string>> removed = store_.DeclassifiedLabels(version.id);
      removed.ok()) {
    for (const auto& label : *removed) all.erase(label);
  }
  return {all.begin(), all.end()};
}

Result<store::ScanRecord> Catalog::ColumnScan(const store::VersionRecord& version) {
  store::VersionRecord v = version;
  // Copies of copies are bounded by the catalog's size; the limit only
  // guards against a corrupt store that loops.
  for (int hops = 0; hops < 1000; ++hops) {
    Result<store::ScanRecord> scan = store_.GetScan(v.id);
    if (scan.ok() || v.copy_of.empty()) return scan;
    SLUICE_ASSIGN_OR_RETURN(v, GetVersion(v.copy_of));
  }
  return DataLoss("version " + version.id + " is a copy of a copy ... more than 1000 deep");
}

bool Catalog::ScanPending(std::string_view version) {
  Result<store::ScanRecord> scan = store_.GetScan(version);
  return scan.ok() && scan->state == "scanning";
}

}  // namespace sluice::catalog
