// Masking on read (issue 8, docs/masking.md): a principal whom the policies
// do not let read a version in the clear may still read it with the
// columns it is not cleared for masked, when the policies allow
// asset.read-masked. Which columns are masked is decided column by column
// by the same policies: an asset.read decision on each column's labels.
#include <algorithm>
#include <set>

#include "catalog/ref.h"
#include "common/clock.h"
#include "masking/table_masker.h"
#include "service/actions.h"
#include "service/door.h"
#include "tabular/format.h"

namespace sluice::service {
namespace {

bool IsLabel(std::string_view tag) {
  const auto labels = platform::MaskableTags();
  return std::find(labels.begin(), labels.end(), tag) != labels.end();
}

std::vector<std::string> LabelsOf(const nlohmann::json& tags) {
  std::vector<std::string> labels;
  if (!tags.is_array()) return labels;
  for (const auto& tag : tags) {
    if (tag.is_string() && IsLabel(tag.get<std::string>()))
      labels.push_back(tag.get<std::string>());
  }
  return labels;
}

// The first rule matching the column's detector or one of its labels.
platform::MaskMethod MethodFor(const std::vector<platform::MaskRule>& rules,
                               std::string_view detector, const std::vector<std::string>& labels) {
  for (const platform::MaskRule& rule : rules) {
    const bool by_detector = !rule.detector.empty() && rule.detector == detector;
    const bool by_tag =
        !rule.tag.empty() && std::find(labels.begin(), labels.end(), rule.tag) != labels.end();
    if (by_detector || by_tag) return rule.method;
  }
  return platform::MaskMethod::kRedact;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

nlohmann::json ColumnsJson(const std::vector<MaskedColumn>& columns) {
  nlohmann::json out = nlohmann::json::array();
  for (const MaskedColumn& m : columns) {
    out.push_back({{"file", m.file},
                   {"column", m.column},
                   {"labels", m.labels},
                   {"method", platform::ToString(m.method)}});
  }
  return out;
}

}  // namespace

Result<std::vector<MaskedColumn>> Service::PlanMasking(const Caller& caller, catalog::Catalog& c,
                                                       const store::VersionRecord& v) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<catalog::FileEntry> files, c.Files(v));
  std::vector<std::string> version_labels;
  for (auto& label : c.EffectiveClassification(v)) {
    if (IsLabel(label)) version_labels.push_back(std::move(label));
  }
  nlohmann::json report = nlohmann::json::object();
  if (Result<store::ScanRecord> scan = c.ColumnScan(v); scan.ok() && scan->state == "done") {
    nlohmann::json parsed = nlohmann::json::parse(scan->report, nullptr, false);
    if (parsed.is_object() && parsed.contains("files") && parsed["files"].is_object()) {
      report = std::move(parsed["files"]);
    }
  }
  // Labels no column carries (declared by hand, inherited from inputs)
  // cannot be placed, so they count against every column.
  // A column's labels, less those a declassification took off the version.
  auto column_labels = [&](const nlohmann::json& column) {
    std::vector<std::string> labels;
    for (auto& label : LabelsOf(column.value("tags", nlohmann::json()))) {
      if (std::find(version_labels.begin(), version_labels.end(), label) != version_labels.end()) {
        labels.push_back(std::move(label));
      }
    }
    return labels;
  };
  std::set<std::string> placed;
  for (const auto& [path, file] : report.items()) {
    if (!file.contains("columns")) continue;
    for (const auto& column : file["columns"]) {
      for (auto& label : column_labels(column)) placed.insert(label);
    }
  }
  std::vector<std::string> unplaced;
  for (const auto& label : version_labels) {
    if (placed.count(label) == 0) unplaced.push_back(label);
  }

  const std::string asset = v.environment + "/" + v.project + "/" + v.asset;
  auto cleared_for = [&](std::vector<std::string> labels) {
    authz::Facts facts = EnvironmentFacts(v.environment);
    facts.classification = std::move(labels);
    facts.scan_pending = false;
    authz::Request request{caller.principal,
                           std::string(actions::kReadAsset),
                           {"Asset", asset},
                           std::move(facts),
                           caller.meta.client_address,
                           NowMillis(),
                           caller.session ? &*caller.session : nullptr};
    return AuthorizeTimed(request).allowed;
  };

  std::vector<MaskedColumn> masked;
  for (const catalog::FileEntry& file : files) {
    auto it = report.find(file.path);
    if (it == report.end() || !it->contains("columns") || !(*it)["columns"].is_array()) {
      if (version_labels.empty() || cleared_for(version_labels)) continue;
      return PermissionDenied("file \"" + file.path + "\" of version " + v.id +
                              " has no column report (it is not CSV or JSON Lines, or its scan "
                              "failed), so it cannot be masked, and its labels (" +
                              Joined(version_labels) + ") need a clearance " +
                              caller.principal.name + " does not have");
    }
    for (const auto& column : (*it)["columns"]) {
      std::vector<std::string> labels = column_labels(column);
      for (const auto& label : unplaced) {
        if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
      }
      if (labels.empty() || cleared_for(labels)) continue;
      MaskedColumn m;
      m.file = file.path;
      m.column = column.value("name", "");
      m.detector = column.value("detector", "");
      m.method = MethodFor(platform_.masking, m.detector, labels);
      m.labels = std::move(labels);
      masked.push_back(std::move(m));
    }
  }
  return masked;
}

