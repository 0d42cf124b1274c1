// Sample promotions for the attest tests and the fuzzer's key. For tests
// only. Thread-safety: functions returning fresh values.
#pragma once

#include <string>
#include <vector>

#include "attest/statement.h"
#include "auditlog/signing_key.h"
#include "common/crypto.h"

namespace sluice::attest::testing {

inline std::vector<Subject> SampleSubjects() {
  return {{"dataset/churn@v3", {{"sha256", Sha256Hex("churn dataset, version 3")}}},
          {"model/churn-xgb@v12", {{"sha256", Sha256Hex("churn model, version 12")}}}};
}

inline PromotionPredicate SamplePredicate() {
  PromotionPredicate p;
  p.promotion_id = "5e1f0c2a9b8d7e6f5a4b3c2d";
  p.from = "integration";
  p.to = "production";
  p.requester = "alice";
  p.runner = "alice";
  p.justification = "Q3 churn model, validated on holdout (AUC 0.91)";
  p.content_hash = Sha256Hex("production: the two versions");
  p.promoted_ms = 1764140804123;
  p.gates = {{{"gate", "lineage"}, {"passed", true}},
             {{"gate", "approvals"}, {"passed", true}, {"needed", 1}, {"got", 1}}};
  p.approvals = {{{"approver", "bob"},
                  {"decided_ms", 1764140700000},
                  {"content_hash", p.content_hash},
                  {"comment", "looks good"}}};
  p.platform = "acme-ds";
  p.platform_digest = Sha256Hex("the platform file");
  p.policy_version = 7;
  p.rollback = false;
  return p;
}

// The key the fuzzer verifies with; the seed envelopes in
// tests/fuzz/attestation/ are signed with it.
inline auditlog::SigningKey FuzzKey() {
  return *auditlog::SigningKey::FromSeed(std::string(32, 'S'));
}

}  // namespace sluice::attest::testing
