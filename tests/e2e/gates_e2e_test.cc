// End to end through the `sluice` CLI against a real `sluice serve` (the
// five-stage template's gates): promotion gates passing and failing
// (expectations, schema, metrics, classification), approvals going stale
// when the bundle changes, the lineage gate at Production, aliases in
// Production moving only by promotion, rollback through approvals, and the
// signed attestation verified offline.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "e2e/e2e_fixture.h"

namespace sluice::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class GatesE2E : public SharedServerTest {
 protected:
  // A directory DIR/name holding `files` (name -> content).
  static std::string Dir(const std::string& name,
                         const std::vector<std::pair<std::string, std::string>>& files) {
    fs::path dir = fs::path(scratch_dir()) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& [file, content] : files) std::ofstream(dir / file) << content;
    return dir.string();
  }

  static std::string File(const std::string& name, const std::string& content) {
    fs::path path = fs::path(scratch_dir()) / name;
    std::ofstream(path) << content;
    return path.string();
  }

  void SetUp() override {
    SharedServerTest::SetUp();
    const std::string suffix = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    // Names unique per test: the suite shares one server.
    static int n = 0;
    ++n;
    tag_ = std::to_string(n);
    CreatePrincipal("dana" + tag_, "user", {"data-engineer"}, {"clearances=[PII]"});
    const std::string token = NewToken("dana" + tag_);
    dana_ = As{token, OpenSession(token, "discovery", "gates e2e " + suffix)};
    CreatePrincipal("ci" + tag_, "service", {"ci"}, {});
    ci_ = NewToken("ci" + tag_);
    erin_ = UserWithToken("erin" + tag_, {"approver"});
    fred_ = UserWithToken("fred" + tag_, {"approver"});
    project_ = "p" + tag_;
    Ok(Cli({"project", "create", "discovery/" + project_}, dana_));
  }

  // `promote request REFS --to TO --json` by `as`: the promotion document.
  nlohmann::json Request(const std::vector<std::string>& refs, const std::string& to,
                         const std::vector<std::string>& more = {}) {
    std::vector<std::string> args = {"promote", "request"};
    args.insert(args.end(), refs.begin(), refs.end());
    args.insert(args.end(), {"--to", to, "--why", "gates end to end", "--json"});
    args.insert(args.end(), more.begin(), more.end());
    RunResult r = to == "integration" ? Cli(args, dana_) : Cli(args, ci_);
    EXPECT_EQ(r.code(), 0) << r.Describe();
    return StdoutJson(r);
  }

  // The gate results named `gate` in a promotion document.
  static std::vector<nlohmann::json> Gates(const nlohmann::json& p, const std::string& gate) {
    std::vector<nlohmann::json> out;
    if (!p.is_object() || !p.contains("gates")) return out;
    for (const auto& g : p["gates"]) {
      if (g["gate"] == gate) out.push_back(g);
    }
    return out;
  }

  // Approves (by erin, and fred when `two`) and runs by CI; the version id
  // placed in the target.
  std::string ApproveAndRun(const nlohmann::json& p, bool two) {
    const std::string id = p["id"];
    Ok(Cli({"promote", "approve", id}, erin_));
    if (two) Ok(Cli({"promote", "approve", id}, fred_));
    RunResult ran = Cli({"promote", "run", id, "--json"}, ci_);
    EXPECT_EQ(ran.code(), 0) << ran.Describe();
    const nlohmann::json done = StdoutJson(ran);
    if (!done.is_object() || done["promoted"].empty()) return "";
    return done["promoted"][0].get<std::string>();
  }

  std::string Ref(const std::string& env, const std::string& asset) const {
    return env + "/" + project_ + "/" + asset;
  }

  std::string tag_, project_;
  As dana_;
  std::string ci_, erin_, fred_;
};

constexpr const char* kOrdersSuite = R"(apiVersion: sluice/v1
expectations:
  orders:
    row_count: {min: 1}
    columns:
      id: {not_null: true, unique: true}
      amount: {range: {min: 0, max: 100}}
      status: {allowed: [paid, open]}
)";

