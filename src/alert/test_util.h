// Test helpers for the alert component: audit events as the service records them, and an
// engine over the built-in rules. For tests only.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>

#include "alert/default_rules.h"
#include "alert/engine.h"
#include "audit/event.h"

namespace sluice::alert::testing {

// 2025-11-26T07:06:44.123Z.
inline constexpr std::int64_t kT0 = 1764140804123;
inline constexpr std::int64_t kSecond = 1000;
inline constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

inline audit::Event MakeEvent(std::string action, std::string principal, bool allowed,
                              std::int64_t time_ms, std::string request_id = "") {
  audit::Event e;
  e.time_ms = time_ms;
  e.request_id = request_id.empty() ? "req-" + std::to_string(time_ms) : std::move(request_id);
  e.principal = std::move(principal);
  e.principal_kind = "user";
  e.action = std::move(action);
  e.resource_type = "Asset";
  e.resource_id = "discovery/p/a";
  e.allowed = allowed;
  e.outcome = allowed ? "ok" : "permission-denied";
  e.client_address = "127.0.0.1";
  e.user_agent = "sluice-cli/0.1";
  return e;
}

inline audit::Event Denial(std::string principal, std::int64_t time_ms) {
  return MakeEvent("asset.read", std::move(principal), false, time_ms);
}

inline audit::Event Read(std::string principal, std::int64_t time_ms, double bytes,
                         nlohmann::json classification) {
  audit::Event e = MakeEvent("asset.read", std::move(principal), true, time_ms);
  e.details = {{"bytes_read", bytes}, {"classification", std::move(classification)}};
  return e;
}

// An engine over the built-in rules; fails the test if they do not load.
inline std::unique_ptr<AlertEngine> DefaultEngine(AlertEngineOptions options = {}) {
  Result<std::vector<AlertRule>> rules = DefaultAlertRuleSet();
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  if (!rules.ok()) return nullptr;
  Result<std::unique_ptr<AlertEngine>> engine = AlertEngine::Make(*rules, options);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return engine.ok() ? std::move(*engine) : nullptr;
}

}  // namespace sluice::alert::testing
