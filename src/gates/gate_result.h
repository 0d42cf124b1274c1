// GateResult: the outcome of one promotion gate about one subject, as plain data so that the
// service can store it with the promotion, show it to approvers and decide from it.
//
// Gate names are stable (stored, and matched by scripts): "schema", "expectations", "metrics",
// "classification", "webhook:NAME", "command:NAME", "lineage". A skipped gate (nothing to check,
// e.g. no champion yet, no suite declared where suites are optional) counts as passed.
//
// Every string a gate puts in a GateResult is valid UTF-8 (gates sanitise what they quote from
// data files, remote answers and process output), so ToJson(...).dump() never throws.
//
// Thread-safety: values and pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"

namespace sluice::gates {

struct GateResult {
  std::string gate;
  // The asset, file or version the check is about; may be empty (a bundle-wide gate).
  std::string subject;
  bool passed = false;
  bool skipped = false;
  // Human-readable findings, most important first.
  std::vector<std::string> messages;
  // The numbers the decision was made from (gate-specific; always an object).
  nlohmann::json measured = nlohmann::json::object();
};

// {"gate", "subject", "passed", "skipped", "messages", "measured"}.
nlohmann::json ToJson(const GateResult& result);

// The inverse of ToJson. kInvalidArgument naming the field for anything else. Unknown keys are
// ignored so a newer writer's additions do not break an older reader.
Result<GateResult> GateResultFromJson(const nlohmann::json& json);

// True when every result passed or was skipped (true for an empty list).
bool AllPassed(const std::vector<GateResult>& results);

}  // namespace sluice::gates
