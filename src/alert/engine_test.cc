#include "alert/engine.h"

#include <gtest/gtest.h>

#include "alert/event_view.h"
#include "alert/rule_parser.h"
#include "alert/test_util.h"

namespace sluice::alert {
namespace {

using testing::DefaultEngine;
using testing::Denial;
using testing::kGiB;
using testing::kSecond;
using testing::kT0;
using testing::MakeEvent;
using testing::Read;

// Observes the event and returns the ids of the rules that fired.
std::vector<std::string> Fire(AlertEngine& engine, const audit::Event& e,
                              std::vector<Alert>* alerts = nullptr) {
  std::vector<Alert> fired = engine.Observe(EventView(e));
  std::vector<std::string> ids;
  for (const Alert& a : fired) ids.push_back(a.rule_id);
  if (alerts != nullptr) *alerts = std::move(fired);
  return ids;
}

using Ids = std::vector<std::string>;

TEST(EngineTest, DenialBurstFiresAtTwentyNotNineteen) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  for (int i = 0; i < 19; ++i) {
    EXPECT_EQ(Fire(*engine, Denial("mallory", kT0 + i * 3 * kSecond)), Ids{}) << i;
  }
  std::vector<Alert> alerts;
  EXPECT_EQ(Fire(*engine, Denial("mallory", kT0 + 57 * kSecond), &alerts), Ids{"denial-burst"});
  ASSERT_EQ(alerts.size(), 1u);
  const Alert& a = alerts[0];
  EXPECT_EQ(a.id.size(), 32u);
  EXPECT_EQ(a.severity, "warning");
  EXPECT_EQ(a.state, "open");
  EXPECT_EQ(a.group, nlohmann::json({{"principal.name", "mallory"}}));
  EXPECT_EQ(a.value, 20);
  EXPECT_EQ(a.threshold, 20);
  EXPECT_EQ(a.first_ms, kT0);
  EXPECT_EQ(a.fired_ms, kT0 + 57 * kSecond);
  ASSERT_EQ(a.request_ids.size(), kMaxAlertRequestIds);
  EXPECT_EQ(a.request_ids.back(), "req-" + std::to_string(kT0 + 57 * kSecond));
  EXPECT_EQ(a.request_ids.front(), "req-" + std::to_string(kT0 + 30 * kSecond));
}

TEST(EngineTest, WindowSlides) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  // 20 denials spread over two minutes: never 20 within one.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(Fire(*engine, Denial("mallory", kT0 + i * 6300)), Ids{}) << i;
  }
  // Exactly 60 s apart, the first has left the window when the 20th arrives.
  for (int i = 0; i < 19; ++i) (void)Fire(*engine, Denial("eve", kT0 + i * kSecond));
  EXPECT_EQ(Fire(*engine, Denial("eve", kT0 + 60 * kSecond)), Ids{});
  EXPECT_EQ(Fire(*engine, Denial("eve", kT0 + 60 * kSecond + 1)), Ids{"denial-burst"});
}

TEST(EngineTest, GroupsAreSeparate) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  for (int i = 0; i < 19; ++i) {
    EXPECT_EQ(Fire(*engine, Denial("alice", kT0 + i * 100)), Ids{});
    EXPECT_EQ(Fire(*engine, Denial("bob", kT0 + i * 100 + 50)), Ids{});
  }
  EXPECT_EQ(Fire(*engine, Denial("bob", kT0 + 2000)), Ids{"denial-burst"});
  std::vector<Alert> alerts;
  EXPECT_EQ(Fire(*engine, Denial("alice", kT0 + 2001), &alerts), Ids{"denial-burst"});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].group["principal.name"], "alice");
}

TEST(EngineTest, SuppressesForOneWindowAfterFiring) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  std::int64_t t = kT0;
  for (int i = 0; i < 19; ++i) (void)Fire(*engine, Denial("mallory", t += 100));
  const std::int64_t fired_at = t += 100;
  EXPECT_EQ(Fire(*engine, Denial("mallory", fired_at)), Ids{"denial-burst"});
  // 40 more denials inside the next minute: suppressed.
  for (int i = 0; i < 40; ++i) EXPECT_EQ(Fire(*engine, Denial("mallory", t += 100)), Ids{});
  // One window after firing, the storm that went on fires again, once.
  std::vector<Alert> alerts;
  EXPECT_EQ(Fire(*engine, Denial("mallory", fired_at + 60 * kSecond), &alerts),
            Ids{"denial-burst"});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].value, 41);  // what accumulated since the first alert
  EXPECT_EQ(Fire(*engine, Denial("mallory", fired_at + 60 * kSecond + 1)), Ids{});
}

