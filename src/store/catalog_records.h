// Plain records of the data catalog kept by the metadata store: projects,
// assets and immutable asset versions (their file manifests, metadata,
// lineage inputs and the chunks they reference).
//
// The store keeps these as given. Meaning (ref syntax, version ids, what a
// manifest may contain) belongs to the catalog component (src/catalog).
//
// Thread-safety: values; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sluice::store {

struct ProjectRecord {
  std::string environment;
  std::string name;
  std::string created_by;
  std::int64_t created_ms = 0;
  std::uint64_t quota_bytes = 0;  // 0 = no limit
};

struct AssetRecord {
  std::string environment;
  std::string project;
  std::string name;
  std::string kind;  // dataset, feature-set, model, pipeline, component
  std::int64_t created_ms = 0;
  std::string latest;              // version id the `latest` alias names
  std::int64_t version_count = 0;  // filled in by listings
};

// One chunk a version references (its content id and size in bytes).
struct ChunkUse {
  std::string id;
  std::uint64_t size = 0;
  bool operator==(const ChunkUse&) const = default;
};

struct VersionRecord {
  std::string id;  // 64 hex digits (see docs/storage-format.md)
  std::string environment;
  std::string project;
  std::string asset;
  std::string kind;
  std::string domain;               // storage domain holding the chunks
  std::string manifest;             // canonical JSON of the files
  std::string metadata;             // canonical JSON (tags, schema, metrics, ...)
  std::vector<std::string> inputs;  // lineage: version ids, sorted
  std::string copy_of;              // source version id when a copy, else empty
  // When set, this version shares that version's chunk list instead of
  // storing its own (a copy within one domain); `chunks` is still filled
  // in on read. Must name a version this one depends on (kept alive by it).
  std::string chunks_of;
  std::string author;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> expires_ms;  // copies with a retention limit
  std::uint64_t bytes = 0;                 // sum of the files' sizes
  std::vector<ChunkUse> chunks;            // distinct chunks of all files
};

// A version reached by a lineage walk, `depth` steps from the start.
struct LineageNode {
  std::string id;
  std::string environment;
  std::string project;
  std::string asset;
  std::string kind;
  std::string copy_of;
  int depth = 0;
};

// An edge of the lineage graph: `version` was made from `input`.
struct LineageEdge {
  std::string input;
  std::string version;
  bool operator==(const LineageEdge&) const = default;
};

struct ProjectUsage {
  std::string environment;
  std::string project;
  std::uint64_t used_bytes = 0;  // distinct chunks, each counted once
  std::uint64_t quota_bytes = 0;
};

// What the scanner found in a version (issue 8): "scanning" until it is
// done, then "done" (or "failed" with the reason in `report`'s "error").
struct ScanRecord {
  std::string version;
  std::string state;                        // scanning, done, failed
  std::vector<std::string> classification;  // detected labels (PII, PHI, PCI, credential)
  std::string report;                       // JSON: per file, scan::ToJson
  std::int64_t updated_ms = 0;
};

// A request to remove labels from a version's classification (issue 8,
// docs/declassification.md), decided by approvers like a promotion.
struct DeclassificationDecision {
  std::string approver;
  bool approve = false;
  std::string comment;
  std::int64_t time_ms = 0;
  bool operator==(const DeclassificationDecision&) const = default;
};

struct DeclassificationRecord {
  std::string id;  // "dcl-" + 16 hex digits
  std::string version;
  std::string environment;          // the version's
  std::vector<std::string> labels;  // removed once approved (sorted, unique)
  std::string justification;
  std::string requester;
  std::string state;  // awaiting-approval, approved, rejected
  std::vector<DeclassificationDecision> decisions;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

// Logical bytes of the versions in one storage domain with one
// classification (the JSON array text, e.g. ["PCI"]; "[]" for none).
struct ClassifiedBytes {
  std::string domain;
  std::string classification;
  std::uint64_t bytes = 0;
};

// Copies per environment, and how many of them expire within a horizon.
struct CopyCount {
  std::string environment;
  std::uint64_t copies = 0;
  std::uint64_t expiring = 0;
};

}  // namespace sluice::store
