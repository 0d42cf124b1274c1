// End to end through the `sluice` CLI against a real `sluice serve`: the
// data catalog (issue 4): projects, push with deduplication, show, pull,
// copies, lineage, purge, gc, fsck, quotas, and the door's denials.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "common/crypto.h"
#include "e2e/e2e_fixture.h"

namespace sluice::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class CatalogE2E : public SharedServerTest {
 protected:
  // A directory with a CSV file and 3 MB of pseudo-random bytes (several
  // chunks), unique per `name`.
  static std::string MakeDataset(const std::string& name) {
    fs::path dir = fs::path(scratch_dir()) / name;
    fs::create_directories(dir / "raw");
    std::ofstream(dir / "customers.csv") << "id,name,score\n1,ann,0.5\n2,bob,0.75\n";
    std::mt19937_64 rng(std::hash<std::string>{}(name));
    std::string blob(3'000'000, '\0');
    for (auto& c : blob) c = static_cast<char>(rng());
    std::ofstream(dir / "raw" / "blob.bin", std::ios::binary) << blob;
    return dir.string();
  }

  // Dana: a data engineer cleared for PII, PHI and PCI, working in a
  // Discovery session (the default policies require one for interactive work).
  static const As& Dana() {
    static const As dana = [] {
      CreatePrincipal("dana", "user", {"data-engineer"}, {"clearances=[PII,PHI,PCI]"});
      const std::string token = NewToken("dana");
      return As{token, OpenSession(token, "discovery", "catalog e2e")};
    }();
    return dana;
  }
  // CI: the automation that works in Integration and Production.
  static const As& Ci() {
    static const As ci = [] {
      CreatePrincipal("ci", "service", {"ci"}, {"clearances=[PII,PHI,PCI]"});
      return As{NewToken("ci"), ""};
    }();
    return ci;
  }
};

TEST_F(CatalogE2E, PushDeduplicatesShowsAndPullsBackTheSameBytes) {
  Ok(Cli({"project", "create", "discovery/churn"}, Dana()));
  const std::string data = MakeDataset("push-pull");
  RunResult first = Cli({"push", data, "discovery/churn/customers", "--tag", "classification=PII",
                         "--tag", "owner=ada", "--json"},
                        Dana());
  Ok(first);
  nlohmann::json v = StdoutJson(first);
  EXPECT_EQ(v["bytes"], 3'000'000 + 35);
  EXPECT_EQ(v["bytes_new"], v["bytes"]);
  EXPECT_EQ(v["classification"], nlohmann::json({"PII"}));
  EXPECT_EQ(v["schema"]["customers.csv"]["columns"][2]["type"], "float");

  // The same content again: nothing new is sent, and it is the same version.
  RunResult again = Cli({"push", data, "discovery/churn/customers", "--tag", "classification=PII",
                         "--tag", "owner=ada", "--json"},
                        Dana());
  Ok(again);
  EXPECT_EQ(StdoutJson(again)["bytes_new"], 0);
  EXPECT_EQ(StdoutJson(again)["id"], v["id"]);

  RunResult show = Cli(
      {"show", "discovery/churn/customers@" + v["id"].get<std::string>().substr(0, 8), "--json"},
      Dana());
  Ok(show);
  nlohmann::json shown = StdoutJson(show);
  for (const char* key : {"id", "ref", "kind", "environment", "files", "bytes", "tags",
                          "classification", "inputs", "author", "created_ms"}) {
    EXPECT_TRUE(shown.contains(key)) << key;
  }
  EXPECT_EQ(shown["files"].size(), 2u);

  const std::string dest = scratch_dir() + "/pulled";
  Ok(Cli({"pull", "discovery/churn/customers", dest}, Dana()));
  EXPECT_EQ(ReadAll(fs::path(dest) / "raw" / "blob.bin"),
            ReadAll(fs::path(data) / "raw" / "blob.bin"));
  EXPECT_EQ(ReadAll(fs::path(dest) / "customers.csv"), ReadAll(fs::path(data) / "customers.csv"));
  // Pulling over existing files is refused.
  EXPECT_EQ(Cli({"pull", "discovery/churn/customers", dest}, Dana()).code(), 1);
}