Result<ReadPlan> Service::PlanRead(const Caller& caller, std::string_view ref_text) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(catalog::Ref ref, catalog::ParseRef(ref_text));
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->Resolve(ref));
  const authz::Resource resource{"Asset", v.environment + "/" + v.project + "/" + v.asset};
  authz::Facts metadata_facts = EnvironmentFacts(v.environment);
  return Door(
      caller, actions::kReadAsset, resource,
      [&](nlohmann::json& details) -> Result<ReadPlan> {
        authz::Facts facts = EnvironmentFacts(v.environment);
        facts.classification = c->EffectiveClassification(v);
        facts.scan_pending = c->ScanPending(v.id);
        auto decide = [&](std::string_view action) {
          authz::Request request{caller.principal,
                                 std::string(action),
                                 resource,
                                 facts,
                                 caller.meta.client_address,
                                 NowMillis(),
                                 caller.session ? &*caller.session : nullptr};
          return AuthorizeTimed(request);
        };
        ReadPlan plan;
        if (decide(actions::kReadAsset).allowed) {
          plan.mode = "clear";
        } else if (authz::Decision masked = decide(actions::kReadAssetMasked); !masked.allowed) {
          plan.mode = "denied";
          plan.reason = "the policies allow neither a clear nor a masked read";
        } else if (controls_.masking_keys.count(v.environment) == 0) {
          plan.mode = "denied";
          plan.reason = "environment " + v.environment + " has no masking key";
        } else if (Result<std::vector<MaskedColumn>> columns = PlanMasking(caller, *c, v);
                   !columns.ok()) {
          plan.mode = "denied";
          plan.reason = std::string(columns.status().message());
        } else {
          plan.mode = "masked";
          plan.masked = std::move(*columns);
        }
        if (plan.mode != "denied") plan.version = v;
        details["version"] = v.id;
        details["read_plan"] = plan.mode;
        if (plan.mode == "masked") details["masked_columns"] = ColumnsJson(plan.masked);
        return plan;
      },
      std::move(metadata_facts));
}

Result<MaskedRead> Service::ReadMasked(const Caller& caller, std::string_view version_id,
                                       std::string_view path, std::string_view page) {
  SLUICE_ASSIGN_OR_RETURN(masking::PagePosition at, masking::ParsePageToken(page));
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->GetVersion(version_id));
  authz::Facts facts = EnvironmentFacts(v.environment);
  facts.classification = c->EffectiveClassification(v);
  facts.scan_pending = c->ScanPending(v.id);
  return Door(
      caller, actions::kReadAssetMasked, {"Asset", v.environment + "/" + v.project + "/" + v.asset},
      [&](nlohmann::json& details) -> Result<MaskedRead> {
        SLUICE_ASSIGN_OR_RETURN(std::vector<catalog::FileEntry> files, c->Files(v));
        auto file = std::find_if(files.begin(), files.end(),
                                 [&](const catalog::FileEntry& f) { return f.path == path; });
        if (file == files.end()) {
          return NotFound("version " + v.id + " has no file \"" + std::string(path.substr(0, 256)) +
                          "\"");
        }
        std::optional<tabular::Format> format = tabular::FormatFromPath(file->path);
        if (!format) {
          return InvalidArgument("\"" + file->path +
                                 "\" is not CSV or JSON Lines, so it cannot be masked");
        }
        auto key = controls_.masking_keys.find(v.environment);
        if (key == controls_.masking_keys.end()) {
          return FailedPrecondition("environment " + v.environment + " has no masking key");
        }
        SLUICE_ASSIGN_OR_RETURN(std::vector<MaskedColumn> all, PlanMasking(caller, *c, v));
        MaskedRead read;
        masking::ColumnMasks masks;
        for (MaskedColumn& m : all) {
          if (m.file != file->path) continue;
          masks.emplace(m.column, m.method);
          read.masked.push_back(std::move(m));
        }
        const masking::ValueMasker masker(key->second);
        auto mask_page = [&]() -> Result<masking::MaskedPage> {
          if (*format == tabular::Format::kJsonl) {
            SLUICE_ASSIGN_OR_RETURN(auto source, c->OpenFileRange(v, *file, at.offset, file->size));
            return masking::MaskJsonlPage(*source, at, masks, masker);
          }
          if (at.offset == 0) {
            SLUICE_ASSIGN_OR_RETURN(auto source, c->OpenFile(v, *file));
            return masking::MaskCsvPage(*source, at, masks, masker);
          }
          // Later pages re-read the header, then go on where the last ended.
          SLUICE_ASSIGN_OR_RETURN(auto header, c->OpenFileRange(v, *file, 0, at.header_end));
          SLUICE_ASSIGN_OR_RETURN(auto rest, c->OpenFileRange(v, *file, at.offset, file->size));
          tabular::ConcatByteSource source(*header, *rest);
          return masking::MaskCsvPage(source, at, masks, masker);
        };
        SLUICE_ASSIGN_OR_RETURN(masking::MaskedPage masked, mask_page());
        read.text = std::move(masked.text);
        read.next_page = masked.next ? masking::EncodePageToken(*masked.next) : "";
        read.rows = masked.rows;
        read.bad_rows = masked.bad_rows;
        details["version"] = v.id;
        details["file"] = file->path;
        details["page"] = std::string(page);
        details["rows"] = read.rows;
        details["bytes_read"] = masked.source_bytes;
        details["bytes_returned"] = read.text.size();
        details["masked_columns"] = ColumnsJson(read.masked);
        return read;
      },
      std::move(facts));
}

}  // namespace sluice::service
