// End to end through the `sluice` CLI against a real `sluice serve`: the
// controls of issue 6 under the default policy pack: sessions, the
// automation-only rungs, contractors and classifications, policy pushes,
// break-glass, and the alerts they raise.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "e2e/e2e_fixture.h"

namespace sluice::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class ControlsE2E : public SharedServerTest {
 protected:
  static std::string Dataset(const std::string& name) {
    fs::path dir = fs::path(scratch_dir()) / name;
    fs::create_directories(dir);
    std::ofstream(dir / "cards.csv") << "id,pan\n1,4111111111111111\n2,5500000000000004\n";
    return dir.string();
  }

  // A user with roles and attributes, and a Discovery session.
  static As UserInDiscovery(const std::string& name, const std::vector<std::string>& roles,
                            const std::vector<std::string>& attributes) {
    CreatePrincipal(name, "user", roles, attributes);
    const std::string token = NewToken(name);
    return As{token, OpenSession(token, "discovery", "controls e2e")};
  }
  static std::string Service(const std::string& name, const std::vector<std::string>& roles) {
    CreatePrincipal(name, "service", roles, {"clearances=[PII,PHI,PCI]"});
    return NewToken(name);
  }

  // The ids of the alerts the server raised so far (rules run on their own
  // thread, so this waits up to 10 s for `rule` to appear).
  static std::vector<std::string> AlertRulesFired(const std::string& reader,
                                                  const std::string& rule) {
    std::vector<std::string> rules;
    RunResult r;
    for (int attempt = 0; attempt < 100; ++attempt) {
      rules.clear();
      r = Cli({"alert", "ls", "--state", "all", "--json"}, reader);
      if (r.code() != 0) {
        ADD_FAILURE() << r.Describe();
        return rules;
      }
      const nlohmann::json doc = StdoutJson(r);
      for (const auto& a : doc["alerts"]) rules.push_back(a["rule_id"]);
      if (std::find(rules.begin(), rules.end(), rule) != rules.end()) return rules;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "no " << rule << " alert:\n" << r.Describe();
    return rules;
  }
};

TEST_F(ControlsE2E, AContractorIsDeniedPciDataAndAnAlertIsRaised) {
  const std::string ci = Service("ci", {"ci"});
  const As dana = UserInDiscovery("dana", {"data-engineer"}, {"clearances=[PII,PHI,PCI]"});
  const As carl = UserInDiscovery("carl", {"data-scientist"},
                                  {"clearances=[PII,PHI,PCI]", "contractor=true", "country=XX"});
  const std::string sec = UserWithToken("sam", {"security"});
  Ok(Cli({"project", "create", "discovery/cards"}, dana));
  Ok(Cli({"push", Dataset("cards"), "discovery/cards/pans", "--tag", "classification=PCI"}, dana));
  // A production pipeline writes its output into Production.
  const std::string pipeline = Service("scorer", {"pipeline"});
  Ok(Cli({"project", "create", "production/cards"}, ci));
  Ok(Cli({"push", Dataset("cards-prod"), "production/cards/pans", "--tag", "classification=PCI"},
         pipeline));

  // Dana (cleared, not a contractor) reads both, Production from her Discovery session.
  Ok(Cli({"pull", "discovery/cards/pans", scratch_dir() + "/dana-pull"}, dana));
  Ok(Cli({"show", "production/cards/pans"}, dana));
  // Carl is a contractor: PCI is denied, in Discovery and from Discovery into Production.
  EXPECT_EQ(Cli({"pull", "discovery/cards/pans", scratch_dir() + "/carl-pull"}, carl).code(), 3);
  RunResult cross = Cli({"show", "production/cards/pans"}, carl);
  EXPECT_EQ(cross.code(), 3) << cross.Describe();

  bool denial_with_session = false;
  for (const auto& e : server().Events()) {
    if (e["principal"]["name"] == "carl" && e["action"] == "asset.read" &&
        e["decision"] == "deny" && e["environment"] == "production") {
      denial_with_session = e["session"].is_object() && e["session"]["purpose"] == "controls e2e" &&
                            e["details"]["cross_environment"]["from"] == "discovery" &&
                            e["determining_policies"] == nlohmann::json({"contractors-no-phi-pci"});
    }
  }
  EXPECT_TRUE(denial_with_session);
  EXPECT_THAT(AlertRulesFired(sec, "contractor-prod-read-from-discovery"),
              ::testing::Contains("contractor-prod-read-from-discovery"));
  // Alerts are for security: a data scientist may not list them.
  EXPECT_EQ(Cli({"alert", "ls"}, dana).code(), 3);
}

TEST_F(ControlsE2E, ProductionIsAutomationOnly) {
  const std::string ci = Service("ci", {"ci"});
  const As dana = UserInDiscovery("dana", {"data-engineer"}, {"clearances=[PII]"});
  Ok(Cli({"project", "create", "production/models"}, ci));
  Ok(Cli({"project", "create", "discovery/models"}, dana));
  Ok(Cli({"push", Dataset("model"), "discovery/models/churn"}, dana));
  // A person writes into Production: denied, admin included.
  EXPECT_EQ(Cli({"push", Dataset("model"), "production/models/churn"}, dana).code(), 3);
  EXPECT_EQ(Cli({"push", Dataset("model"), "production/models/churn"}, admin()).code(), 3);
  EXPECT_EQ(Cli({"copy", "discovery/models/churn", "production/models/churn"}, dana).code(), 3);
  // Automation neither copies into Final Production nor moves its aliases:
  // only a promotion does (promotion_e2e_test.cc, gates_e2e_test.cc). A
  // production pipeline writes its outputs there.
  EXPECT_EQ(Cli({"copy", "discovery/models/churn", "production/models/churn"}, ci).code(), 3);
  EXPECT_EQ(Cli({"push", Dataset("model"), "production/models/churn"}, ci).code(), 3);
  const std::string pipeline = Service("nightly", {"pipeline"});
  Ok(Cli({"push", Dataset("model"), "production/models/churn"}, pipeline));
  EXPECT_EQ(Cli({"alias", "set", "production/models/churn", "champion"}, dana).code(), 3);
  EXPECT_EQ(Cli({"alias", "set", "production/models/churn", "champion"}, ci).code(), 3);
  EXPECT_EQ(Cli({"alias", "set", "production/models/churn", "champion"}, pipeline).code(), 3);
}

TEST_F(ControlsE2E, APolicyPushThatFailsValidationChangesNothing) {
  const std::string sec = UserWithToken("sam", {"security"});
  RunResult before = Cli({"policy", "ls", "--json"}, admin());
  Ok(before);
  ASSERT_EQ(StdoutJson(before)["versions"].size(), 1u);

  const std::string bad = scratch_dir() + "/bad.cedar";
  std::ofstream(bad) << "@id(\"wizards\")\npermit (principal is Wizard, action, resource);\n";
  RunResult refused = Cli({"policy", "push", bad}, admin());
  EXPECT_EQ(refused.code(), 1) << refused.Describe();
  EXPECT_THAT(refused.err, HasSubstr("Wizard"));
  EXPECT_EQ(StdoutJson(Cli({"policy", "ls", "--json"}, admin()))["versions"].size(), 1u);

  // A valid push: the default pack plus one more policy, then rolled back.
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(std::string(SLUICE_SOURCE_DIR) + "/policies")) {
    if (e.path().extension() == ".cedar") files.push_back(e.path().string());
  }
  const std::string extra = scratch_dir() + "/50-analysts.cedar";
  std::ofstream(extra) << "// Analysts browse metadata.\n@id(\"analysts-browse\")\npermit "
                          "(principal is User, action in Action::\"catalog-browse\", resource)\n"
                          "when { principal.roles.contains(\"analyst\") };\n";
  files.push_back(extra);
  std::vector<std::string> args = {"policy", "push"};
  args.insert(args.end(), files.begin(), files.end());
  args.insert(args.end(), {"--comment", "analysts"});
  const std::string ana = UserWithToken("ana", {"analyst"});
  EXPECT_EQ(Cli({"ls", "discovery"}, ana).code(), 3);
  Ok(Cli(args, admin()));
  Ok(Cli({"ls", "discovery"}, ana));
  RunResult diff = Cli({"policy", "diff", "1", "2"}, admin());
  Ok(diff);
  EXPECT_THAT(diff.out, HasSubstr("+@id(\"analysts-browse\")"));
  Ok(Cli({"policy", "rollback", "1"}, admin()));
  EXPECT_EQ(Cli({"ls", "discovery"}, ana).code(), 3);
  EXPECT_EQ(StdoutJson(Cli({"policy", "ls", "--json"}, admin()))["versions"].size(), 3u);
  EXPECT_EQ(Cli({"policy", "push", extra}, ana).code(), 3);  // admins only
  EXPECT_THAT(AlertRulesFired(sec, "policy-change"), ::testing::Contains("policy-change"));
}