TEST_F(CatalogE2E, CopiesAreTrackedAndPurgeCascadesEverywhere) {
  Ok(Cli({"project", "create", "discovery/fraud"}, Dana()));
  Ok(Cli({"project", "create", "production/fraud"}, Ci()));
  Ok(Cli({"push", MakeDataset("copies"), "discovery/fraud/events", "--tag", "classification=PCI"},
         Dana()));
  RunResult local =
      Cli({"copy", "discovery/fraud/events", "discovery/fraud/scratch", "--ttl", "7d", "--json"},
          Dana());
  Ok(local);
  EXPECT_EQ(StdoutJson(local)["bytes_copied"], 0);
  // The declared PCI, and PII the scanner found in the `name` column
  // (person names): labels follow the copy.
  EXPECT_EQ(StdoutJson(local)["classification"], nlohmann::json({"PCI", "PII"}));
  EXPECT_FALSE(StdoutJson(local)["expires_ms"].is_null());
  // Only automation copies into Integration (across storage domains); a
  // person is refused; into Final Production nobody copies (only promotion).
  Ok(Cli({"project", "create", "integration/fraud"}, Ci()));
  EXPECT_EQ(Cli({"copy", "discovery/fraud/events", "integration/fraud/events"}, Dana()).code(), 3);
  EXPECT_EQ(Cli({"copy", "discovery/fraud/events", "production/fraud/events"}, Ci()).code(), 3);
  RunResult across =
      Cli({"copy", "discovery/fraud/events", "integration/fraud/events", "--json"}, Ci());
  Ok(across);
  EXPECT_GT(StdoutJson(across)["bytes_copied"].get<long>(), 0);
  // Production data never goes down to an infra environment.
  Ok(Cli({"project", "create", "infra-preprod/fraud"}, Ci()));
  EXPECT_EQ(Cli({"copy", "discovery/fraud/events", "infra-preprod/fraud/events"}, Ci()).code(), 3);
  // A retention longer than the environment allows is refused.
  EXPECT_EQ(Cli({"copy", "discovery/fraud/events", "discovery/fraud/long", "--ttl", "365d"}, Dana())
                .code(),
            1);

  RunResult lineage = Cli({"lineage", "discovery/fraud/events", "--json"}, Dana());
  Ok(lineage);
  EXPECT_EQ(StdoutJson(lineage)["versions"].size(), 3u);

  EXPECT_EQ(Cli({"purge", "discovery/fraud/events"}, admin()).code(), 1);  // has dependents
  RunResult purged = Cli({"purge", "discovery/fraud/events", "--cascade", "--json"}, admin());
  Ok(purged);
  EXPECT_EQ(StdoutJson(purged)["versions"].size(), 3u);
  EXPECT_GT(StdoutJson(purged)["chunks_removed"].get<long>(), 0);
  EXPECT_EQ(Cli({"show", "integration/fraud/events"}, Ci()).code(), 1);
  bool recorded = false;
  for (const auto& e : server().Events()) recorded |= e["action"] == "asset.purge";
  EXPECT_TRUE(recorded);
}