TEST_F(GatesE2E, ExpectationsAndSchemaGatesPassAndFail) {
  // Data that breaks its own suite: the gate fails and says where.
  Ok(Cli({"push",
          Dir("orders-bad", {{"orders.csv", "id,amount,status\n1,10,paid\n2,500,open\n"},
                             {"promotion.yaml", kOrdersSuite}}),
          Ref("discovery", "orders")},
         dana_));
  nlohmann::json bad = Request({Ref("discovery", "orders")}, "integration");
  EXPECT_EQ(bad["state"], "failed") << bad.dump(2);
  ASSERT_EQ(Gates(bad, "expectations").size(), 1u) << bad.dump(2);
  EXPECT_FALSE(Gates(bad, "expectations")[0]["passed"].get<bool>());
  EXPECT_THAT(bad["message"].get<std::string>(), HasSubstr("amount"));
  // A failed promotion is never approved.
  EXPECT_NE(Cli({"promote", "approve", bad["id"]}, erin_).code(), 0);

  // Good data passes and goes up.
  Ok(Cli({"push",
          Dir("orders-good", {{"orders.csv", "id,amount,status\n1,10,paid\n2,50,open\n"},
                              {"promotion.yaml", kOrdersSuite}}),
          Ref("discovery", "orders")},
         dana_));
  nlohmann::json good = Request({Ref("discovery", "orders")}, "integration");
  EXPECT_EQ(good["state"], "awaiting-approval") << good.dump(2);
  ASSERT_EQ(Gates(good, "expectations").size(), 1u);
  EXPECT_TRUE(Gates(good, "expectations")[0]["passed"].get<bool>());
  ASSERT_FALSE(ApproveAndRun(good, false).empty());

  // Dropping a column against what Integration holds: the schema gate fails.
  const std::string no_status = R"(apiVersion: sluice/v1
expectations:
  orders:
    columns:
      id: {unique: true}
)";
  Ok(Cli({"push",
          Dir("orders-dropped",
              {{"orders.csv", "id,amount\n1,10\n2,50\n"}, {"promotion.yaml", no_status}}),
          Ref("discovery", "orders")},
         dana_));
  nlohmann::json dropped = Request({Ref("discovery", "orders")}, "integration");
  EXPECT_EQ(dropped["state"], "failed") << dropped.dump(2);
  ASSERT_EQ(Gates(dropped, "schema").size(), 1u) << dropped.dump(2);
  EXPECT_FALSE(Gates(dropped, "schema")[0]["passed"].get<bool>());
  EXPECT_THAT(dropped["message"].get<std::string>(), HasSubstr("status"));

  // Declared breaking in promotion.yaml: the change passes, for approvers to judge.
  Ok(Cli({"push",
          Dir("orders-breaking",
              {{"orders.csv", "id,amount\n1,10\n2,50\n"},
               {"promotion.yaml", no_status + std::string("breaking: [orders]\n")}}),
          Ref("discovery", "orders")},
         dana_));
  nlohmann::json breaking = Request({Ref("discovery", "orders")}, "integration");
  EXPECT_EQ(breaking["state"], "awaiting-approval") << breaking.dump(2);
  ASSERT_EQ(Gates(breaking, "schema").size(), 1u);
  EXPECT_TRUE(Gates(breaking, "schema")[0]["passed"].get<bool>());

  // A malformed promotion.yaml fails the promotion with its line number.
  Ok(Cli({"push",
          Dir("orders-typo", {{"orders.csv", "id,amount\n1,10\n"},
                              {"promotion.yaml", "apiVersion: sluice/v1\nexpectashuns: {}\n"}}),
          Ref("discovery", "orders")},
         dana_));
  nlohmann::json typo = Request({Ref("discovery", "orders")}, "integration");
  EXPECT_EQ(typo["state"], "failed");
  EXPECT_THAT(typo["message"].get<std::string>(), HasSubstr("promotion.yaml:2"));
}

TEST_F(GatesE2E, MetricGatesCompareWithTheChampion) {
  const std::string rules =
      "apiVersion: sluice/v1\nmetrics:\n  auc: {min: 0.7, max_regression: 0.02}\n";
  Ok(Cli({"push", Dir("model-weak", {{"model.bin", "weak"}, {"promotion.yaml", rules}}),
          Ref("discovery", "model"), "--kind", "model", "--metrics",
          File("weak.json", R"({"auc": 0.6})")},
         dana_));
  nlohmann::json weak = Request({Ref("discovery", "model")}, "integration");
  EXPECT_EQ(weak["state"], "failed") << weak.dump(2);
  ASSERT_EQ(Gates(weak, "metrics").size(), 1u);
  EXPECT_THAT(weak["message"].get<std::string>(), HasSubstr("auc"));

  Ok(Cli({"push", Dir("model-strong", {{"model.bin", "strong"}, {"promotion.yaml", rules}}),
          Ref("discovery", "model"), "--kind", "model", "--metrics",
          File("strong.json", R"({"auc": 0.85})")},
         dana_));
  nlohmann::json strong =
      Request({Ref("discovery", "model")}, "integration", {"--alias", "champion"});
  EXPECT_EQ(strong["state"], "awaiting-approval") << strong.dump(2);
  ASSERT_FALSE(ApproveAndRun(strong, false).empty());

  // Above the minimum, but worse than the champion by more than the tolerance.
  Ok(Cli({"push", Dir("model-worse", {{"model.bin", "worse"}, {"promotion.yaml", rules}}),
          Ref("discovery", "model"), "--kind", "model", "--metrics",
          File("worse.json", R"({"auc": 0.8})")},
         dana_));
  nlohmann::json worse = Request({Ref("discovery", "model")}, "integration");
  EXPECT_EQ(worse["state"], "failed") << worse.dump(2);
  ASSERT_EQ(Gates(worse, "metrics").size(), 1u);
  EXPECT_FALSE(Gates(worse, "metrics")[0]["passed"].get<bool>());
}