TEST_F(ControlsE2E, ASessionThatExpiresMidWorkDeniesTheNextRequest) {
  CreatePrincipal("dana", "user", {"data-engineer"}, {});
  const std::string token = NewToken("dana");
  RunResult opened = Cli(
      {"session", "open", "--env", "discovery", "--purpose", "quick look", "--ttl", "2s", "--json"},
      token);
  Ok(opened);
  const As dana{token, StdoutJson(opened)["token"]};
  Ok(Cli({"project", "create", "discovery/short"}, dana));
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  RunResult late = Cli({"push", Dataset("late"), "discovery/short/x"}, dana);
  EXPECT_NE(late.code(), 0);
  EXPECT_THAT(late.err, HasSubstr("expired"));
  RunResult ls = Cli({"session", "ls", "--ended", "--json"}, token);
  Ok(ls);
  ASSERT_EQ(StdoutJson(ls)["sessions"].size(), 1u);
  EXPECT_EQ(StdoutJson(ls)["sessions"][0]["open"], false);
}

TEST_F(ControlsE2E, BreakGlassNeedsTwoApproversWhoAreNotTheRequester) {
  const std::string ci = Service("ci", {"ci"});
  CreatePrincipal("dana", "user", {"data-engineer"}, {});
  const std::string dana = NewToken("dana");
  const std::string erin = UserWithToken("erin", {"approver"});
  const std::string fred = UserWithToken("fred", {"approver"});
  const std::string sec = UserWithToken("sam", {"security"});
  Ok(Cli({"project", "create", "production/fix"}, ci));

  RunResult asked = Cli({"breakglass", "request", "--env", "production", "--reason",
                         "the nightly pipeline wrote corrupt rows", "--json"},
                        dana);
  Ok(asked);
  const std::string id = StdoutJson(asked)["id"];
  EXPECT_EQ(Cli({"breakglass", "approve", id}, dana).code(), 3);  // not your own
  Ok(Cli({"breakglass", "approve", id, "--comment", "seen the incident"}, erin));
  EXPECT_NE(Cli({"breakglass", "approve", id}, erin).code(), 0);  // once per approver
  RunResult early = Cli({"breakglass", "open", id}, dana);
  EXPECT_EQ(early.code(), 1) << early.Describe();  // one approval: stays closed
  EXPECT_THAT(early.err, HasSubstr("2 approvals"));

  Ok(Cli({"breakglass", "approve", id}, fred));
  EXPECT_EQ(Cli({"breakglass", "open", id}, erin).code(), 3);  // only the requester opens it
  RunResult opened = Cli({"breakglass", "open", id, "--json"}, dana);
  Ok(opened);
  const As glass{dana, StdoutJson(opened)["token"]};
  EXPECT_EQ(StdoutJson(opened)["break_glass"], true);
  Ok(Cli({"push", Dataset("fix"), "production/fix/rows"}, glass));
  EXPECT_NE(Cli({"breakglass", "open", id}, dana).code(), 0);  // used once
  EXPECT_THAT(AlertRulesFired(sec, "break-glass-activity"),
              ::testing::IsSupersetOf({"break-glass-opened", "break-glass-activity"}));
}

