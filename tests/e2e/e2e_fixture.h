// SharedServerTest: a GoogleTest fixture whose suite shares one `sluice serve`
// (fresh data directory, started in SetUpTestSuite, stopped with SIGTERM in
// TearDownTestSuite, which fails the suite unless the server exits 0 in time).
// Tests in a suite share the server, so each uses its own principal names.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/process.h"
#include "e2e/sluice_server.h"

namespace sluice::e2e {

class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { StartSuiteServer(nullptr); }

  // Starts the suite's server; `extra_args`, when given, is called with the
  // suite's scratch directory (to write files into) and returns more
  // `sluice serve` arguments. A suite that needs them defines its own
  // SetUpTestSuite calling this.
  static void StartSuiteServer(
      const std::function<std::vector<std::string>(const std::string&)>& extra_args) {
    Result<std::unique_ptr<TempDir>> dir = TempDir::Make("sluice-e2e");
    if (!dir.ok()) {
      start_error_ = dir.status().ToString();
      return;
    }
    dir_ = std::move(dir).value();
    std::vector<std::string> extra;
    if (extra_args) extra = extra_args(dir_->path());
    Result<std::unique_ptr<SluiceServer>> server =
        SluiceServer::Start(dir_->path() + "/data", dir_->path(), extra);
    if (!server.ok()) {
      start_error_ = server.status().ToString();
      return;
    }
    server_ = std::move(server).value();
    admin_ = server_->AdminToken();
    if (admin_.empty()) start_error_ = "no admin token in " + server_->data_dir();
  }

  static void TearDownTestSuite() {
    if (server_) {
      Result<ExitInfo> exit = server_->Stop();
      if (!exit.ok()) {
        ADD_FAILURE() << "unclean shutdown: " << exit.status().ToString();
      } else if (exit->code != 0) {
        ADD_FAILURE() << "sluice serve ended with " << exit->ToString()
                      << " after SIGTERM; its stderr:\n"
                      << server_->Stderr();
      }
    }
    server_.reset();
    dir_.reset();
    admin_.clear();
    start_error_.clear();
  }

  void SetUp() override {
    ASSERT_TRUE(server_ != nullptr && !admin_.empty())
        << "the shared sluice server did not start: " << start_error_;
  }

  static SluiceServer& server() { return *server_; }
  static const std::string& admin() { return admin_; }
  // A scratch directory of the suite (the server's data is under data/).
  static const std::string& scratch_dir() { return dir_->path(); }

  static RunResult Cli(const std::vector<std::string>& args, const std::string& token) {
    return server_->Cli(args, token);
  }

  // A principal's token and, for interactive work, a session token.
  struct As {
    std::string token;
    std::string session;
  };
  static RunResult Cli(const std::vector<std::string>& args, const As& as) {
    return server_->Cli(args, as.token, as.session);
  }

  // `session open --env ENV --purpose PURPOSE --json` with `token`: the
  // session token, or "" (and a failure).
  static std::string OpenSession(const std::string& token, const std::string& env,
                                 const std::string& purpose = "e2e test work") {
    RunResult r = Cli({"session", "open", "--env", env, "--purpose", purpose, "--json"}, token);
    EXPECT_EQ(r.code(), 0) << r.Describe();
    nlohmann::json doc = StdoutJson(r);
    if (!doc.is_object() || !doc.contains("token") || !doc["token"].is_string()) return "";
    return doc["token"].get<std::string>();
  }

  // A run that must succeed (exit 0); a test failure naming the command otherwise.
  static void Ok(const RunResult& r) { ASSERT_EQ(r.code(), 0) << r.Describe(); }

  // stdout of a run, parsed; a test failure (and null) if it is not JSON.
  static nlohmann::json StdoutJson(const RunResult& r) {
    nlohmann::json doc = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
      ADD_FAILURE() << "stdout is not JSON:\n" << r.Describe();
      return nullptr;
    }
    return doc;
  }

  // `principal create NAME --kind KIND --role R...` as admin; a test failure
  // unless it exits 0.
  static void CreatePrincipal(const std::string& name, const std::string& kind,
                              const std::vector<std::string>& roles = {},
                              const std::vector<std::string>& attributes = {}) {
    std::vector<std::string> args = {"principal", "create", name, "--kind", kind};
    for (const auto& role : roles) {
      args.push_back("--role");
      args.push_back(role);
    }
    for (const auto& attribute : attributes) {
      args.push_back("--attr");
      args.push_back(attribute);
    }
    RunResult r = Cli(args, admin_);
    EXPECT_EQ(r.code(), 0) << r.Describe();
  }

  // `token create NAME --json` as admin: the token, or "" (and a failure).
  static std::string NewToken(const std::string& name) {
    RunResult r = Cli({"token", "create", name, "--json"}, admin_);
    EXPECT_EQ(r.code(), 0) << r.Describe();
    nlohmann::json doc = StdoutJson(r);
    if (!doc.is_object() || !doc.contains("token") || !doc["token"].is_string()) {
      ADD_FAILURE() << "no token in:\n" << r.Describe();
      return "";
    }
    return doc["token"].get<std::string>();
  }

  // A user with `roles` and a fresh token for it.
  // A person with `roles` and `attributes`, a token, and a session in `env`
  // (none when `env` is "").
  static As Person(const std::string& name, const std::vector<std::string>& roles,
                   const std::vector<std::string>& attributes, const std::string& env) {
    CreatePrincipal(name, "user", roles, attributes);
    const std::string token = NewToken(name);
    return {token, env.empty() ? "" : OpenSession(token, env, "e2e: " + name + " at work")};
  }

  static std::string UserWithToken(const std::string& name, const std::vector<std::string>& roles) {
    CreatePrincipal(name, "user", roles);
    return NewToken(name);
  }

 private:
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<SluiceServer> server_;
  static inline std::string admin_;
  static inline std::string start_error_;
};

}  // namespace sluice::e2e
