// End to end: the webhook and command gates, declared in a platform file,
// run by a real `sluice serve` on a promotion request. The webhook is a
// small HTTP server in this test process that passes a bundle only when its
// justification says "low risk"; the command checks the materialised bundle
// holds a README.md.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "e2e/e2e_fixture.h"
#include "http/server.h"

namespace sluice::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class HooksE2E : public SharedServerTest {
 protected:
  static void SetUpTestSuite() {
    http::Server::Options options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    auto hook = http::Server::Start(options, [](http::Request& request) {
      http::Response response;
      response.status = 200;
      nlohmann::json bundle = nlohmann::json::parse(request.body, nullptr, false);
      const bool low = bundle.is_object() &&
                       bundle.value("justification", "").find("low risk") != std::string::npos;
      response.body =
          nlohmann::json{{"pass", low}, {"message", low ? "risk accepted" : "risk review needed"}}
              .dump();
      return response;
    });
    if (!hook.ok()) {
      ADD_FAILURE() << hook.status().ToString();
      return;
    }
    hook_ = std::move(hook).value();
    const int port = hook_->port();
    StartSuiteServer([port](const std::string& dir) {
      const std::string file = dir + "/hooks.yaml";
      std::ofstream(file) << "apiVersion: sluice/v1\n"
                             "name: hooks\n"
                             "description: a webhook and a command gate\n"
                             "environments:\n"
                             "  - name: discovery\n"
                             "    track: data\n"
                             "    data: production\n"
                             "    mode: interactive\n"
                             "  - name: integration\n"
                             "    track: data\n"
                             "    data: production\n"
                             "    mode: automation\n"
                             "    gates:\n"
                             "      webhooks:\n"
                             "        - name: risk-review\n"
                             "          url: http://127.0.0.1:"
                          << port
                          << "/check\n"
                             "          timeout: 2s\n"
                             "          retries: 0\n"
                             "      commands:\n"
                             "        - name: has-readme\n"
                             "          argv: [/bin/sh, -c, 'test -f */*/README.md']\n"
                             "          timeout: 10s\n"
                             "promotions:\n"
                             "  - from: discovery\n"
                             "    to: integration\n"
                             "    kind: data\n";
      return std::vector<std::string>{"--platform", file};
    });
  }

  static void TearDownTestSuite() {
    SharedServerTest::TearDownTestSuite();
    if (hook_) hook_->Stop();
    hook_.reset();
  }

  static nlohmann::json Request(const As& as, const std::string& ref, const std::string& why) {
    RunResult r =
        Cli({"promote", "request", ref, "--to", "integration", "--why", why, "--json"}, as);
    EXPECT_EQ(r.code(), 0) << r.Describe();
    return StdoutJson(r);
  }

  static nlohmann::json Gate(const nlohmann::json& p, const std::string& name) {
    for (const auto& g : p["gates"]) {
      if (g["gate"] == name) return g;
    }
    ADD_FAILURE() << "no gate " << name << " in " << p.dump(2);
    return nlohmann::json::object();
  }

  static inline std::unique_ptr<http::Server> hook_;
};

TEST_F(HooksE2E, WebhookAndCommandGatesDecide) {
  CreatePrincipal("dana", "user", {"data-engineer"}, {});
  const std::string token = NewToken("dana");
  const As dana{token, OpenSession(token, "discovery", "hooks e2e")};
  ASSERT_EQ(Cli({"project", "create", "discovery/p"}, dana).code(), 0);
  const fs::path with = fs::path(scratch_dir()) / "with-readme";
  fs::create_directories(with);
  std::ofstream(with / "t.csv") << "a\n1\n";
  std::ofstream(with / "README.md") << "# t\n";
  ASSERT_EQ(Cli({"push", with.string(), "discovery/p/documented"}, dana).code(), 0);
  const fs::path without = fs::path(scratch_dir()) / "without-readme";
  fs::create_directories(without);
  std::ofstream(without / "t.csv") << "a\n2\n";
  ASSERT_EQ(Cli({"push", without.string(), "discovery/p/bare"}, dana).code(), 0);

  nlohmann::json ok = Request(dana, "discovery/p/documented", "a low risk refresh");
  EXPECT_EQ(ok["state"], "awaiting-approval") << ok.dump(2);
  EXPECT_TRUE(Gate(ok, "webhook:risk-review")["passed"].get<bool>());
  EXPECT_TRUE(Gate(ok, "command:has-readme")["passed"].get<bool>());

  nlohmann::json risky = Request(dana, "discovery/p/documented", "a risky new source");
  EXPECT_EQ(risky["state"], "failed");
  EXPECT_FALSE(Gate(risky, "webhook:risk-review")["passed"].get<bool>());
  EXPECT_THAT(risky["message"].get<std::string>(), HasSubstr("risk review needed"));

  nlohmann::json bare = Request(dana, "discovery/p/bare", "a low risk refresh");
  EXPECT_EQ(bare["state"], "failed");
  EXPECT_FALSE(Gate(bare, "command:has-readme")["passed"].get<bool>());
  EXPECT_TRUE(Gate(bare, "webhook:risk-review")["passed"].get<bool>());
}

}  // namespace
}  // namespace sluice::e2e
