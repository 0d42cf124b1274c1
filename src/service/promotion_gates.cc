// The gates a promotion passes before anyone approves it (issue 7;
// docs/gates.md): lineage (checked when the bundle is resolved), the
// bundle's promotion.yaml, schema compatibility and data expectations (the
// data gates, which a rollback skips under the target's fast path), model
// metrics against the target's champion, declared classification, webhooks
// and registered commands. Each result is stored with the promotion; any
// failure fails it, with the first failing gate's message.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "common/clock.h"
#include "gates/classification_gate.h"
#include "gates/command_gate.h"
#include "gates/expectations.h"
#include "gates/gate_result.h"
#include "gates/metric_gate.h"
#include "gates/promotion_manifest.h"
#include "gates/schema_compat.h"
#include "gates/webhook_gate.h"
#include "service/promotion_internal.h"
#include "service/service.h"
#include "tabular/format.h"

namespace sluice::service {
namespace {

namespace fs = std::filesystem;

bool IsData(const store::VersionRecord& v) {
  return v.kind == "dataset" || v.kind == "feature-set";
}

nlohmann::json Metadata(const store::VersionRecord& v) {
  nlohmann::json m = nlohmann::json::parse(v.metadata, nullptr, false);
  return m.is_object() ? m : nlohmann::json::object();
}

Result<std::string> ReadWholeFile(catalog::Catalog& c, const store::VersionRecord& v,
                                  const catalog::FileEntry& f, std::size_t limit) {
  if (f.size > limit) {
    return ResourceExhausted(f.path + " is " + std::to_string(f.size) + " bytes, over " +
                             std::to_string(limit));
  }
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<tabular::ByteSource> source, c.OpenFile(v, f));
  std::string out;
  char buf[1 << 16];
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(size_t n, source->Read(buf, sizeof buf));
    if (n == 0) break;
    out.append(buf, n);
  }
  return out;
}

// One run of a target's gates over one bundle.
class GateRun {
 public:
  GateRun(catalog::Catalog& catalog, const platform::Platform& platform,
          const store::PromotionRecord& p, const std::vector<store::VersionRecord>& bundle,
          std::string scratch_dir)
      : c_(catalog),
        settings_(platform.Find(p.to)->gates),
        p_(p),
        bundle_(bundle),
        scratch_dir_(std::move(scratch_dir)) {}

  std::vector<gates::GateResult> Run() {
    gates::GateResult lineage;
    lineage.gate = "lineage";
    lineage.passed = true;
    lineage.messages.push_back("every input of the bundle is in " + p_.to +
                               " or above, or in the bundle");
    lineage.measured["versions"] = bundle_.size();
    results_.push_back(std::move(lineage));
    if (!LoadManifest()) return std::move(results_);
    if (p_.rollback && settings_.rollback_fast_path) {
      for (const char* gate : {"schema", "expectations"}) {
        gates::GateResult skipped;
        skipped.gate = gate;
        skipped.passed = true;
        skipped.skipped = true;
        skipped.messages.push_back(
            "rollback fast path: the data gates are not run again for "
            "versions that passed them before");
        results_.push_back(std::move(skipped));
      }
    } else {
      Schemas();
      Expectations();
    }
    Metrics();
    Classification();
    Webhooks();
    Commands();
    return std::move(results_);
  }

 private:
  // The bundle's promotion.yaml, if one of its versions carries one. False
  // (with a failed result) when it cannot be read or parsed.
  bool LoadManifest() {
    for (const auto& v : bundle_) {
      Result<std::vector<catalog::FileEntry>> files = c_.Files(v);
      if (!files.ok()) return Fail("manifest", v.asset, files.status().message());
      for (const auto& f : *files) {
        if (f.path != gates::kPromotionManifestName) continue;
        if (manifest_from_.size()) {
          return Fail("manifest", v.asset,
                      "two versions carry a promotion.yaml (" + manifest_from_ + " and " + v.asset +
                          "); a bundle has one");
        }
        manifest_from_ = v.asset;
        Result<std::string> text = ReadWholeFile(c_, v, f, gates::kMaxManifestBytes);
        if (!text.ok()) return Fail("manifest", v.asset, text.status().message());
        Result<gates::PromotionManifest> parsed = gates::ParsePromotionManifest(*text);
        if (!parsed.ok()) return Fail("manifest", v.asset, parsed.status().message());
        manifest_ = std::move(parsed).value();
      }
    }
    return true;
  }

  bool Fail(const std::string& gate, const std::string& subject, std::string_view message) {
    gates::GateResult r;
    r.gate = gate;
    r.subject = subject;
    r.passed = false;
    r.messages.push_back(std::string(message));
    results_.push_back(std::move(r));
    return false;
  }

  // The version of the same project/asset the target holds now (its
  // latest, or the named alias), if any.
  std::optional<store::VersionRecord> InTarget(const store::VersionRecord& v,
                                               const std::string& alias) {
    catalog::Ref ref;
    ref.address = {p_.to, v.project, v.asset};
    if (!alias.empty()) {
      ref.form = catalog::Ref::Form::kAlias;
      ref.selector = alias;
    }
    Result<store::VersionRecord> found = c_.Resolve(ref);
    if (!found.ok()) return std::nullopt;
    return std::move(found).value();
  }

