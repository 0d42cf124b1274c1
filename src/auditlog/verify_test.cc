#include "auditlog/verify.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "auditlog/audit_log.h"
#include "auditlog/canonical.h"
#include "auditlog/merkle.h"
#include "auditlog/test_util.h"

namespace sluice::auditlog {
namespace {

using testing::ReadLines;
using testing::SampleEvent;
using testing::TempDir;
using testing::WriteLines;

constexpr int kEvents = 20;

std::string Describe(const VerifyReport& report) {
  std::string out;
  for (const VerifyProblem& p : report.problems) {
    out += std::string(ProblemKindName(p.kind)) + " @" + std::to_string(p.index) + ": " +
           p.message + "\n";
  }
  return out;
}

// Problems other than checkpoints no longer matching (which every change
// to a checkpointed event causes, once per checkpoint file).
std::size_t ChainProblems(const VerifyReport& report) {
  std::size_t n = 0;
  for (const VerifyProblem& p : report.problems) n += p.kind != ProblemKind::kRootMismatch ? 1 : 0;
  return n;
}

bool Has(const VerifyReport& report, ProblemKind kind, std::int64_t index) {
  for (const VerifyProblem& p : report.problems) {
    if (p.kind == kind && p.index == index) return true;
  }
  return false;
}

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override { key_ = WriteLog(dir_, /*first_event=*/0, /*external=*/true); }

  // Writes a log of kEvents events under `dir`, returns its key.
  static VerifyingKey WriteLog(const TempDir& dir, int first_event, bool external) {
    AuditLogOptions options;
    options.dir = dir.File("audit");
    options.key_path = dir.File("keys/audit.pem");
    options.origin = "sluice/test";
    if (external) options.external_checkpoint_dir = dir.File("external");
    Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(options);
    EXPECT_TRUE(log.ok()) << log.status().ToString();
    for (int i = 0; i < kEvents; ++i)
      EXPECT_TRUE((*log)->Record(SampleEvent(first_event + i)).ok());
    EXPECT_TRUE((*log)->Close().ok());
    return (*log)->verifying_key();
  }

  VerifyReport Verify(const VerifyingKey& key, bool external = true) const {
    VerifyOptions options{dir_.File("audit"), external ? dir_.File("external") : "", "sluice/test"};
    Result<VerifyReport> report = VerifyAuditDir(options, key);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : VerifyReport{};
  }
  VerifyReport Verify() const { return Verify(*key_); }

  std::string Events() const { return dir_.File("audit/events.log"); }
  std::vector<std::string> Lines() const { return ReadLines(Events()); }

  TempDir dir_;
  std::optional<VerifyingKey> key_;
};

TEST_F(VerifyTest, CleanLogPasses) {
  VerifyReport report = Verify();
  EXPECT_TRUE(report.ok()) << Describe(report);
  EXPECT_EQ(report.events, static_cast<std::uint64_t>(kEvents));
  EXPECT_EQ(report.verified_size, static_cast<std::uint64_t>(kEvents));
  EXPECT_GE(report.checkpoints, 1u);
  EXPECT_GE(report.external_checkpoints, 1u);
}

TEST_F(VerifyTest, OneChangedByteIsLocated) {
  std::vector<std::string> lines = Lines();
  const std::size_t at = lines[7].find("alice7");
  ASSERT_NE(at, std::string::npos);
  lines[7][at + 4] = 'f';  // "alicf7": still a canonical event
  WriteLines(Events(), lines);
  VerifyReport report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kAltered, 7)) << Describe(report);
  EXPECT_TRUE(Has(report, ProblemKind::kRootMismatch, 0)) << Describe(report);
  EXPECT_EQ(ChainProblems(report), 1u) << Describe(report);
}

TEST_F(VerifyTest, ABrokenLineIsLocated) {
  std::vector<std::string> lines = Lines();
  lines[12][0] = '!';  // no longer JSON
  WriteLines(Events(), lines);
  VerifyReport report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kAltered, 12)) << Describe(report);
  EXPECT_EQ(ChainProblems(report), 1u) << Describe(report);
}

TEST_F(VerifyTest, ANonCanonicalLineIsLocated) {
  std::vector<std::string> lines = Lines();
  lines[3].insert(1, " ");  // same JSON value, different bytes
  WriteLines(Events(), lines);
  VerifyReport report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kNotCanonical, 3)) << Describe(report);
  EXPECT_EQ(ChainProblems(report), 1u) << Describe(report);
}

TEST_F(VerifyTest, ARemovedEventIsLocated) {
  std::vector<std::string> lines = Lines();
  lines.erase(lines.begin() + 7);
  WriteLines(Events(), lines);
  VerifyReport report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kRemoved, 7)) << Describe(report);
  EXPECT_TRUE(Has(report, ProblemKind::kTruncated, kEvents - 1)) << Describe(report);
  EXPECT_EQ(ChainProblems(report), 3u) << Describe(report);  // + truncated, twice
}

