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

struct Platform {
  std::string name;
  std::string description;
  // When true, every step into a final environment (a production-data environment no data
  // step leaves) must start in an automation-mode environment.
  bool require_automation = false;
  std::vector<Environment> environments;  // ladder order, lowest first
  std::vector<PromotionStep> promotions;  // file order

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
  // The release train: the infra step from an infra-track environment to data-track
  // environments, or nullptr if the platform has none (e.g. no infra track).
  const PromotionStep* ReleaseTrain() const;
};

}  // namespace sluice::platform
