// End to end through the `sluice` CLI against a real `sluice serve`:
// promotion up the ladder (issue 7): request, independent approvals bound to
// the bundle's content, runs by automation only, one rung at a time, the
// lineage gate.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "e2e/e2e_fixture.h"

namespace sluice::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class PromotionE2E : public SharedServerTest {
 protected:
  static std::string Dataset(const std::string& name, const std::string& body) {
    fs::path dir = fs::path(scratch_dir()) / name;
    fs::create_directories(dir);
    std::ofstream(dir / "data.csv") << "id,score\n" << body;
    return dir.string();
  }

  // Dana (data engineer, Discovery session), CI, two approvers.
  void SetUp() override {
    SharedServerTest::SetUp();
    CreatePrincipal("dana", "user", {"data-engineer"}, {});
    const std::string token = NewToken("dana");
    dana_ = As{token, OpenSession(token, "discovery", "promotion e2e")};
    CreatePrincipal("ci", "service", {"ci"}, {});
    ci_ = NewToken("ci");
    erin_ = UserWithToken("erin", {"approver"});
    fred_ = UserWithToken("fred", {"approver"});
  }

  // `promote request ... --json`: the new promotion's id, or "" (and a failure).
  std::string Request(const std::vector<std::string>& refs, const std::string& to) {
    std::vector<std::string> args = {"promote", "request"};
    args.insert(args.end(), refs.begin(), refs.end());
    args.insert(args.end(), {"--to", to, "--why", "a better churn model", "--json"});
    RunResult r = Cli(args, dana_);
    EXPECT_EQ(r.code(), 0) << r.Describe();
    const nlohmann::json doc = StdoutJson(r);
    return doc.is_object() && doc.contains("id") ? doc["id"].get<std::string>() : "";
  }

  As dana_;
  std::string ci_, erin_, fred_;
};

TEST_F(PromotionE2E, ABundleClimbsTheLadderOnlyThroughApprovalsAndAutomation) {
  Ok(Cli({"project", "create", "discovery/churn"}, dana_));
  Ok(Cli({"push", Dataset("model", "1,0.5\n"), "discovery/churn/model", "--kind", "model"}, dana_));

  // A step the ladder does not have is refused, and nothing is stored.
  RunResult two_rungs = Cli({"promote", "request", "discovery/churn/model", "--to", "production",
                             "--why", "straight to prod"},
                            dana_);
  EXPECT_EQ(two_rungs.code(), 1) << two_rungs.Describe();
  EXPECT_THAT(two_rungs.err, HasSubstr("one rung at a time"));

  const std::string id = Request({"discovery/churn/model"}, "integration");
  ASSERT_FALSE(id.empty());
  // Not yet approved: the run is refused.
  EXPECT_EQ(Cli({"promote", "run", id}, ci_).code(), 1);
  // The requester (and author) may not approve their own work.
  EXPECT_EQ(Cli({"promote", "approve", id}, dana_).code(), 3);
  RunResult approved =
      Cli({"promote", "approve", id, "--comment", "metrics look right", "--json"}, erin_);
  Ok(approved);
  EXPECT_EQ(StdoutJson(approved)["state"], "approved");

  // A person may not run it, an admin neither; a service does.
  EXPECT_EQ(Cli({"promote", "run", id}, dana_).code(), 3);
  EXPECT_EQ(Cli({"promote", "run", id}, admin()).code(), 3);
  RunResult ran = Cli({"promote", "run", id, "--json"}, ci_);
  Ok(ran);
  const nlohmann::json promoted = StdoutJson(ran);
  EXPECT_EQ(promoted["state"], "promoted");
  ASSERT_EQ(promoted["promoted"].size(), 1u);
  EXPECT_EQ(Cli({"promote", "run", id}, ci_).code(), 1);  // once

  // The version is in Integration, with lineage back to Discovery.
  RunResult lineage = Cli({"lineage", "integration/churn/model", "--up", "--json"}, ci_);
  Ok(lineage);
  EXPECT_THAT(lineage.out, HasSubstr("discovery"));

  // Production needs two approvals.
  RunResult up = Cli({"promote", "request", "integration/churn/model", "--to", "production",
                      "--why", "passed integration", "--json"},
                     ci_);
  Ok(up);
  const std::string prod = StdoutJson(up)["id"];
  Ok(Cli({"promote", "approve", prod}, erin_));
  EXPECT_EQ(Cli({"promote", "run", prod}, ci_).code(), 1);        // one approval of two
  EXPECT_NE(Cli({"promote", "approve", prod}, erin_).code(), 0);  // once per approver
  Ok(Cli({"promote", "approve", prod}, fred_));
  Ok(Cli({"promote", "run", prod}, ci_));
  Ok(Cli({"show", "production/churn/model"}, ci_));

  RunResult ls = Cli({"promote", "ls", "--json"}, dana_);
  Ok(ls);
  const nlohmann::json list = StdoutJson(ls);
  ASSERT_EQ(list["promotions"].size(), 2u);
  for (const auto& p : list["promotions"]) {
    for (const char* key : {"id", "state", "from", "to", "versions", "requester"}) {
      EXPECT_TRUE(p.contains(key)) << key;
    }
  }
  // Each step is an audit event.
  int promotion_events = 0;
  for (const auto& e : server().Events()) {
    promotion_events += e["action"].get<std::string>().rfind("promotion.", 0) == 0 &&
                        e["decision"] == "allow" && e["outcome"] == "ok";
  }
  EXPECT_GE(promotion_events, 8);
}

TEST_F(PromotionE2E, TheLineageGateRefusesInputsBelowTheTarget) {
  Ok(Cli({"project", "create", "discovery/feat"}, dana_));
  Ok(Cli({"push", Dataset("raw", "1,1\n"), "discovery/feat/raw"}, dana_));
  Ok(Cli({"push", Dataset("features", "1,2\n"), "discovery/feat/features", "--input",
          "discovery/feat/raw"},
         dana_));
  // Its input stays in Discovery: refused.
  RunResult alone = Cli({"promote", "request", "discovery/feat/features", "--to", "integration",
                         "--why", "features for the model"},
                        dana_);
  EXPECT_EQ(alone.code(), 1) << alone.Describe();
  EXPECT_THAT(alone.err, HasSubstr("lineage gate"));
  // With its input in the bundle: accepted.
  EXPECT_FALSE(Request({"discovery/feat/features", "discovery/feat/raw"}, "integration").empty());
  // A scratch copy (it expires) is never promoted.
  Ok(Cli({"copy", "discovery/feat/raw", "discovery/feat/scratch", "--ttl", "1d"}, dana_));
  RunResult scratch = Cli({"promote", "request", "discovery/feat/scratch", "--to", "integration",
                           "--why", "a scratch copy upwards"},
                          dana_);
  EXPECT_EQ(scratch.code(), 1) << scratch.Describe();
  EXPECT_THAT(scratch.err, HasSubstr("scratch copy"));
  // Cancel by the requester.
  const std::string id = Request({"discovery/feat/raw"}, "integration");
  RunResult cancelled = Cli({"promote", "cancel", id, "--json"}, dana_);
  Ok(cancelled);
  EXPECT_EQ(StdoutJson(cancelled)["state"], "cancelled");
  EXPECT_NE(Cli({"promote", "approve", id}, erin_).code(), 0);
}

}  // namespace
}  // namespace sluice::e2e