  void Schemas() {
    if (!settings_.schema_compatibility) return;
    for (const auto& v : bundle_) {
      const nlohmann::json candidate = Metadata(v).value("schema", nlohmann::json::object());
      if (!IsData(v) || !candidate.is_object() || candidate.empty()) continue;
      std::optional<store::VersionRecord> current = InTarget(v, "");
      if (!current) {
        gates::GateResult r;
        r.gate = "schema";
        r.subject = v.project + "/" + v.asset;
        r.passed = true;
        r.skipped = true;
        r.messages.push_back(p_.to + " has no version of " + r.subject + " yet");
        results_.push_back(std::move(r));
        continue;
      }
      results_.push_back(gates::CheckSchemas(
          v.project + "/" + v.asset, Metadata(*current).value("schema", nlohmann::json::object()),
          candidate, manifest_.breaking.contains(v.asset)));
    }
  }

  void Expectations() {
    if (settings_.expectations == platform::ExpectationsMode::kOff) return;
    for (const auto& v : bundle_) {
      if (!IsData(v)) continue;
      const gates::ExpectationSuite* suite = manifest_.FindSuite(v.asset);
      if (suite == nullptr) {
        results_.push_back(gates::MissingSuiteResult(v.asset, settings_.expectations));
        continue;
      }
      Result<std::vector<catalog::FileEntry>> files = c_.Files(v);
      if (!files.ok()) {
        Fail("expectations", v.asset, files.status().message());
        continue;
      }
      bool checked = false;
      for (const auto& f : *files) {
        std::optional<tabular::Format> format = tabular::FormatFromPath(f.path);
        if (!format || (suite->file && *suite->file != f.path)) continue;
        Result<std::unique_ptr<tabular::ByteSource>> source = c_.OpenFile(v, f);
        if (!source.ok()) {
          Fail("expectations", v.asset + "/" + f.path, source.status().message());
          continue;
        }
        checked = true;
        results_.push_back(gates::CheckExpectations(*suite, f.path, **source, *format));
      }
      if (!checked) {
        Fail("expectations", v.asset,
             suite->file ? "the suite names " + *suite->file + ", which " + v.asset + " lacks"
                         : v.asset + " has no CSV or JSON Lines file to check");
      }
    }
  }

  void Metrics() {
    std::vector<platform::MetricRule> rules = settings_.metrics;
    rules.insert(rules.end(), manifest_.metrics.begin(), manifest_.metrics.end());
    if (rules.empty()) return;
    for (const auto& v : bundle_) {
      if (v.kind != "model") continue;
      const nlohmann::json candidate = Metadata(v).value("metrics", nlohmann::json::object());
      std::optional<store::VersionRecord> champion = InTarget(v, settings_.champion_alias);
      nlohmann::json champion_metrics;
      if (champion)
        champion_metrics = Metadata(*champion).value("metrics", nlohmann::json::object());
      gates::GateResult r =
          gates::CheckMetrics(rules, candidate, champion ? &champion_metrics : nullptr);
      r.subject = v.project + "/" + v.asset;
      results_.push_back(std::move(r));
    }
  }

  // Labels follow the data (the catalog already labels a derived version
  // with its inputs' labels, and scanning adds what it detects); before it
  // climbs, its author must have declared them too, so nobody promotes PII
  // without saying so.
  void Classification() {
    if (!settings_.classification_declared) return;
    for (const auto& v : bundle_) {
      std::set<std::string> declared;
      const nlohmann::json tags = Metadata(v).value("tags", nlohmann::json::object());
      if (tags.is_object() && tags.contains("classification") &&
          tags["classification"].is_string()) {
        declared = catalog::DeclaredClassification(
            {{"classification", tags["classification"].get<std::string>()}});
      }
      std::set<std::string> detected;
      for (const auto& input_id : v.inputs) {
        Result<store::VersionRecord> input = c_.GetVersion(input_id);
        if (!input.ok()) continue;
        for (const auto& label : c_.EffectiveClassification(*input)) detected.insert(label);
      }
      // What the scanner found in the version itself.
      if (Result<store::ScanRecord> scan = c_.GetScan(v.id); scan.ok()) {
        detected.insert(scan->classification.begin(), scan->classification.end());
      }
      results_.push_back(gates::CheckClassification(v.project + "/" + v.asset, declared, detected));
    }
  }