TEST_F(CatalogE2E, FsckFindsACorruptChunkAndNamesItsVersion) {
  Ok(Cli({"project", "create", "integration/audit"}, Ci()));
  RunResult pushed = Cli({"push", MakeDataset("fsck"), "integration/audit/ledger", "--json"}, Ci());
  Ok(pushed);
  Ok(Cli({"fsck"}, admin()));
  // Flip a byte of one stored chunk on disk.
  fs::path chunk;
  for (const auto& e :
       fs::recursive_directory_iterator(server().data_dir() + "/storage/integration/chunks")) {
    if (e.is_regular_file()) chunk = e.path();
  }
  ASSERT_FALSE(chunk.empty());
  {
    std::fstream f(chunk, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(5);
    f.put('\x7f');
  }
  RunResult fsck = Cli({"fsck"}, admin());
  EXPECT_EQ(fsck.code(), 1) << fsck.Describe();
  EXPECT_THAT(fsck.out, HasSubstr(chunk.filename().string()));
  EXPECT_THAT(fsck.out, HasSubstr(StdoutJson(pushed)["id"].get<std::string>()));
}

TEST_F(CatalogE2E, TheDoorDeniesDataScientistsOutsideInteractiveEnvironments) {
  Ok(Cli({"project", "create", "production/models"}, Ci()));
  Ok(Cli({"project", "create", "discovery/models"}, Dana()));
  const std::string eve_token = UserWithToken("eve", {"data-scientist"});
  const As eve{eve_token, OpenSession(eve_token, "discovery", "door test")};
  const std::string data = MakeDataset("door");
  EXPECT_EQ(Cli({"push", data, "production/models/m"}, eve).code(), 3);
  EXPECT_EQ(Cli({"push", data, "discovery/models/m"}, eve_token).code(), 3);  // no session
  Ok(Cli({"push", data, "discovery/models/m"}, eve));
  EXPECT_EQ(Cli({"gc"}, eve).code(), 3);
  EXPECT_EQ(Cli({"purge", "discovery/models/m"}, eve).code(), 3);
  bool denial_recorded = false;
  for (const auto& e : server().Events()) {
    denial_recorded |=
        e["action"] == "asset.write" && e["decision"] == "deny" && e["environment"] == "production";
  }
  EXPECT_TRUE(denial_recorded);
}

TEST_F(CatalogE2E, BadInputGetsAClearErrorAndChangesNothing) {
  Ok(Cli({"project", "create", "discovery/bad"}, Dana()));
  EXPECT_EQ(Cli({"push", "/nonexistent/file", "discovery/bad/x"}, Dana()).code(), 1);
  EXPECT_EQ(Cli({"push", MakeDataset("bad"), "discovery/bad"}, Dana()).code(), 1);
  EXPECT_EQ(Cli({"push", MakeDataset("bad2"), "discovery/bad/x", "--kind", "table"}, Dana()).code(),
            1);
  EXPECT_EQ(Cli({"show", "discovery/bad/x@123"}, Dana()).code(), 1);
  EXPECT_EQ(Cli({"project", "create", "nowhere/bad"}, Dana()).code(), 1);
  RunResult ls = Cli({"ls", "discovery/bad", "--json"}, Dana());
  Ok(ls);
  EXPECT_TRUE(StdoutJson(ls)["assets"].empty());
}

TEST_F(CatalogE2E, QuotaIsReportedAndEnforced) {
  Ok(Cli({"project", "create", "discovery/small", "--quota", "1000"}, Dana()));
  EXPECT_EQ(Cli({"push", MakeDataset("quota"), "discovery/small/big"}, Dana()).code(), 1);
  RunResult q = Cli({"quota", "ls", "discovery", "--json"}, Dana());
  Ok(q);
  bool found = false;
  const nlohmann::json doc = StdoutJson(q);
  for (const auto& row : doc["quotas"]) {
    if (row["project"] == "small") {
      found = true;
      EXPECT_EQ(row["used_bytes"], 0);
      EXPECT_EQ(row["quota_bytes"], 1000);
    }
  }
  EXPECT_TRUE(found) << q.Describe();
}

// Counts the chunk files stored in one storage domain.
int StoredChunks(const std::string& data_dir, const std::string& domain) {
  int n = 0;
  const fs::path root = fs::path(data_dir) / "storage" / domain / "chunks";
  if (!fs::exists(root)) return 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) n += e.is_regular_file();
  return n;
}

