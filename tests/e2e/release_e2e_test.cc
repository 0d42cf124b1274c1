// End to end through the `sluice` CLI against a real `sluice serve`: an
// infra release train (issue 7). Components built in Infra Dev are released
// under a name, promoted to Infra Pre-Prod through its approvals by
// automation, then rolled into every production-data environment at once:
// all or nothing, with status, drift and rollback.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "e2e/e2e_fixture.h"

namespace sluice::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class ReleaseE2E : public SharedServerTest {
 protected:
  static std::string Component(const std::string& name, const std::string& content) {
    fs::path dir = fs::path(scratch_dir()) / name;
    fs::create_directories(dir);
    std::ofstream(dir / "image.txt") << content;
    return dir.string();
  }

  void SetUp() override {
    SharedServerTest::SetUp();
    CreatePrincipal("ivan", "user", {"infra-engineer"}, {});
    const std::string token = NewToken("ivan");
    ivan_ = As{token, OpenSession(token, "infra-dev", "release e2e")};
    CreatePrincipal("ci", "service", {"ci"}, {});
    ci_ = NewToken("ci");
    erin_ = UserWithToken("erin", {"approver"});
  }

  // Creates release `name` of the latest infra-dev/tools/spark and gets it
  // through Infra Pre-Prod.
  void ReleaseAndTest(const std::string& name, const std::string& content) {
    Ok(Cli({"push", Component(name, content), "infra-dev/tools/spark", "--kind", "component"},
           ivan_));
    Ok(Cli({"release", "create", name, "--component", "infra-dev/tools/spark", "--why",
            "a new spark image for everyone"},
           ivan_));
    RunResult promoted = Cli({"release", "promote", name, "--json"}, ivan_);
    Ok(promoted);
    const std::string id = StdoutJson(promoted)["id"];
    EXPECT_EQ(StdoutJson(promoted)["to"], "infra-preprod");
    EXPECT_EQ(Cli({"promote", "approve", id}, ivan_).code(), 3);  // not the requester
    Ok(Cli({"promote", "approve", id}, erin_));
    EXPECT_EQ(Cli({"promote", "run", id}, ivan_).code(), 3);  // automation only
    Ok(Cli({"promote", "run", id}, ci_));
  }

  nlohmann::json Status() {
    RunResult r = Cli({"release", "status", "--json"}, erin_);
    EXPECT_EQ(r.code(), 0) << r.Describe();
    return StdoutJson(r);
  }

  // The release each environment's spark component came from.
  static std::map<std::string, std::string> Running(const nlohmann::json& status) {
    std::map<std::string, std::string> out;
    for (const auto& env : status["environments"]) {
      for (const auto& c : env["components"]) {
        if (c["asset"] == "tools/spark") out[env["name"]] = c["release"];
      }
    }
    return out;
  }

  As ivan_;
  std::string ci_, erin_;
};

TEST_F(ReleaseE2E, ARollReachesEveryProductionEnvironmentOrNone) {
  Ok(Cli({"project", "create", "infra-dev/tools"}, ivan_));
  ReleaseAndTest("r1", "spark 3.5.0");
  // Not promoted yet: r0 does not exist; a person may not roll.
  EXPECT_EQ(Cli({"release", "roll", "r0"}, ci_).code(), 1);
  EXPECT_EQ(Cli({"release", "roll", "r1"}, ivan_).code(), 3);
  RunResult rolled = Cli({"release", "roll", "r1", "--json"}, ci_);
  Ok(rolled);
  EXPECT_EQ(StdoutJson(rolled)["placed"].size(), 3u);
  nlohmann::json s1 = Status();
  EXPECT_EQ(s1["latest_release"], "r1");
  EXPECT_TRUE(s1["drift"].empty()) << s1.dump(2);
  const std::map<std::string, std::string> all_r1 = {
      {"discovery", "r1"}, {"integration", "r1"}, {"production", "r1"}};
  EXPECT_EQ(Running(s1), all_r1);

  // r2 cannot land in Production (its project is over quota): no
  // environment changes, Discovery and Integration included.
  ReleaseAndTest("r2", "spark 3.5.1");
  Ok(Cli({"quota", "set", "production/tools", "1"}, admin()));
  RunResult failed = Cli({"release", "roll", "r2"}, ci_);
  EXPECT_EQ(failed.code(), 1) << failed.Describe();
  EXPECT_THAT(failed.err, HasSubstr("no environment changed"));
  EXPECT_EQ(Running(Status()), all_r1);
  RunResult listing = Cli({"ls", "discovery/tools", "--json"}, ci_);
  Ok(listing);

  // With room again, r2 rolls everywhere; rollback brings r1 back everywhere.
  Ok(Cli({"quota", "set", "production/tools", "0"}, admin()));
  Ok(Cli({"release", "roll", "r2"}, ci_));
  EXPECT_EQ(Running(Status()),
            (std::map<std::string, std::string>{
                {"discovery", "r2"}, {"integration", "r2"}, {"production", "r2"}}));
  RunResult back = Cli({"release", "rollback", "--json"}, ci_);
  Ok(back);
  EXPECT_EQ(StdoutJson(back)["release"], "r1");
  EXPECT_TRUE(StdoutJson(back)["rollback"].get<bool>());
  nlohmann::json s3 = Status();
  EXPECT_EQ(Running(s3), all_r1);
  EXPECT_TRUE(s3["drift"].empty()) << s3.dump(2);

  RunResult ls = Cli({"release", "ls", "--json"}, erin_);
  Ok(ls);
  EXPECT_EQ(StdoutJson(ls)["releases"].size(), 2u);
}

}  // namespace
}  // namespace sluice::e2e
