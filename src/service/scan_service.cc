// Knowing what is in the data (issue 8): pushed datasets and feature sets
// are scanned, within the push when small, else in the background (the
// version is "scanning" until then, and policies keep people from reading
// it); what the scan detects joins the version's classification.
#include "common/clock.h"
#include "service/actions.h"
#include "service/door.h"

namespace sluice::service {
namespace {

bool Scanned(const store::VersionRecord& v) {
  return v.kind == "dataset" || v.kind == "feature-set";
}

}  // namespace

nlohmann::json Service::ScanAfterCommit(const store::VersionRecord& v) {
  if (controls_.scanner == nullptr || catalog_ == nullptr || !Scanned(v)) return nullptr;
  // An idempotent re-push of the same content keeps its scan.
  if (Result<store::ScanRecord> known = catalog_->GetScan(v.id); known.ok()) {
    return {{"state", known->state}, {"classification", known->classification}};
  }
  const std::int64_t now = NowMillis();
  if (v.bytes > kInlineScanBytes) {
    Status queued = catalog_->PutScan({v.id, "scanning", {}, "{}", now});
    return {{"state", queued.ok() ? "scanning" : "failed"}};
  }
  Result<store::ScanRecord> scan = catalog_->ScanVersion(v, *controls_.scanner, now);
  if (!scan.ok()) {
    store::ScanRecord failed{
        v.id, "failed", {}, nlohmann::json{{"error", scan.status().message()}}.dump(), now};
    catalog_->PutScan(failed).IgnoreError();
    return {{"state", "failed"}, {"error", scan.status().message()}};
  }
  if (Status stored = catalog_->PutScan(*scan); !stored.ok()) {
    return {{"state", "failed"}, {"error", stored.message()}};
  }
  return {{"state", scan->state}, {"classification", scan->classification}};
}

Result<int> Service::ScanPendingVersions(const Caller& caller) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (controls_.scanner == nullptr) return 0;
  SLUICE_ASSIGN_OR_RETURN(std::vector<std::string> pending, c->PendingScans(16));
  int scanned = 0;
  for (const auto& id : pending) {
    Result<store::VersionRecord> v = c->GetVersion(id);
    if (!v.ok()) continue;  // purged meanwhile: its scan went with it
    authz::Facts facts = EnvironmentFacts(v->environment);
    facts.classification = c->EffectiveClassification(*v);
    SLUICE_RETURN_IF_ERROR(Door(
        caller, actions::kScanAsset, {"Asset", v->environment + "/" + v->project + "/" + v->asset},
        [&](nlohmann::json& details) -> Status {
          details["version"] = v->id;
          Result<store::ScanRecord> scan = c->ScanVersion(*v, *controls_.scanner, NowMillis());
          store::ScanRecord record =
              scan.ok()
                  ? *scan
                  : store::ScanRecord{v->id,
                                      "failed",
                                      {},
                                      nlohmann::json{{"error", scan.status().message()}}.dump(),
                                      NowMillis()};
          details["state"] = record.state;
          details["classification"] = record.classification;
          return c->PutScan(record);
        },
        std::move(facts)));
    ++scanned;
  }
  return scanned;
}

Result<store::ScanRecord> Service::GetScan(const Caller& caller, std::string_view version_id) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->GetVersion(version_id));
  authz::Facts facts = EnvironmentFacts(v.environment);
  facts.classification = c->EffectiveClassification(v);
  // Metadata about the data (column names, tags, masked top values): read
  // like the version's other metadata, and allowed while it is scanning.
  return Door(
      caller, actions::kReadAsset, {"Asset", v.environment + "/" + v.project + "/" + v.asset},
      [&](nlohmann::json& details) -> Result<store::ScanRecord> {
        details["version"] = v.id;
        return c->GetScan(v.id);
      },
      std::move(facts));
}

}  // namespace sluice::service