TEST_F(GatesE2E, DerivedDataMustDeclareItsInputsClassification) {
  Ok(Cli({"push", Dir("customers", {{"customers.csv", "id,email\n1,a@example.com\n"}}),
          Ref("discovery", "customers"), "--tag", "classification=PII"},
         dana_));
  Ok(Cli({"push", Dir("features", {{"features.csv", "id,score\n1,0.5\n"}}),
          Ref("discovery", "features"), "--input", Ref("discovery", "customers")},
         dana_));
  nlohmann::json undeclared =
      Request({Ref("discovery", "features"), Ref("discovery", "customers")}, "integration");
  EXPECT_EQ(undeclared["state"], "failed") << undeclared.dump(2);
  EXPECT_THAT(undeclared["message"].get<std::string>(), HasSubstr("PII"));

  Ok(Cli({"push", Dir("features", {{"features.csv", "id,score\n1,0.5\n"}}),
          Ref("discovery", "features"), "--input", Ref("discovery", "customers"), "--tag",
          "classification=PII"},
         dana_));
  nlohmann::json declared =
      Request({Ref("discovery", "features"), Ref("discovery", "customers")}, "integration");
  EXPECT_EQ(declared["state"], "awaiting-approval") << declared.dump(2);
}

TEST_F(GatesE2E, AnApprovalGoesStaleWhenTheBundleChanges) {
  Ok(Cli({"push", Dir("v1", {{"t.csv", "a\n1\n"}}), Ref("discovery", "table")}, dana_));
  nlohmann::json p = Request({Ref("discovery", "table")}, "integration");
  const std::string id = p["id"];
  RunResult approved = Cli({"promote", "approve", id, "--json"}, erin_);
  Ok(approved);
  EXPECT_EQ(StdoutJson(approved)["state"], "approved");

  // A new version replaces the bundle: the approval no longer counts.
  Ok(Cli({"push", Dir("v2", {{"t.csv", "a\n2\n"}}), Ref("discovery", "table")}, dana_));
  RunResult amended = Cli({"promote", "amend", id, Ref("discovery", "table"), "--json"}, dana_);
  Ok(amended);
  nlohmann::json after = StdoutJson(amended);
  EXPECT_EQ(after["state"], "awaiting-approval") << after.dump(2);
  EXPECT_NE(after["content_hash"], p["content_hash"]);
  EXPECT_EQ(after["approvals"]["current"], 0);
  ASSERT_EQ(after["decisions"].size(), 1u);
  EXPECT_FALSE(after["decisions"][0]["current"].get<bool>());
  EXPECT_EQ(Cli({"promote", "run", id}, ci_).code(), 1);
  // Only the requester amends.
  EXPECT_EQ(Cli({"promote", "amend", id, Ref("discovery", "table")}, erin_).code(), 3);
  // A fresh approval of the new content, and it runs.
  Ok(Cli({"promote", "approve", id}, erin_));
  Ok(Cli({"promote", "run", id}, ci_));
}

TEST_F(GatesE2E, ProductionRefusesADiscoveryInputAndHandMovedAliases) {
  Ok(Cli({"push", Dir("raw", {{"r.csv", "a\n1\n"}}), Ref("discovery", "raw")}, dana_));
  Ok(Cli({"copy", Ref("discovery", "raw"), Ref("discovery", "scratch"), "--ttl", "1d"}, dana_));
  // CI builds a model in Integration from a Discovery scratch copy.
  Ok(Cli({"project", "create", "integration/" + project_}, ci_));
  Ok(Cli({"push", Dir("m", {{"m.bin", "m"}}), Ref("integration", "model"), "--kind", "model",
          "--input", Ref("discovery", "scratch")},
         ci_));
  RunResult refused = Cli({"promote", "request", Ref("integration", "model"), "--to", "production",
                           "--why", "a model built on scratch"},
                          ci_);
  EXPECT_EQ(refused.code(), 1) << refused.Describe();
  EXPECT_THAT(refused.err, HasSubstr("lineage gate"));
  EXPECT_THAT(refused.err, HasSubstr("discovery"));
}

