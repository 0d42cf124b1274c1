// End to end: the server's life (first start, clean shutdown, restart on the
// same data directory, refused ladder change) and the CLI's offline commands
// (--version, --help, usage errors, platform check).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "e2e/process.h"
#include "e2e/sluice_server.h"

namespace sluice::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::regex kTokenFile("sluice_[0-9a-f]{16}_[0-9a-f]{64}\n");

std::unique_ptr<TempDir> MakeDir() {
  Result<std::unique_ptr<TempDir>> dir = TempDir::Make("sluice-e2e");
  EXPECT_TRUE(dir.ok()) << dir.status().ToString();
  return dir.ok() ? std::move(dir).value() : nullptr;
}

std::unique_ptr<SluiceServer> StartServer(const std::string& data, const std::string& logs,
                                          const std::vector<std::string>& extra = {}) {
  Result<std::unique_ptr<SluiceServer>> server = SluiceServer::Start(data, logs, extra);
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  return server.ok() ? std::move(server).value() : nullptr;
}

void ExpectCleanStop(SluiceServer& server) {
  Result<ExitInfo> exit = server.Stop();
  ASSERT_TRUE(exit.ok()) << exit.status().ToString();
  EXPECT_EQ(exit->code, 0) << exit->ToString() << "\nstderr:\n" << server.Stderr();
  EXPECT_EQ(exit->signal, 0) << exit->ToString();
}

nlohmann::json Json(const RunResult& r) {
  nlohmann::json doc = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) ADD_FAILURE() << "stdout is not JSON:\n" << r.Describe();
  return doc;
}

