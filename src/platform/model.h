// The environment ladder as data: what a platform file describes once it has been parsed and
// checked (see docs/platform-file.md for the file format and the rules).
//
// A Platform lists its environments in ladder order, lowest (least controlled) first, and the
// promotion steps between them. A data step moves datasets, models and pipelines one rung up the
// data track; an infra step moves tool and image releases along the infra track, and the one
// infra step whose targets are data-track environments is the release train, which delivers to
// all production-data environments at once.
//
// Invariants: a Platform returned by ParsePlatform/Template has passed every rule in rules.h
// (unique valid names, acyclic promotions, ...). A Platform built by hand carries no such promise
// until CheckPlatform says so.
//
// Ownership and thread-safety: plain values; safe to share read-only between threads.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::platform {

enum class Track { kInfra, kData };
enum class DataClass { kSynthetic, kProduction };
enum class Mode { kInteractive, kAutomation };
enum class PromotionKind { kData, kInfra };

// Lowercase names, exactly as written in platform files ("infra", "production", ...).
std::string_view ToString(Track track);
std::string_view ToString(DataClass data);
std::string_view ToString(Mode mode);
std::string_view ToString(PromotionKind kind);

// The inverse of ToString; nullopt for anything else (case-sensitive).
std::optional<Track> ParseTrack(std::string_view text);
std::optional<DataClass> ParseDataClass(std::string_view text);
std::optional<Mode> ParseMode(std::string_view text);
std::optional<PromotionKind> ParsePromotionKind(std::string_view text);

// A 1-based position in the platform file; line 0 means "not from a file" (templates built in
// code, or a field that was not written and took its default).
struct SourcePos {
  int line = 0;
  int column = 0;
};

// A model metric a promotion into an environment must meet (docs/promotion.md, "Gates").
// `min`/`max` bound the candidate's value; `max_regression` bounds how much worse than the
// target's current champion it may be, in the metric's own units, "worse" meaning lower when
// `higher_is_better` and higher otherwise.
struct MetricRule {
  std::string metric;
  std::optional<double> min;
  std::optional<double> max;
  std::optional<double> max_regression;
  bool higher_is_better = true;
  SourcePos pos;
};

// POST the bundle's description to `url` (http only); pass or fail from the JSON answer.
struct WebhookGate {
  std::string name;
  std::string url;
  std::chrono::milliseconds timeout{5000};
  int retries = 2;  // further attempts after a failed one (connection error, 5xx, timeout)
  SourcePos pos;
};

// A command the platform's administrators registered: run with the bundle materialised
// read-only (its directory in SLUICE_BUNDLE_DIR and as the working directory); exit 0 passes.
struct CommandGate {
  std::string name;
  std::vector<std::string> argv;  // argv[0] is an absolute path; no shell
  std::chrono::seconds timeout{60};
  SourcePos pos;
};

enum class ExpectationsMode { kOff, kOptional, kRequired };
std::string_view ToString(ExpectationsMode mode);
std::optional<ExpectationsMode> ParseExpectationsMode(std::string_view text);

// What a promotion *into* an environment must pass: the `gates:` map of an environment in the
// platform file. The lineage gate is not configurable: it always runs.
struct GateSettings {
  // No column dropped or retyped (beyond widening) against the version now in the target,
  // unless the bundle's promotion.yaml declares the asset's change breaking.
  bool schema_compatibility = true;
  // Data expectation suites come from the bundle's promotion.yaml; kRequired fails a bundle
  // whose datasets have none.
  ExpectationsMode expectations = ExpectationsMode::kOptional;
  std::vector<MetricRule> metrics;
  // The alias whose version is the target's current model, for metric regressions.
  std::string champion_alias = "champion";
  // Detected classifications must be a subset of the declared ones.
  bool classification_declared = true;
  std::vector<WebhookGate> webhooks;
  std::vector<CommandGate> commands;
  // Approvals: how many distinct approvers, and which roles count (empty: any principal the
  // policies let approve).
  int approvals = 1;
  std::vector<std::string> approver_roles;
  // A rollback (re-promotion of a version the target held before) keeps its approvals but
  // skips the data gates (schema, expectations) when true.
  bool rollback_fast_path = false;

