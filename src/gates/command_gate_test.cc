#include "gates/command_gate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "common/test_temp_dir.h"

namespace sluice::gates {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

platform::CommandGate Gate(std::vector<std::string> argv, int timeout_seconds = 10) {
  platform::CommandGate g;
  g.name = "check";
  g.argv = std::move(argv);
  g.timeout = std::chrono::seconds(timeout_seconds);
  return g;
}

std::string AllMessages(const GateResult& r) {
  std::string out;
  for (const std::string& m : r.messages) out += m + "\n";
  return out;
}

class CommandGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    std::ofstream(dir_.File("customers.csv")) << "id\n1\n";
    std::ofstream(dir_.File("model.bin")) << "x";
  }
  TestTempDir dir_;
};

TEST_F(CommandGateTest, ExitZeroPasses) {
  const GateResult r = RunCommand(Gate({"/bin/true"}), dir_.path());
  EXPECT_TRUE(r.passed) << AllMessages(r);
  EXPECT_EQ(r.gate, "command:check");
  EXPECT_EQ(r.measured["exit_code"], 0);
  EXPECT_EQ(r.measured["timed_out"], false);
}

TEST_F(CommandGateTest, NonZeroExitFails) {
  const GateResult r = RunCommand(Gate({"/bin/false"}), dir_.path());
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("exited with status 1"));
  EXPECT_EQ(r.measured["exit_code"], 1);
}

TEST_F(CommandGateTest, TimeoutKillsTheProcessGroup) {
  const auto start = std::chrono::steady_clock::now();
  const GateResult r = RunCommand(Gate({"/bin/sh", "-c", "sleep 5"}, 1), dir_.path());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("timed out after 1 s"));
  EXPECT_EQ(r.measured["timed_out"], true);
  EXPECT_LT(elapsed, std::chrono::seconds(4));
}

TEST_F(CommandGateTest, RunsInTheBundleWithAMinimalEnvironment) {
  const GateResult r =
      RunCommand(Gate({"/bin/sh", "-c",
                       "ls; pwd; echo \"dir=$SLUICE_BUNDLE_DIR\"; echo \"path=$PATH\"; "
                       "echo \"home=${HOME-unset}\"; echo oops >&2; cat; exit 0"}),
                 dir_.path());
  EXPECT_TRUE(r.passed) << AllMessages(r);
  const std::string m = AllMessages(r);
  EXPECT_THAT(m, HasSubstr("customers.csv\nmodel.bin\n" + dir_.path() + "\n"));
  EXPECT_THAT(m, HasSubstr("dir=" + dir_.path() + "\n"));
  EXPECT_THAT(m, HasSubstr("path=/usr/bin:/bin\n"));
  EXPECT_THAT(m, HasSubstr("home=unset\n"));
  EXPECT_THAT(m, HasSubstr("oops"));  // stderr too
}

TEST_F(CommandGateTest, KeepsOnlyTheTailOfTheOutput) {
  CommandOptions options;
  options.output_tail_bytes = 100;
  const GateResult r =
      RunCommand(Gate({"/bin/sh", "-c",
                       "i=0; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done; exit 3"}),
                 dir_.path(), options);
  EXPECT_FALSE(r.passed);
  const std::string m = AllMessages(r);
  EXPECT_THAT(m, HasSubstr("exited with status 3"));
  EXPECT_THAT(m, HasSubstr("output (last 100 of"));
  EXPECT_THAT(m, HasSubstr("line1999\n"));
  EXPECT_THAT(m, Not(HasSubstr("line0\n")));
  EXPECT_GT(r.measured["output_bytes"].get<int>(), 10000);
}

TEST_F(CommandGateTest, DeathBySignalFails) {
  const GateResult r = RunCommand(Gate({"/bin/sh", "-c", "kill -TERM $$"}), dir_.path());
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("killed by signal 15"));
}

TEST_F(CommandGateTest, BackgroundChildrenDoNotHoldTheGate) {
  const auto start = std::chrono::steady_clock::now();
  const GateResult r =
      RunCommand(Gate({"/bin/sh", "-c", "sleep 30 & echo started"}, 20), dir_.path());
  EXPECT_TRUE(r.passed) << AllMessages(r);
  EXPECT_THAT(AllMessages(r), HasSubstr("started"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(CommandGateTest, BadCommandsFail) {
  GateResult r = RunCommand(Gate({"true"}), dir_.path());
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("absolute path"));
  r = RunCommand(Gate({}), dir_.path());
  EXPECT_FALSE(r.passed);
  r = RunCommand(Gate({"/no/such/program"}), dir_.path());
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("cannot start \"/no/such/program\""));
  r = RunCommand(Gate({"/bin/true"}), dir_.File("missing"));
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("does not exist"));
  r = RunCommand(Gate({"/bin/true"}, 0), dir_.path());
  EXPECT_FALSE(r.passed);
}

}  // namespace
}  // namespace sluice::gates