TEST_F(GatesE2E, RollbackGoesThroughApprovalsAndEveryPromotionIsAttested) {
  auto climb = [&](const std::string& name, const std::string& auc) {
    Ok(Cli({"push", Dir(name, {{"model.bin", name}}), Ref("discovery", "churn"), "--kind", "model",
            "--metrics", File(name + ".json", "{\"auc\": " + auc + "}")},
           dana_));
    std::string integrated =
        ApproveAndRun(Request({Ref("discovery", "churn")}, "integration"), false);
    EXPECT_FALSE(integrated.empty());
    nlohmann::json up =
        Request({Ref("integration", "churn")}, "production", {"--alias", "champion"});
    EXPECT_EQ(up["state"], "awaiting-approval") << up.dump(2);
    EXPECT_EQ(up["approvals"]["needed"], 2);
    const std::string placed = ApproveAndRun(up, true);
    EXPECT_FALSE(placed.empty());
    return std::make_pair(up["id"].get<std::string>(), integrated);
  };
  const auto [first_id, first_source] = climb("m1", "0.8");
  const auto [second_id, second_source] = climb("m2", "0.82");

  RunResult champion = Cli({"show", Ref("production", "churn") + ":champion", "--json"}, ci_);
  Ok(champion);
  const nlohmann::json now = StdoutJson(champion);
  EXPECT_EQ(now["copy_of"], second_source) << now.dump(2);

  // In Production, nobody moves champion by hand: not CI, not an admin.
  RunResult by_hand = Cli(
      {"alias", "set",
       Ref("production", "churn") + "@" + now["id"].get<std::string>().substr(0, 12), "champion"},
      ci_);
  EXPECT_EQ(by_hand.code(), 3) << by_hand.Describe();

  // Rollback: the earlier version, through the same approvals.
  RunResult back = Cli({"promote", "rollback", Ref("production", "churn"), "--alias", "champion",
                        "--why", "m2 misbehaves in production", "--json"},
                       ci_);
  Ok(back);
  const nlohmann::json rollback = StdoutJson(back);
  EXPECT_TRUE(rollback["rollback"].get<bool>());
  EXPECT_EQ(rollback["state"], "awaiting-approval") << rollback.dump(2);
  EXPECT_EQ(rollback["versions"][0], first_source);
  EXPECT_EQ(Cli({"promote", "run", rollback["id"]}, ci_).code(), 1);  // no approvals yet
  ASSERT_FALSE(ApproveAndRun(rollback, true).empty());
  RunResult restored = Cli({"show", Ref("production", "churn") + ":champion", "--json"}, ci_);
  Ok(restored);
  EXPECT_EQ(StdoutJson(restored)["copy_of"], first_source);

  // The attestation verifies offline with the pinned key, and a changed byte does not.
  RunResult key = Cli({"audit", "public-key"}, admin());
  Ok(key);
  const std::string key_file = File("server.pub.pem", key.out);
  RunResult shown = Cli({"attest", "show", second_id}, erin_);
  Ok(shown);
  const std::string envelope_file = File("attestation.json", shown.out);
  RunResult verified =
      Cli({"attest", "verify", "--file", envelope_file, "--public-key", key_file, "--json"}, erin_);
  Ok(verified);
  const nlohmann::json statement = StdoutJson(verified)["statement"];
  EXPECT_EQ(statement["predicate"]["promotion_id"], second_id);
  EXPECT_EQ(statement["predicate"]["approvals"].size(), 2u);
  nlohmann::json envelope = nlohmann::json::parse(shown.out);
  std::string payload = envelope["payload"];
  payload[10] = payload[10] == 'A' ? 'B' : 'A';
  envelope["payload"] = payload;
  const std::string tampered = File("tampered.json", envelope.dump());
  RunResult bad = Cli({"attest", "verify", "--file", tampered, "--public-key", key_file}, erin_);
  EXPECT_NE(bad.code(), 0) << bad.Describe();
  Ok(Cli({"attest", "verify", first_id, "--public-key", key_file}, erin_));
}

}  // namespace
}  // namespace sluice::e2e