  SourcePos pos;  // the `gates` key; line 0 when defaulted
};

struct Environment {
  std::string name;
  Track track = Track::kData;
  DataClass data = DataClass::kSynthetic;
  Mode mode = Mode::kInteractive;
  // Where the environment's chunks live (a directory or bucket name); defaults to `name`.
  std::string storage_domain;
  // How long a copy made in this environment may live; nullopt means no limit.
  std::optional<std::chrono::seconds> copy_retention;
  std::string description;
  // What a promotion into this environment must pass. Defaulted (see GateSettings) when the
  // file does not say.
  GateSettings gates;

  // Where each field was written, for diagnostics.
  struct Positions {
    SourcePos entry;  // the start of the environment's map
    SourcePos name;
    SourcePos track;
    SourcePos data;
    SourcePos mode;
    SourcePos storage_domain;
  } pos;
};

// One step up the ladder: from one environment to one or more targets at once. Several targets
// only make sense for the release train (one release to every production-data environment).
struct PromotionStep {
  std::string from;
  std::vector<std::string> to;
  PromotionKind kind = PromotionKind::kData;

  struct Positions {
    SourcePos entry;
    SourcePos from;
    std::vector<SourcePos> to;  // parallel to `to` when parsed from a file; may be empty
    SourcePos kind;
  } pos;
};

// Masking on read (issue 8, docs/masking.md): how a column is shown to a principal whom the
// policies do not let read it in the clear.
enum class MaskMethod {
  kRedact,    // every value becomes "***"
  kTokenize,  // HMAC-SHA-256 with the environment's key: equal values, equal tokens
  kPartial,   // all but the last four characters become '*'
  kYear,      // a date keeps its year ("1984-03-12" -> "1984"); anything else is redacted
};
std::string_view ToString(MaskMethod method);
std::optional<MaskMethod> ParseMaskMethod(std::string_view text);

// One masking rule: a column matches when its scan found `detector` ("email"), or, for a rule
// naming a tag instead, when the column carries `tag` ("PII"). Exactly one of the two is set.
struct MaskRule {
  std::string detector;
  std::string tag;
  MaskMethod method = MaskMethod::kRedact;
  SourcePos pos;
};

// The detectors the scanner has (scan/detectors.h; a scan test keeps the two lists equal), and
// the tags it gives, as rules may name them.
std::span<const std::string_view> MaskableDetectors();
std::span<const std::string_view> MaskableTags();

// The rules a platform file without a `masking:` list gets (the templates write them out).
std::vector<MaskRule> DefaultMaskRules();

struct Platform {
  std::string name;
  std::string description;
  // When true, every step into a final environment (a production-data environment no data
  // step leaves) must start in an automation-mode environment.
  bool require_automation = false;
  std::vector<Environment> environments;  // ladder order, lowest first
  std::vector<PromotionStep> promotions;  // file order
  // First match wins; a column no rule matches is redacted.
  std::vector<MaskRule> masking = DefaultMaskRules();

  struct Positions {
    SourcePos name;
    SourcePos environments;  // the `environments` key
    SourcePos promotions;    // the `promotions` key
  } pos;

  // The environment called `name`, or nullptr. The pointer lives as long as this Platform is not
  // modified.
  const Environment* Find(std::string_view name) const;
  // Position of `name` on the ladder (0 = lowest), or nullopt.
  std::optional<size_t> LadderIndex(std::string_view name) const;
  // The steps that start in `name`, in file order.
  std::vector<const PromotionStep*> StepsFrom(std::string_view name) const;
  // True for Final Production: a production-data, automation-only
  // environment of the data track that no data promotion leaves.
  bool IsFinal(std::string_view name) const;
  // The release train: the infra step from an infra-track environment to data-track
  // environments, or nullptr if the platform has none (e.g. no infra track).
  const PromotionStep* ReleaseTrain() const;
};

}  // namespace sluice::platform