TEST(EngineTest, BulkSensitiveReadSumsPciAndPhiBytes) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  const nlohmann::json pci = {"PII", "PCI"}, phi = {"PHI"}, pii = {"PII"};
  // PII only: never.
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Fire(*engine, Read("carol", kT0 + i * kSecond, kGiB / 2, pii)), Ids{});
  }
  // Denied reads do not count either.
  audit::Event denied = Read("dave", kT0, 2 * kGiB, pci);
  denied.allowed = false;
  EXPECT_EQ(Fire(*engine, denied), Ids{});
  // PCI + PHI reads: 0.5 + 0.25 GiB do not fire; another 0.25 GiB reaches 1 GiB.
  EXPECT_EQ(Fire(*engine, Read("dave", kT0 + 1 * kSecond, kGiB / 2, pci)), Ids{});
  EXPECT_EQ(Fire(*engine, Read("dave", kT0 + 2 * kSecond, kGiB / 4, phi)), Ids{});
  std::vector<Alert> alerts;
  EXPECT_EQ(Fire(*engine, Read("dave", kT0 + 30 * 60 * kSecond, kGiB / 4, phi), &alerts),
            Ids{"bulk-sensitive-read"});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].value, kGiB);
  EXPECT_EQ(alerts[0].severity, "critical");
}

TEST(EngineTest, BulkSensitiveReadForgetsReadsOlderThanAnHour) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(Fire(*engine, Read("dave", kT0, kGiB / 2, {"PCI"})), Ids{});
  EXPECT_EQ(Fire(*engine, Read("dave", kT0 + 3600 * kSecond, kGiB / 2, {"PCI"})), Ids{});
  // Reads without a numeric byte count do not match.
  audit::Event no_bytes = Read("dave", kT0 + 3601 * kSecond, 0, {"PCI"});
  no_bytes.details["bytes_read"] = "lots";
  EXPECT_EQ(Fire(*engine, no_bytes), Ids{});
}

audit::Event ContractorRead(std::string from, std::string to, bool allowed, std::int64_t t) {
  audit::Event e = MakeEvent("asset.read", "contractor-1", allowed, t);
  e.details = {{"contractor", true}, {"cross_environment", {{"from", from}, {"to", to}}}};
  return e;
}

TEST(EngineTest, ContractorReadingProductionFromDiscovery) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(Fire(*engine, ContractorRead("discovery", "production", false, kT0)),
            Ids{"contractor-prod-read-from-discovery"});  // a denied attempt counts
  // Near misses: another source or target environment, an employee, no cross read.
  auto other = DefaultEngine();
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(Fire(*other, ContractorRead("integration", "production", true, kT0)), Ids{});
  EXPECT_EQ(Fire(*other, ContractorRead("discovery", "integration", true, kT0)), Ids{});
  audit::Event employee = ContractorRead("discovery", "production", true, kT0);
  employee.details["contractor"] = false;
  EXPECT_EQ(Fire(*other, employee), Ids{});
  audit::Event local = ContractorRead("discovery", "production", true, kT0);
  local.details.erase("cross_environment");
  EXPECT_EQ(Fire(*other, local), Ids{});
  EXPECT_EQ(Fire(*other, ContractorRead("discovery", "production", true, kT0 + 1)),
            Ids{"contractor-prod-read-from-discovery"});  // an allowed one too
}

TEST(EngineTest, BreakGlassOpenedFiresForEveryOpening) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(Fire(*engine, MakeEvent("breakglass.open", "oncall", true, kT0)),
            Ids{"break-glass-opened"});
  EXPECT_EQ(Fire(*engine, MakeEvent("breakglass.open", "oncall", true, kT0 + 1)),
            Ids{"break-glass-opened"});
  EXPECT_EQ(Fire(*engine, MakeEvent("breakglass.close", "oncall", true, kT0 + 2)), Ids{});
}

TEST(EngineTest, BreakGlassActivityOncePerSessionPerHour) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  auto in_session = [](std::string id, bool break_glass, std::int64_t t) {
    audit::Event e = MakeEvent("asset.read", "oncall", true, t);
    e.session = audit::SessionRef{std::move(id), "incident", "production", break_glass};
    return e;
  };
  EXPECT_EQ(Fire(*engine, in_session("s1", false, kT0)), Ids{});  // an ordinary session
  EXPECT_EQ(Fire(*engine, in_session("s1", true, kT0)), Ids{"break-glass-activity"});
  EXPECT_EQ(Fire(*engine, in_session("s1", true, kT0 + 10 * kSecond)), Ids{});
  EXPECT_EQ(Fire(*engine, in_session("s2", true, kT0 + 20 * kSecond)), Ids{"break-glass-activity"});
  std::vector<Alert> alerts;
  EXPECT_EQ(Fire(*engine, in_session("s1", true, kT0 + 3600 * kSecond), &alerts),
            Ids{"break-glass-activity"});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].group, nlohmann::json({{"session.id", "s1"}}));
}