TEST(ServerLifecycleE2E, FirstStartWritesAdminTokenFileAndShutsDownCleanly) {
  auto dir = MakeDir();
  ASSERT_NE(dir, nullptr);
  const std::string data = dir->path() + "/data";
  auto server = StartServer(data, dir->path());
  ASSERT_NE(server, nullptr);

  const std::string token_path = data + "/admin.token";
  struct stat st {};
  ASSERT_EQ(::stat(token_path.c_str(), &st), 0) << token_path << " missing";
  EXPECT_EQ(st.st_mode & 07777, 0600u)
      << "admin.token mode is " << std::oct << (st.st_mode & 07777);
  ASSERT_EQ(::stat(data.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u)
      << "data directory mode is " << std::oct << (st.st_mode & 07777);
  const std::string content = ReadFile(token_path);
  EXPECT_TRUE(std::regex_match(content, kTokenFile)) << "admin.token holds: " << content;
  const std::string token = server->AdminToken();
  const std::string secret = token.substr(token.rfind('_') + 1);

  const std::string err = server->Stderr();
  EXPECT_THAT(err, HasSubstr(token_path)) << "stderr does not name the token file";
  EXPECT_THAT(err, HasSubstr("first start"));
  EXPECT_THAT(err, Not(HasSubstr(secret))) << "stderr shows the admin token";
  EXPECT_THAT(err, HasSubstr(server->url() + "/api/v1"));

  RunResult who = server->Cli({"whoami", "--json"}, token);
  ASSERT_EQ(who.code(), 0) << who.Describe();
  EXPECT_EQ(Json(who)["name"], "admin");
  EXPECT_EQ(Json(who)["roles"], nlohmann::json::array({"admin"}));

  // The access log: one JSON object per line, the health checks and whoami.
  std::vector<std::string> lines = Lines(server->Stdout());
  ASSERT_GE(lines.size(), 2u) << server->Stdout();
  for (const std::string& line : lines) {
    nlohmann::json doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(doc.is_object()) << "not a JSON object: " << line;
    for (const char* key :
         {"time", "request_id", "principal", "method", "route", "status", "duration_ms"}) {
      EXPECT_TRUE(doc.contains(key)) << key << " missing in " << line;
    }
  }
  nlohmann::json last = nlohmann::json::parse(lines.back());
  EXPECT_EQ(last["principal"], "admin");
  EXPECT_EQ(last["route"], "/api/v1/whoami");
  EXPECT_EQ(last["status"], 200);
  EXPECT_THAT(server->Stdout(), Not(HasSubstr(secret)));

  ExpectCleanStop(*server);
  EXPECT_THAT(server->Stderr(), HasSubstr("SIGTERM received, shutting down"));
  EXPECT_THAT(server->Stderr(), Not(HasSubstr(secret)));
  // Nothing listens any more.
  RunResult after = server->Cli({"whoami"}, token);
  EXPECT_EQ(after.code(), 1) << after.Describe();
}

TEST(ServerLifecycleE2E, SigintAlsoShutsDownCleanly) {
  auto dir = MakeDir();
  ASSERT_NE(dir, nullptr);
  auto server = StartServer(dir->path() + "/data", dir->path());
  ASSERT_NE(server, nullptr);
  Result<ExitInfo> exit = server->Stop(std::chrono::seconds(5), SIGINT);
  ASSERT_TRUE(exit.ok()) << exit.status().ToString();
  EXPECT_EQ(exit->code, 0) << exit->ToString() << "\nstderr:\n" << server->Stderr();
  EXPECT_THAT(server->Stderr(), HasSubstr("SIGINT received, shutting down"));
}

TEST(ServerLifecycleE2E, RestartKeepsAdminTokenAndPrincipals) {
  auto dir = MakeDir();
  ASSERT_NE(dir, nullptr);
  const std::string data = dir->path() + "/data";
  auto first = StartServer(data, dir->path());
  ASSERT_NE(first, nullptr);
  const std::string admin = first->AdminToken();
  ASSERT_EQ(first
                ->Cli({"principal", "create", "persisted", "--kind", "service", "--role",
                       "ml-engineer", "--attr", "clearances=[PII]"},
                      admin)
                .code(),
            0);
  RunResult issued = first->Cli({"token", "create", "persisted", "--json"}, admin);
  ASSERT_EQ(issued.code(), 0) << issued.Describe();
  const std::string persisted_token = Json(issued)["token"];
  RunResult shown = first->Cli({"principal", "show", "persisted", "--json"}, admin);
  ASSERT_EQ(shown.code(), 0) << shown.Describe();
  const std::size_t events_before = first->Events().size();
  ExpectCleanStop(*first);

  const std::string token_path = data + "/admin.token";
  struct stat before {};
  ASSERT_EQ(::stat(token_path.c_str(), &before), 0);
  const std::string content_before = ReadFile(token_path);

  auto second = StartServer(data, dir->path());
  ASSERT_NE(second, nullptr);
  struct stat after {};
  ASSERT_EQ(::stat(token_path.c_str(), &after), 0);
  EXPECT_EQ(ReadFile(token_path), content_before) << "admin.token was rewritten";
  EXPECT_EQ(after.st_ino, before.st_ino) << "admin.token was replaced";
  EXPECT_EQ(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
  EXPECT_EQ(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
  EXPECT_THAT(second->Stderr(), Not(HasSubstr("first start: the admin token is in")));

  RunResult again = second->Cli({"principal", "show", "persisted", "--json"}, admin);
  ASSERT_EQ(again.code(), 0) << again.Describe();
  EXPECT_EQ(Json(again), Json(shown));
  RunResult who = second->Cli({"whoami", "--json"}, persisted_token);
  ASSERT_EQ(who.code(), 0) << "a token did not survive the restart:\n" << who.Describe();
  EXPECT_EQ(Json(who)["name"], "persisted");
  // The event log is appended to, not started afresh.
  EXPECT_GE(second->Events().size(), events_before + 2);
  ExpectCleanStop(*second);
}

TEST(ServerLifecycleE2E, AnotherTemplateOnAnExistingDataDirIsRefused) {
  auto dir = MakeDir();
  ASSERT_NE(dir, nullptr);
  const std::string data = dir->path() + "/data";
  auto first = StartServer(data, dir->path());
  ASSERT_NE(first, nullptr);
  ExpectCleanStop(*first);

  RunResult refused = RunCommand(
      {SluiceBinary(), "serve", "--data", data, "--listen",
       "127.0.0.1:" + std::to_string(PickFreePort()), "--template", "three-stage-integration"},
      {}, std::chrono::seconds(10));
  EXPECT_FALSE(refused.timed_out) << "the server started anyway:\n" << refused.Describe();
  EXPECT_EQ(refused.code(), 1) << refused.Describe();
  EXPECT_THAT(refused.err, HasSubstr("sluice: error:"));
  EXPECT_THAT(refused.err, HasSubstr(data));
  EXPECT_THAT(refused.err, HasSubstr("another platform"));

  // The data directory is intact: the recorded ladder still serves, and
  // naming the recorded template explicitly is accepted.
  auto second = StartServer(data, dir->path(), {"--template", "five-stage"});
  ASSERT_NE(second, nullptr);
  RunResult envs = second->Cli({"env", "ls", "--json"}, second->AdminToken());
  ASSERT_EQ(envs.code(), 0) << envs.Describe();
  EXPECT_EQ(Json(envs)["environments"].size(), 5u);
  ExpectCleanStop(*second);
}

TEST(ServerLifecycleE2E, ABusyPortIsAClearError) {
  auto dir = MakeDir();
  ASSERT_NE(dir, nullptr);
  auto first = StartServer(dir->path() + "/one", dir->path());
  ASSERT_NE(first, nullptr);
  const std::string port = std::to_string(first->port());
  RunResult second = RunCommand(
      {SluiceBinary(), "serve", "--data", dir->path() + "/two", "--listen", "127.0.0.1:" + port},
      {}, std::chrono::seconds(10));
  EXPECT_FALSE(second.timed_out) << second.Describe();
  EXPECT_EQ(second.code(), 1) << second.Describe();
  EXPECT_THAT(second.err, HasSubstr(port)) << second.Describe();
  ExpectCleanStop(*first);
}

TEST(ServerLifecycleE2E, BadListenAddressIsAnError) {
  auto dir = MakeDir();
  ASSERT_NE(dir, nullptr);
  RunResult r = RunCommand(
      {SluiceBinary(), "serve", "--data", dir->path() + "/data", "--listen", "localhost"}, {},
      std::chrono::seconds(10));
  EXPECT_FALSE(r.timed_out) << r.Describe();
  EXPECT_EQ(r.code(), 1) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("HOST:PORT"));
}

TEST(CliOfflineE2E, VersionPrintsTheVersion) {
  RunResult r = Sluice({"--version"});
  EXPECT_EQ(r.code(), 0) << r.Describe();
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(sluice \d+\.\d+\.\d+\n)"))) << r.Describe();
}

TEST(CliOfflineE2E, HelpExitsZeroAndMentionsTheOptions) {
  RunResult top = Sluice({"--help"});
  EXPECT_EQ(top.code(), 0) << top.Describe();
  for (const char* word : {"--server", "--token", "--json", "--version", "serve", "platform", "env",
                           "whoami", "principal", "token", "SLUICE_SERVER", "SLUICE_TOKEN"}) {
    EXPECT_THAT(top.out, HasSubstr(word)) << "sluice --help";
  }

  RunResult principal = Sluice({"principal", "--help"});
  EXPECT_EQ(principal.code(), 0) << principal.Describe();
  for (const char* word : {"create", "ls", "show", "rm"}) {
    EXPECT_THAT(principal.out, HasSubstr(word)) << "sluice principal --help";
  }

  RunResult token = Sluice({"token", "create", "--help"});
  EXPECT_EQ(token.code(), 0) << token.Describe();
  for (const char* word : {"PRINCIPAL", "--expires"}) {
    EXPECT_THAT(token.out, HasSubstr(word)) << "sluice token create --help";
  }

  RunResult create = Sluice({"principal", "create", "--help"});
  EXPECT_EQ(create.code(), 0) << create.Describe();
  for (const char* word : {"NAME", "--kind", "--role", "--attr"}) {
    EXPECT_THAT(create.out, HasSubstr(word)) << "sluice principal create --help";
  }

  RunResult serve = Sluice({"serve", "--help"});
  EXPECT_EQ(serve.code(), 0) << serve.Describe();
  for (const char* word : {"--data", "--listen", "--template", "--platform", "--access-log"}) {
    EXPECT_THAT(serve.out, HasSubstr(word)) << "sluice serve --help";
  }
}

TEST(CliOfflineE2E, UsageErrorsExitTwo) {
  RunResult none = Sluice({});
  EXPECT_EQ(none.code(), 2) << none.Describe();
  EXPECT_FALSE(none.err.empty()) << "a usage error must say what is wrong";

  RunResult unknown = Sluice({"frobnicate"});
  EXPECT_EQ(unknown.code(), 2) << unknown.Describe();

  RunResult group = Sluice({"principal"});
  EXPECT_EQ(group.code(), 2) << group.Describe();

  RunResult extra = Sluice({"whoami", "--no-such-flag"});
  EXPECT_EQ(extra.code(), 2) << extra.Describe();
}

TEST(CliOfflineE2E, PlatformCheckReportsFileLineColumn) {
  auto dir = MakeDir();
  ASSERT_NE(dir, nullptr);
  const std::string file = dir->path() + "/bad.yaml";
  ASSERT_TRUE(WriteFile(file,
                        "apiVersion: sluice/v1\n"
                        "name: bad\n"
                        "colour: red\n"
                        "environments:\n"
                        "  - name: dev\n"
                        "    track: infra\n"
                        "    data: synthetic\n"
                        "    mode: interactive\n")
                  .ok());
  RunResult r = Sluice({"platform", "check", file});
  EXPECT_EQ(r.code(), 1) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr(file + ":3:1:")) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("colour")) << r.Describe();

  RunResult json = Sluice({"platform", "check", file, "--json"});
  EXPECT_EQ(json.code(), 1) << json.Describe();
  nlohmann::json doc = Json(json);
  EXPECT_EQ(doc["ok"], false);
  EXPECT_EQ(doc["file"], file);
  ASSERT_TRUE(doc["errors"].is_array() && !doc["errors"].empty()) << json.out;

  RunResult missing = Sluice({"platform", "check", dir->path() + "/absent.yaml"});
  EXPECT_EQ(missing.code(), 1) << missing.Describe();
  EXPECT_THAT(missing.err, HasSubstr("absent.yaml"));
}

TEST(CliOfflineE2E, PlatformCheckAcceptsTheFiveStageFile) {
  const std::string file = SourceDir() + "/platforms/five-stage.yaml";
  RunResult r = Sluice({"platform", "check", file});
  EXPECT_EQ(r.code(), 0) << r.Describe();
  EXPECT_EQ(r.out, file + ": ok (5 environments)\n");
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace sluice::e2e