TEST_F(VerifyTest, SwappedEventsAreLocated) {
  std::vector<std::string> lines = Lines();
  std::swap(lines[7], lines[8]);
  WriteLines(Events(), lines);
  VerifyReport report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kReordered, 7)) << Describe(report);
  EXPECT_EQ(ChainProblems(report), 1u) << Describe(report);
}

TEST_F(VerifyTest, AnInsertedEventIsLocated) {
  // The best forgery of a slot: the right seq, chained to the event before.
  std::vector<std::string> lines = Lines();
  audit::Event forged = SampleEvent(7);
  forged.principal = "mallory";
  Result<std::string> line = CanonicalEvent(forged, 7, HashHex(LeafHash(lines[6])));
  ASSERT_TRUE(line.ok());
  lines.insert(lines.begin() + 7, *line);
  WriteLines(Events(), lines);
  VerifyReport report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kInserted, 7)) << Describe(report);
  EXPECT_TRUE(Has(report, ProblemKind::kRootMismatch, 0)) << Describe(report);
  EXPECT_EQ(ChainProblems(report), 1u) << Describe(report);
}

TEST_F(VerifyTest, AnInsertedLineWithAnotherSeqIsLocated) {
  std::vector<std::string> lines = Lines();
  lines.insert(lines.begin() + 4, *CanonicalEvent(SampleEvent(50), 999, std::string(64, 'b')));
  WriteLines(Events(), lines);
  VerifyReport report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kInserted, 4)) << Describe(report);
  EXPECT_EQ(ChainProblems(report), 1u) << Describe(report);
}

TEST_F(VerifyTest, ATruncatedTailIsDetected) {
  std::vector<std::string> lines = Lines();
  lines.resize(15);
  WriteLines(Events(), lines);
  VerifyReport report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kTruncated, 15)) << Describe(report);
  ASSERT_FALSE(report.problems.empty());
  EXPECT_NE(report.problems[0].message.find("covers 20 events, the log has 15"), std::string::npos)
      << Describe(report);
}

TEST_F(VerifyTest, ATornTailIsReported) {
  testing::WriteFile(Events(), testing::ReadFile(Events()) + "{\"act");
  VerifyReport report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kTornTail, kEvents)) << Describe(report);
}

TEST_F(VerifyTest, AChangedCheckpointByteIsDetected) {
  const std::string path = dir_.File("audit/checkpoints/" + CheckpointFileName(kEvents));
  std::string text = testing::ReadFile(path);
  ASSERT_FALSE(text.empty());
  text[text.find('\n', text.find('\n') + 1) + 3] ^= 0x01;  // inside the root hash
  testing::WriteFile(path, text);
  VerifyReport report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kBadSignature, -1)) << Describe(report);

  // A checkpoint under another file name is caught too.
  std::filesystem::rename(dir_.File("external/" + CheckpointFileName(kEvents)),
                          dir_.File("external/" + CheckpointFileName(kEvents + 1)));
  report = Verify();
  EXPECT_TRUE(Has(report, ProblemKind::kBadCheckpoint, -1)) << Describe(report);
}

// The attacker rewrites the whole log consistently: new events, chained and
// hashed correctly, internal checkpoints signed with their own key. Only the
// external checkpoints, out of their reach, reveal it.
TEST_F(VerifyTest, ASelfConsistentForgeryIsCaughtByTheExternalCheckpoints) {
  TempDir forger;
  const VerifyingKey forged_key = WriteLog(forger, /*first_event=*/1000, /*external=*/false);
  std::filesystem::remove_all(dir_.File("audit"));
  std::filesystem::copy(forger.File("audit"), dir_.File("audit"),
                        std::filesystem::copy_options::recursive);

  // Against the forger's key and without the external directory, all is well...
  VerifyReport report = Verify(forged_key, /*external=*/false);
  EXPECT_TRUE(report.ok()) << Describe(report);

  // ...but the external checkpoints were signed by the real key.
  report = Verify(forged_key, /*external=*/true);
  EXPECT_TRUE(Has(report, ProblemKind::kBadSignature, -1)) << Describe(report);

  // With the real key: the internal checkpoints are by another key, and the
  // external ones sign a root the log no longer has.
  report = Verify(*key_, /*external=*/true);
  EXPECT_TRUE(Has(report, ProblemKind::kBadSignature, -1)) << Describe(report);
  EXPECT_TRUE(Has(report, ProblemKind::kRootMismatch, 0)) << Describe(report);
}

TEST_F(VerifyTest, MissingDirectoryIsAnError) {
  Result<VerifyReport> report = VerifyAuditDir({dir_.File("nope"), "", ""}, *key_);
  EXPECT_EQ(report.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sluice::auditlog
