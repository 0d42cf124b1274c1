// End to end (issue 8): pushed datasets are scanned; what the scan detects
// joins the version's classification and so decides who may read it; a
// large push is "scanning" (unreadable by people) until the background scan
// finishes; `sluice scan` works offline on a local file.
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
using ::testing::Contains;
using ::testing::HasSubstr;

class ScanE2E : public SharedServerTest {
 protected:
  // A CSV of `rows` customers with emails and card numbers nobody declared.
  static std::string Customers(const std::string& name, int rows) {
    fs::path dir = fs::path(scratch_dir()) / name;
    fs::create_directories(dir);
    std::ofstream out(dir / "customers.csv");
    out << "customer_id,email,card_number,spend\n";
    // Luhn-valid Visa test numbers: 4111111111111111 and 4012888888881881.
    for (int i = 1; i <= rows; ++i) {
      out << i << ",user" << i << "@example.com,"
          << (i % 2 ? "4111111111111111" : "4012888888881881") << "," << (i % 97) << "\n";
    }
    return dir.string();
  }
};

TEST_F(ScanE2E, DetectedLabelsJoinTheClassificationAndDecideReads) {
  CreatePrincipal("dana", "user", {"data-engineer"}, {"clearances=[PII,PCI]"});
  const std::string dana_token = NewToken("dana");
  const As dana{dana_token, OpenSession(dana_token, "discovery", "scan e2e")};
  CreatePrincipal("dave", "user", {"data-scientist"}, {});
  const std::string dave_token = NewToken("dave");
  const As dave{dave_token, OpenSession(dave_token, "discovery", "scan e2e")};
  Ok(Cli({"project", "create", "discovery/crm"}, dana));
  // Pushed without any declared classification.
  Ok(Cli({"push", Customers("small", 200), "discovery/crm/customers"}, dana));
  RunResult shown = Cli({"show", "discovery/crm/customers", "--json"}, dana);
  Ok(shown);
  const nlohmann::json version = StdoutJson(shown);
  ASSERT_TRUE(version["scan"].is_object()) << version.dump(2);
  EXPECT_EQ(version["scan"]["state"], "done");
  EXPECT_THAT(version["scan"]["classification"], Contains("PII"));
  EXPECT_THAT(version["scan"]["classification"], Contains("PCI"));
  RunResult text = Cli({"show", "discovery/crm/customers"}, dana);
  Ok(text);
  EXPECT_THAT(text.out, HasSubstr("detector:email"));
  // Dave holds no clearance: the detected labels keep him from the clear
  // bytes; he gets the sensitive columns masked (masked_read_e2e_test.cc).
  RunResult masked = Cli({"pull", "discovery/crm/customers", scratch_dir() + "/dave"}, dave);
  Ok(masked);
  EXPECT_THAT(masked.out, HasSubstr("card_number"));
  std::ifstream pulled(scratch_dir() + "/dave/customers.csv");
  const std::string bytes((std::istreambuf_iterator<char>(pulled)),
                          std::istreambuf_iterator<char>());
  EXPECT_THAT(bytes, ::testing::Not(HasSubstr("4111111111111111")));
  // A derived version inherits what was detected.
  Ok(Cli({"push", Customers("derived", 10), "discovery/crm/sample", "--input",
          "discovery/crm/customers"},
         dana));
  RunResult derived = Cli({"show", "discovery/crm/sample", "--json"}, dana);
  Ok(derived);
  EXPECT_THAT(StdoutJson(derived)["classification"], Contains("PCI"));
}

TEST_F(ScanE2E, ALargePushIsUnreadableUntilItsScanFinishes) {
  CreatePrincipal("erik", "user", {"data-engineer"}, {"clearances=[PII,PCI]"});
  const std::string token = NewToken("erik");
  const As erik{token, OpenSession(token, "discovery", "large scan")};
  Ok(Cli({"project", "create", "discovery/big"}, erik));
  // Over the 16 MiB scanned within a push.
  Ok(Cli({"push", Customers("large", 400000), "discovery/big/customers"}, erik));
  nlohmann::json scan;
  for (int i = 0; i < 300; ++i) {
    RunResult shown = Cli({"show", "discovery/big/customers", "--json"}, erik);
    Ok(shown);
    scan = StdoutJson(shown)["scan"];
    if (scan.is_object() && scan["state"] == "done") break;
    // While it scans, people may not read it. (The scan may finish between
    // the show and the pull; the audit log is checked for that below.)
    if (scan.is_object() && scan["state"] == "scanning") {
      RunResult early = Cli(
          {"pull", "discovery/big/customers", scratch_dir() + "/early" + std::to_string(i)}, erik);
      EXPECT_TRUE(early.code() == 3 || early.code() == 0) << early.Describe();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(scan.is_object());
  EXPECT_EQ(scan["state"], "done") << scan.dump(2);
  EXPECT_THAT(scan["classification"], Contains("PCI"));
  Ok(Cli({"pull", "discovery/big/customers", scratch_dir() + "/late"}, erik));
  // No byte was read before the scan was recorded.
  bool recorded = false;
  for (const auto& e : server().Events()) {
    recorded |= e["action"] == "asset.scan" && e["principal"]["name"] == "system";
    const bool read_bytes = e["action"] == "asset.read" && e["decision"] == "allow" &&
                            e["details"].contains("bytes_read");
    if (read_bytes && e["principal"]["name"] == "erik") {
      EXPECT_TRUE(recorded) << "a read before the scan finished: " << e.dump();
    }
  }
  EXPECT_TRUE(recorded);
}

TEST_F(ScanE2E, ScanWorksOfflineOnALocalFile) {
  const std::string dir = Customers("offline", 100);
  RunResult r = Cli({"scan", dir + "/customers.csv", "--json"}, "");
  Ok(r);
  const nlohmann::json report = StdoutJson(r);
  EXPECT_EQ(report["rows"], 100);
  ASSERT_EQ(report["columns"].size(), 4u);
  for (const auto& c : report["columns"]) {
    for (const char* key : {"name", "type", "tags", "confidence"}) EXPECT_TRUE(c.contains(key));
  }
  EXPECT_THAT(report["classification"], Contains("PII"));
  EXPECT_THAT(report["classification"], Contains("PCI"));
  // Bad input: a clear error, exit 1.
  const std::string bad = scratch_dir() + "/bad.csv";
  std::ofstream(bad) << "a,b\n\"unterminated,1\n";
  RunResult refused = Cli({"scan", bad}, "");
  EXPECT_EQ(refused.code(), 1) << refused.Describe();
  EXPECT_THAT(refused.err, HasSubstr("line"));
  EXPECT_EQ(Cli({"scan", scratch_dir() + "/missing.csv"}, "").code(), 1);
}

}  // namespace
}  // namespace sluice::e2e
