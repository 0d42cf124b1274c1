#include "audit/jsonl_recorder.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

namespace sluice::audit {
namespace {

std::string TempPath() {
  char dir[] = "/tmp/sluice-audit-XXXXXX";
  EXPECT_NE(mkdtemp(dir), nullptr);
  return std::string(dir) + "/events.jsonl";
}

TEST(JsonlRecorderTest, AppendsOneParsableLinePerEvent) {
  std::string path = TempPath();
  auto recorder = JsonlRecorder::Open(path);
  ASSERT_TRUE(recorder.ok());
  Event e;
  e.time_ms = 1000;
  e.principal = "alice";
  e.action = "whoami";
  e.allowed = true;
  e.details = {{"bytes", 3}};
  ASSERT_TRUE((*recorder)->Record(e).ok());
  e.allowed = false;
  e.outcome = "permission-denied";
  ASSERT_TRUE((*recorder)->Record(e).ok());

  std::ifstream in(path);
  std::string line;
  std::vector<nlohmann::json> lines;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["decision"], "allow");
  EXPECT_EQ(lines[0]["principal"]["name"], "alice");
  EXPECT_EQ(lines[0]["time"], "1970-01-01T00:00:01.000Z");
  EXPECT_EQ(lines[1]["decision"], "deny");
  EXPECT_EQ(lines[1]["outcome"], "permission-denied");

  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(JsonlRecorderTest, ConcurrentWritersNeverInterleave) {
  std::string path = TempPath();
  auto recorder = JsonlRecorder::Open(path);
  ASSERT_TRUE(recorder.ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Event e;
      e.action = std::string(1000, static_cast<char>('a' + t));
      for (int i = 0; i < 200; ++i) ASSERT_TRUE((*recorder)->Record(e).ok());
    });
  }
  for (auto& th : threads) th.join();
  std::ifstream in(path);
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    std::string action = j["action"];
    EXPECT_EQ(action, std::string(1000, action[0]));
    ++count;
  }
  EXPECT_EQ(count, 800);
}

TEST(JsonlRecorderTest, UnopenablePathIsAnError) {
  auto recorder = JsonlRecorder::Open("/nonexistent-dir/x/events.jsonl");
  EXPECT_EQ(recorder.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace sluice::audit
