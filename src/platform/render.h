// Platforms and diagnostics for people and scripts: the JSON that `--json` and the HTTP API
// return, and the table `sluice platform show` prints.
//
// JSON shapes (stable; clients depend on them):
//   Platform:   {"name", "description", "require_automation",
//                "environments": [{"name", "track", "data", "mode", "storage_domain",
//                                  "copy_retention_seconds" (number or null), "description",
//                                  "gates": {"schema_compatibility", "expectations",
//                                    "classification_declared", "champion_alias",
//                                    "metrics": [{"metric", "min", "max", "max_regression"
//                                                 (numbers or null), "higher_is_better"}],
//                                    "webhooks": [{"name", "url", "timeout_ms", "retries"}],
//                                    "commands": [{"name", "argv", "timeout_seconds"}],
//                                    "approvals", "approver_roles", "rollback_fast_path"}}],
//                "promotions": [{"from", "to": [..], "kind", "release_train" (bool)}]}
//   Diagnostic: {"file", "line", "column", "rule", "message"}
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "platform/diagnostic.h"
#include "platform/model.h"

namespace sluice::platform {

nlohmann::json ToJson(const Platform& platform);
nlohmann::json ToJson(const Diagnostic& diagnostic);

// A table of the ladder (highest first, the way people draw it) followed by the promotion paths
// and the gates of every environment a step enters.
std::string ToText(const Platform& platform);

}  // namespace sluice::platform