  nlohmann::json Description() const {
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& v : bundle_) {
      nlohmann::json m = Metadata(v);
      versions.push_back({{"id", v.id},
                          {"environment", v.environment},
                          {"project", v.project},
                          {"asset", v.asset},
                          {"kind", v.kind},
                          {"author", v.author},
                          {"bytes", v.bytes},
                          {"classification", c_.EffectiveClassification(v)},
                          {"metrics", m.value("metrics", nlohmann::json::object())},
                          {"tags", m.value("tags", nlohmann::json::object())}});
    }
    return {{"promotion", p_.id},
            {"kind", p_.kind},
            {"from", p_.from},
            {"to", p_.to},
            {"requester", p_.requester},
            {"justification", p_.justification},
            {"rollback", p_.rollback},
            {"aliases", p_.aliases},
            {"content_hash", p_.content_hash},
            {"versions", versions}};
  }

  void Webhooks() {
    if (settings_.webhooks.empty()) return;
    const nlohmann::json description = Description();
    for (const auto& hook : settings_.webhooks) {
      results_.push_back(gates::RunWebhook(hook, description));
    }
  }

  // Writes the bundle under DIR/PROJECT/ASSET/..., read-only.
  Status Materialise(const std::string& dir) {
    for (const auto& v : bundle_) {
      SLUICE_ASSIGN_OR_RETURN(std::vector<catalog::FileEntry> files, c_.Files(v));
      for (const auto& f : files) {
        const fs::path path = fs::path(dir) / v.project / v.asset / f.path;
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        if (ec) return Unavailable("cannot create " + path.parent_path().string());
        SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<tabular::ByteSource> source, c_.OpenFile(v, f));
        std::ofstream out(path, std::ios::binary);
        char buf[1 << 16];
        for (;;) {
          SLUICE_ASSIGN_OR_RETURN(size_t n, source->Read(buf, sizeof buf));
          if (n == 0) break;
          out.write(buf, static_cast<std::streamsize>(n));
        }
        if (!out.flush()) return Unavailable("cannot write " + path.string());
        ::chmod(path.c_str(), 0444);
      }
    }
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.is_directory()) ::chmod(entry.path().c_str(), 0555);
    }
    ::chmod(dir.c_str(), 0555);
    return Status::Ok();
  }

  static void RemoveTree(const std::string& dir) {
    std::error_code ec;
    ::chmod(dir.c_str(), 0700);
    for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
      if (entry.is_directory()) ::chmod(entry.path().c_str(), 0700);
    }
    fs::remove_all(dir, ec);
  }

  void Commands() {
    if (settings_.commands.empty()) return;
    const std::string dir = scratch_dir_ + "/promotion-" + p_.id;
    RemoveTree(dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    Status placed = ec ? Unavailable("cannot create " + dir) : Materialise(dir);
    for (const auto& command : settings_.commands) {
      if (!placed.ok()) {
        Fail("command:" + command.name, "",
             "the bundle could not be materialised: " + std::string(placed.message()));
        continue;
      }
      results_.push_back(gates::RunCommand(command, dir));
    }
    RemoveTree(dir);
  }

  catalog::Catalog& c_;
  const platform::GateSettings& settings_;
  const store::PromotionRecord& p_;
  const std::vector<store::VersionRecord>& bundle_;
  const std::string scratch_dir_;
  gates::PromotionManifest manifest_;
  std::string manifest_from_;
  std::vector<gates::GateResult> results_;
};

}  // namespace

Result<store::PromotionRecord> Service::CheckAndStore(
    store::PromotionRecord& p, const std::vector<store::VersionRecord>& bundle,
    std::string_view expected_state, nlohmann::json& details) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  std::vector<gates::GateResult> results =
      GateRun(*c, platform_, p, bundle,
              controls_.scratch_dir.empty() ? "/tmp" : controls_.scratch_dir)
          .Run();
  nlohmann::json stored = nlohmann::json::array();
  nlohmann::json summary = nlohmann::json::array();
  std::string first_failure;
  for (const auto& r : results) {
    stored.push_back(gates::ToJson(r));
    summary.push_back({{"gate", r.gate}, {"subject", r.subject}, {"passed", r.passed}});
    if (!r.passed && !r.skipped && first_failure.empty()) {
      // The first few messages: a gate's first line is often a heading.
      std::string said;
      for (std::size_t i = 0; i < r.messages.size() && i < 3; ++i) {
        said += (i == 0 ? "" : " ") + r.messages[i];
      }
      first_failure = r.gate + (r.subject.empty() ? "" : " (" + r.subject + ")") + ": " +
                      (said.empty() ? "failed" : said);
    }
  }
  p.gates = stored.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  p.updated_ms = NowMillis();
  if (!first_failure.empty()) {
    p.state = std::string(promotion::kFailed);
    p.message = "gate failed: " + first_failure;
  } else {
    // Approvals of this very content (an amendment back to content already
    // approved) still count.
    p.state =
        std::string(promotion::CurrentApprovals(p) >= ApprovalsNeeded(p.to) ? promotion::kApproved
                                                                            : promotion::kAwaiting);
    p.message.clear();
  }
  SLUICE_RETURN_IF_ERROR(controls_.promotions->UpdatePromotion(p, expected_state));
  details["state"] = p.state;
  details["gates"] = summary;
  return controls_.promotions->GetPromotion(p.id);
}

}  // namespace sluice::service
