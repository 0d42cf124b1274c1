// Promotion statements: what a signed attestation says about one promotion
// up the ladder (a bundle of dataset/model/pipeline versions moved, e.g.,
// Discovery -> Integration -> Production), in the shape of an in-toto
// Statement v1 (https://github.com/in-toto/attestation, spec/v1/statement.md):
//
//   {"_type": "https://in-toto.io/Statement/v1",
//    "subject": [{"name": "...", "digest": {"sha256": "<64 hex>"}}, ...],
//    "predicateType": "https://sluice.dev/attestation/promotion/v1",
//    "predicate": {...PromotionPredicate, snake_case as in the REST API...}}
//
// Field by field, with the rules ParseStatement enforces: docs/attestations.md.
// MakeStatement builds the JSON value; envelope.h signs it. ParseStatement
// reads one back, checking types and required fields, and, as the in-toto
// parsing rules ask, ignores fields it does not know (a later minor version
// may add some).
//
// Ownership: plain values. Thread-safety: stateless functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::attest {

inline constexpr std::string_view kStatementType = "https://in-toto.io/Statement/v1";
inline constexpr std::string_view kPromotionPredicateType =
    "https://sluice.dev/attestation/promotion/v1";

// ParseStatement refuses longer text (kResourceExhausted) before parsing it.
inline constexpr std::size_t kMaxStatementBytes = std::size_t{16} << 20;  // 16 MiB

// One promoted artifact. `digest` maps an algorithm to the lowercase hex
// digest; "sha256" is required (64 hex digits), others are carried as given.
struct Subject {
  std::string name;
  std::map<std::string, std::string> digest;

  friend bool operator==(const Subject&, const Subject&) = default;
};

struct PromotionPredicate {
  std::string promotion_id;
  std::string from;           // source environment
  std::string to;             // target environment
  std::string requester;      // principal who asked
  std::string runner;         // principal whose request carried it out
  std::string justification;  // the requester's "why"; may be empty
  std::string content_hash;   // the bundle's hash the approvals are bound to
  std::int64_t promoted_ms = 0;
  // Gate results, opaque JSON objects (each must be an object).
  std::vector<nlohmann::json> gates;
  // Objects {"approver": string, "decided_ms": int, "content_hash": string,
  // "comment": string (optional)}; other members are kept as given.
  std::vector<nlohmann::json> approvals;
  std::string platform;         // platform name
  std::string platform_digest;  // digest of the platform file in force
  std::int64_t policy_version = 0;
  bool rollback = false;

  friend bool operator==(const PromotionPredicate&, const PromotionPredicate&) = default;
};

// A statement read back: its subjects, its predicate, and the whole JSON
// value (unknown fields included) for callers that want more.
struct ParsedStatement {
  std::vector<Subject> subjects;
  PromotionPredicate predicate;
  nlohmann::json json;
};

// The statement JSON for `subjects` and `predicate`. Every predicate field
// is written, so equal inputs give equal values. Nothing is checked here;
// SignEnvelope checks the statement (with ParseStatement) before it signs.
nlohmann::json MakeStatement(const std::vector<Subject>& subjects,
                             const PromotionPredicate& predicate);

// Parses and checks a statement's JSON text. kInvalidArgument naming the
// first offending field ("predicate.promoted_ms must be ...") when it is not
// JSON, nests deeper than auditlog::kMaxJcsDepth, has the wrong _type or
// predicateType, or lacks a required field or has one of the wrong type;
// kResourceExhausted when longer than kMaxStatementBytes.
Result<ParsedStatement> ParseStatement(std::string_view json);

}  // namespace sluice::attest
