// Reading the `gates:` map of an environment: what a promotion into that environment must pass
// (GateSettings in model.h; the keys and their rules are in docs/platform-file.md, "Gates").
//
//   gates:
//     schema_compatibility: true        # default true
//     expectations: required            # off | optional | required, default optional
//     classification_declared: true     # default true
//     champion_alias: champion          # default champion
//     metrics:                          # metric -> rule; each rule sets min, max or max_regression
//       auc: {min: 0.7, max_regression: 0.02}
//       latency_ms: {max: 50, higher_is_better: false}
//     webhooks:
//       - {name: risk-review, url: "http://127.0.0.1:9000/check", timeout: 5s, retries: 2}
//     commands:
//       - {name: smoke, argv: [/usr/bin/python3, /opt/checks/smoke.py], timeout: 60s}
//     approvals: 2                      # 1..10, default 1
//     approver_roles: [approver, lead]  # default empty: any principal the policies let approve
//     rollback_fast_path: true          # default false
//
// Everything about one environment's gates is checked here, at the position of the offending
// value: types and spellings, ranges (timeouts, approvals, retries), URLs, argv[0], metric bounds
// (bad-value), gate names (name-format, and name-unique across the environment's webhooks and
// commands). Whether a promotion step enters the environment at all is a ladder rule
// (gates-unreachable, rules.h).
//
// Positions recorded: GateSettings::pos is the `gates` key; MetricRule::pos the metric's key;
// WebhookGate::pos and CommandGate::pos the start of the entry's map.
//
// Internal to the platform component (parser.cc calls it). Thread-safety: as yaml_reader.h.
#pragma once

#include <chrono>
#include <string>

#include "platform/model.h"
#include "platform/yaml_reader.h"

namespace sluice::platform::internal {

// Limits, also quoted in messages and docs/platform-file.md.
inline constexpr int kMaxApprovals = 10;
inline constexpr int kMaxWebhookRetries = 10;
inline constexpr std::chrono::milliseconds kMinWebhookTimeout{100};
inline constexpr std::chrono::milliseconds kMaxWebhookTimeout{5 * 60 * 1000};
inline constexpr std::chrono::seconds kMinCommandTimeout{1};
inline constexpr std::chrono::seconds kMaxCommandTimeout{3600};

// The settings `field` (the value of an environment's `gates` key) declares, defaults filled in.
// `env_context` names the environment in messages (`environment "production"`). Whatever is
// wrong is reported to `sink`; the caller tells a clean read from the sink's size, as for the
// other keys of an environment.
GateSettings ReadGates(const Field& field, const std::string& env_context, DiagnosticSink& sink);

}  // namespace sluice::platform::internal