TEST(EngineTest, AuditVerificationFailed) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  audit::Event ok = MakeEvent("audit.read", "auditor", true, kT0);
  ok.details = {{"check", "verify"}, {"ok", true}};
  EXPECT_EQ(Fire(*engine, ok), Ids{});
  audit::Event failed = ok;
  failed.details["ok"] = false;
  failed.time_ms += 1;
  EXPECT_EQ(Fire(*engine, failed), Ids{"audit-verification-failed"});
}

TEST(EngineTest, PolicyChange) {
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(Fire(*engine, MakeEvent("policy.push", "admin", true, kT0)), Ids{"policy-change"});
  EXPECT_EQ(Fire(*engine, MakeEvent("policy.rollback", "admin", true, kT0 + 1)),
            Ids{"policy-change"});
  EXPECT_EQ(Fire(*engine, MakeEvent("policy.show", "admin", true, kT0 + 2)), Ids{});
  audit::Event failed = MakeEvent("policy.push", "admin", true, kT0 + 3);
  failed.outcome = "invalid-argument";
  EXPECT_EQ(Fire(*engine, failed), Ids{});
}

std::unique_ptr<AlertEngine> EngineFor(const char* yaml, AlertEngineOptions options = {}) {
  Result<std::vector<AlertRule>> rules = ParseAlertRules(yaml, "test.yaml");
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  if (!rules.ok()) return nullptr;
  Result<std::unique_ptr<AlertEngine>> engine = AlertEngine::Make(*rules, options);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return engine.ok() ? std::move(*engine) : nullptr;
}

constexpr char kPerPrincipal[] = R"(rules:
  - id: two
    description: d
    severity: info
    when: []
    window: 10s
    group_by: [principal.name]
    threshold: 2
)";

TEST(EngineTest, CapsGroupsAndErasesEmptyOnes) {
  auto engine = EngineFor(kPerPrincipal, {.max_groups_per_rule = 2});
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(Fire(*engine, Denial("a", kT0)), Ids{});
  EXPECT_EQ(Fire(*engine, Denial("b", kT0)), Ids{});
  EXPECT_EQ(Fire(*engine, Denial("c", kT0)), Ids{});  // a third group: not counted
  EXPECT_EQ(Fire(*engine, Denial("c", kT0 + 1)), Ids{});
  EXPECT_EQ(engine->group_overflows(), 2u);
  EXPECT_EQ(engine->live_groups(), 2u);
  EXPECT_EQ(Fire(*engine, Denial("a", kT0 + 2)), Ids{"two"});
  // Once the windows have emptied (and a's suppression is over), the groups are erased and c
  // gets a place.
  EXPECT_EQ(Fire(*engine, Denial("c", kT0 + 20 * kSecond)), Ids{});
  EXPECT_EQ(engine->live_groups(), 1u);
  EXPECT_EQ(Fire(*engine, Denial("c", kT0 + 20 * kSecond + 1)), Ids{"two"});
  EXPECT_EQ(engine->group_overflows(), 2u);
}

TEST(EngineTest, OutOfOrderEventsDoNotRewindTheWindow) {
  auto engine = EngineFor(kPerPrincipal);
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(Fire(*engine, Denial("a", kT0 + 60 * kSecond)), Ids{});
  EXPECT_EQ(Fire(*engine, Denial("a", kT0)), Ids{"two"});  // counted at the latest time seen
}

TEST(EngineTest, IgnoresViewsWithoutTime) {
  auto engine = EngineFor(kPerPrincipal);
  ASSERT_NE(engine, nullptr);
  nlohmann::json view = EventView(Denial("a", kT0));
  view.erase("time_ms");
  EXPECT_TRUE(engine->Observe(view).empty());
  EXPECT_TRUE(engine->Observe(view).empty());
}

TEST(EngineTest, MakeRefusesBrokenRules) {
  AlertRule rule;
  rule.id = "r";
  rule.severity = "info";
  rule.window = std::chrono::seconds(1);
  rule.threshold = 1;
  EXPECT_TRUE(AlertEngine::Make({rule}).ok());
  EXPECT_FALSE(AlertEngine::Make({rule, rule}).ok());  // duplicate id
  AlertRule bad = rule;
  bad.threshold = 0;
  EXPECT_EQ(AlertEngine::Make({bad}).status().code(), StatusCode::kInvalidArgument);
  bad = rule;
  bad.window = std::chrono::seconds(0);
  EXPECT_FALSE(AlertEngine::Make({bad}).ok());
  bad = rule;
  bad.group_by = {"principal.nmae"};
  EXPECT_FALSE(AlertEngine::Make({bad}).ok());
  bad = rule;
  bad.disabled = true;
  EXPECT_FALSE(AlertEngine::Make({bad}).ok());
}

}  // namespace
}  // namespace sluice::alert