TEST_F(ControlsE2E, PrometheusScrapesMetricsWithAMonitoringToken) {
  const As dana = UserInDiscovery("dana", {"data-engineer"}, {"clearances=[PCI]"});
  Ok(Cli({"project", "create", "discovery/m"}, dana));
  Ok(Cli({"push", Dataset("metrics"), "discovery/m/pans", "--tag", "classification=PCI"}, dana));
  Ok(Cli({"copy", "discovery/m/pans", "discovery/m/scratch", "--ttl", "1h"}, dana));
  const std::string prom = Service("prometheus", {"monitoring"});
  http::Response scrape = *server().Send("GET", "/metrics", prom);
  ASSERT_EQ(scrape.status, 200) << scrape.body;
  EXPECT_THAT(scrape.headers.Get("content-type"), HasSubstr("version=0.0.4"));
  for (const char* line :
       {"sluice_http_requests_total{method=\"POST\",route=\"/api/v1/sessions\",status=\"201\"} 1",
        "sluice_authz_decisions_total{action=\"asset.write\",decision=\"allow\"}",
        "sluice_stored_bytes{domain=\"discovery\",classification=\"PCI\"}",
        "sluice_copies{environment=\"discovery\"} 1",
        "sluice_copies_expiring_24h{environment=\"discovery\"} 1", "sluice_sessions_open 1",
        "sluice_audit_append_duration_seconds_count"}) {
    EXPECT_THAT(scrape.body, HasSubstr(line));
  }
  EXPECT_EQ(server().Send("GET", "/metrics", "")->status, 401);
  EXPECT_EQ(server().Send("GET", "/metrics", dana.token)->status, 403);
}

}  // namespace
}  // namespace sluice::e2e