TEST_F(CatalogE2E, AnInterruptedPushLeavesNothingVisibleAndTheNextSendsOnlyTheRest) {
  Ok(Cli({"project", "create", "discovery/resume"}, Dana()));
  // 48 MB of random bytes: about 45 chunks, so the push is cut mid-way.
  const fs::path file = fs::path(scratch_dir()) / "resume.bin";
  {
    std::mt19937_64 rng(7);
    std::ofstream out(file, std::ios::binary);
    std::string block(1 << 20, '\0');
    for (int i = 0; i < 48; ++i) {
      for (auto& c : block) c = static_cast<char>(rng());
      out << block;
    }
  }
  const int before = StoredChunks(server().data_dir(), "discovery");
  Env env = {{"SLUICE_SERVER", server().url()},
             {"SLUICE_TOKEN", Dana().token},
             {"SLUICE_SESSION", Dana().session}};
  auto child = Child::Spawn({SLUICE_BINARY, "push", file.string(), "discovery/resume/big"}, env,
                            scratch_dir() + "/resume.out", scratch_dir() + "/resume.err");
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  // Kill it once a few chunks have arrived.
  for (int i = 0; i < 2000 && StoredChunks(server().data_dir(), "discovery") < before + 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  (*child)->Signal(SIGKILL);
  (*child)->Wait(std::chrono::seconds(5));
  // A chunk already on the wire may still land; let it.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const int sent = StoredChunks(server().data_dir(), "discovery") - before;
  ASSERT_GE(sent, 5);
  RunResult ls = Cli({"ls", "discovery/resume", "--json"}, Dana());
  Ok(ls);
  EXPECT_TRUE(StdoutJson(ls)["assets"].empty()) << "a cut push must leave no version";

  RunResult again = Cli({"push", file.string(), "discovery/resume/big", "--json"}, Dana());
  Ok(again);
  nlohmann::json v = StdoutJson(again);
  EXPECT_EQ(v["bytes"], 48 << 20);
  EXPECT_LT(v["bytes_new"].get<long>(), v["bytes"].get<long>());
  EXPECT_EQ(v["chunks"].get<int>() - v["chunks_new"].get<int>(), sent);
}

TEST_F(CatalogE2E, ConcurrentPushesOfTheSameDataAgree) {
  Ok(Cli({"project", "create", "discovery/race"}, Dana()));
  const std::string data = MakeDataset("race");
  RunResult results[4];
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      results[i] = Cli({"push", data, "discovery/race/same", "--json"}, Dana());
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    ASSERT_EQ(r.code(), 0) << r.Describe();
    EXPECT_EQ(StdoutJson(r)["id"], StdoutJson(results[0])["id"]);
  }
  RunResult ls = Cli({"ls", "discovery/race", "--json"}, Dana());
  Ok(ls);
  EXPECT_EQ(StdoutJson(ls)["assets"][0]["versions"], 1);
}

TEST_F(CatalogE2E, TheApiRefusesBadChunksAndEscapingPaths) {
  Ok(Cli({"project", "create", "discovery/raw"}, Dana()));
  const std::vector<std::pair<std::string, std::string>> session = {
      {"Sluice-Session", Dana().session}};
  const std::string base = "/api/v1/assets/discovery/raw/x";
  const std::string id = Sha256Hex("real bytes");
  http::Response wrong =
      *server().Send("PUT", base + "/chunks/" + id, Dana().token, "other bytes", session);
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  http::Response missing = *server().Send("POST", base + "/missing-chunks", Dana().token,
                                          nlohmann::json{{"chunks", {id}}}.dump(), session);
  ASSERT_EQ(missing.status, 200) << missing.body;
  EXPECT_EQ(nlohmann::json::parse(missing.body)["missing"].size(), 1u);

  ASSERT_EQ(
      server().Send("PUT", base + "/chunks/" + id, Dana().token, "real bytes", session)->status,
      204);
  nlohmann::json escape = {
      {"files",
       {{{"path", "../../etc/passwd"}, {"size", 10}, {"chunks", {{{"id", id}, {"size", 10}}}}}}}};
  http::Response refused =
      *server().Send("POST", base + "/versions", Dana().token, escape.dump(), session);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_THAT(refused.body, HasSubstr(".."));
  // A 2 MiB chunk is over the general 1 MiB body limit but within the 4 MiB
  // of chunk routes: it reaches the handler (which refuses its hash).
  http::Response big = *server().Send("PUT", base + "/chunks/" + id, Dana().token,
                                      std::string(2 << 20, 'x'), session);
  EXPECT_EQ(big.status, 400) << big.body;
  RunResult ls = Cli({"ls", "discovery/raw", "--json"}, Dana());
  Ok(ls);
  EXPECT_TRUE(StdoutJson(ls)["assets"].empty());
}

}  // namespace
}  // namespace sluice::e2e
