#include "auditlog/audit_log.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <limits>
#include <set>
#include <thread>

#include "auditlog/checkpoint.h"
#include "auditlog/test_util.h"
#include "auditlog/verify.h"

namespace sluice::auditlog {
namespace {

using testing::Filter;
using testing::SampleEvent;
using testing::TempDir;

class AuditLogTest : public ::testing::Test {
 protected:
  AuditLogOptions Options() const {
    AuditLogOptions options;
    options.dir = dir_.File("audit");
    options.key_path = dir_.File("keys/audit-ed25519.pem");
    options.external_checkpoint_dir = dir_.File("external");
    options.origin = "sluice/test";
    options.checkpoint_interval = std::chrono::milliseconds(50);
    return options;
  }
  std::unique_ptr<AuditLog> OpenLog() {
    Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(Options());
    EXPECT_TRUE(log.ok()) << log.status().ToString();
    return log.ok() ? std::move(*log) : nullptr;
  }
  std::string EventsPath() const { return dir_.File("audit/events.log"); }
  std::string InternalCheckpoint(std::uint64_t size) const {
    return dir_.File("audit/checkpoints/" + CheckpointFileName(size));
  }
  std::string ExternalCheckpoint(std::uint64_t size) const {
    return dir_.File("external/" + CheckpointFileName(size));
  }
  VerifyReport Verify(const VerifyingKey& key) const {
    Result<VerifyReport> report =
        VerifyAuditDir({Options().dir, Options().external_checkpoint_dir, "sluice/test"}, key);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : VerifyReport{};
  }

  TempDir dir_;
};

TEST_F(AuditLogTest, RecordsEventsFromManyThreadsWithGroupCommit) {
  std::unique_ptr<AuditLog> log = OpenLog();
  ASSERT_NE(log, nullptr);
  constexpr int kThreads = 16;
  constexpr int kPerThread = 100;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!log->Record(SampleEvent(t * kPerThread + i)).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  constexpr std::uint64_t kTotal = kThreads * kPerThread;
  EXPECT_EQ(log->size(), kTotal);
  // Group commit: far fewer syncs than events.
  EXPECT_LT(log->sync_count(), kTotal);
  std::printf("%llu events, %llu fdatasyncs\n", static_cast<unsigned long long>(kTotal),
              static_cast<unsigned long long>(log->sync_count()));

  std::set<std::string> principals;
  std::uint64_t next = 0;
  ASSERT_TRUE(log->ReadEvents(0, kTotal,
                              [&](const StoredEvent& e) {
                                EXPECT_EQ(e.seq, next++);
                                principals.insert(e.event.principal);
                                return true;
                              })
                  .ok());
  EXPECT_EQ(next, kTotal);
  EXPECT_EQ(principals.size(), kTotal);  // every event, once
  EXPECT_EQ(testing::ReadLines(EventsPath()).size(), kTotal);

  // Reading from the middle, a bounded number.
  std::vector<std::uint64_t> seqs;
  ASSERT_TRUE(log->ReadEvents(700, 3,
                              [&](const StoredEvent& e) {
                                seqs.push_back(e.seq);
                                return true;
                              })
                  .ok());
  EXPECT_EQ(seqs, (std::vector<std::uint64_t>{700, 701, 702}));

  ASSERT_TRUE(log->Close().ok());
  EXPECT_TRUE(Verify(log->verifying_key()).ok());
}

TEST_F(AuditLogTest, ReopenRecomputesTheSameTreeAndContinuesTheChain) {
  Hash root;
  std::optional<VerifyingKey> key;
  {
    std::unique_ptr<AuditLog> log = OpenLog();
    ASSERT_NE(log, nullptr);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(log->Record(SampleEvent(i)).ok());
    root = log->Root();
    key = log->verifying_key();
    ASSERT_TRUE(log->Close().ok());
    EXPECT_EQ(log->Record(SampleEvent(99)).code(), StatusCode::kUnavailable);
  }
  std::unique_ptr<AuditLog> log = OpenLog();
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->size(), 10u);
  EXPECT_EQ(log->Root(), root);
  EXPECT_EQ(log->verifying_key(), *key);
  ASSERT_TRUE(log->LatestCheckpoint().has_value());
  EXPECT_EQ(log->LatestCheckpoint()->size, 10u);
  ASSERT_TRUE(log->Record(SampleEvent(10)).ok());
  EXPECT_EQ(log->size(), 11u);
  EXPECT_EQ(*log->RootAt(10), root);

  // The proofs the log serves verify against its roots.
  std::vector<std::string> lines = testing::ReadLines(EventsPath());
  ASSERT_EQ(lines.size(), 11u);
  for (std::uint64_t i = 0; i < 11; ++i) {
    Result<std::vector<Hash>> proof = log->InclusionProof(i, 11);
    ASSERT_TRUE(proof.ok());
    EXPECT_TRUE(VerifyInclusion(LeafHash(lines[i]), i, 11, *proof, log->Root()).ok());
  }
  Result<std::vector<Hash>> consistency = log->ConsistencyProof(10, 11);
  ASSERT_TRUE(consistency.ok());
  EXPECT_TRUE(VerifyConsistency(10, 11, root, log->Root(), *consistency).ok());
  EXPECT_FALSE(log->InclusionProof(0, 12).ok());

  ASSERT_TRUE(log->Close().ok());
  VerifyReport report = Verify(*key);
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.events, 11u);
  EXPECT_EQ(report.verified_size, 11u);
}

TEST_F(AuditLogTest, FindEventsUsesTheIndexBeforeAndAfterReopen) {
  // 600 events span three index blocks (kIndexStride = 256); every third one
  // (i % 3 == 0) is a denial, and principals alternate between two names.
  auto event = [](int i) {
    audit::Event e = SampleEvent(i);
    e.principal = i % 2 == 0 ? "alice" : "bob";
    e.environment = i < 300 ? "discovery" : "production";
    return e;
  };
  auto find = [](const AuditLog& log, const EventFilter& filter, std::uint64_t from) {
    std::vector<std::uint64_t> seqs;
    Status s = log.FindEvents(filter, from, 1000, [&](const StoredEvent& e) {
      seqs.push_back(e.seq);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return seqs;
  };
  auto expected = [&](const EventFilter& filter, std::uint64_t from) {
    std::vector<std::uint64_t> seqs;
    for (int i = static_cast<int>(from); i < 600; ++i) {
      const audit::Event e = event(i);
      if ((filter.principal.empty() || e.principal == filter.principal) &&
          (filter.environment.empty() || e.environment == filter.environment) &&
          (!filter.allowed || e.allowed == *filter.allowed)) {
        seqs.push_back(static_cast<std::uint64_t>(i));
      }
    }
    return seqs;
  };
  const std::vector<EventFilter> filters = {
      Filter("alice"),
      Filter("bob", "", "", false),
      Filter("", "", "production", false),
      Filter("alice", "principal.create", "discovery"),
  };
  {
    std::unique_ptr<AuditLog> log = OpenLog();
    ASSERT_NE(log, nullptr);
    for (int i = 0; i < 600; ++i) ASSERT_TRUE(log->Record(event(i)).ok());
    for (const EventFilter& f : filters) {
      EXPECT_EQ(find(*log, f, 0), expected(f, 0));
      EXPECT_EQ(find(*log, f, 257), expected(f, 257));
    }
    EXPECT_TRUE(find(*log, Filter("carol"), 0).empty());
    ASSERT_TRUE(log->Close().ok());
  }
  std::unique_ptr<AuditLog> log = OpenLog();  // the index is rebuilt from the file
  ASSERT_NE(log, nullptr);
  for (const EventFilter& f : filters) EXPECT_EQ(find(*log, f, 0), expected(f, 0));
  std::vector<std::uint64_t> first_two;
  ASSERT_TRUE(log->FindEvents(Filter("bob"), 0, 2,
                              [&](const StoredEvent& e) {
                                first_two.push_back(e.seq);
                                EXPECT_EQ(e.event.principal, "bob");
                                return true;
                              })
                  .ok());
  EXPECT_EQ(first_two, (std::vector<std::uint64_t>{1, 3}));
}

TEST_F(AuditLogTest, TornLastLineIsCutOffOnOpen) {
  {
    std::unique_ptr<AuditLog> log = OpenLog();
    ASSERT_NE(log, nullptr);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(log->Record(SampleEvent(i)).ok());
  }
  const std::string intact = testing::ReadFile(EventsPath());
  std::string torn = *CanonicalEvent(SampleEvent(5), 5, std::string(64, 'a'));
  testing::WriteFile(EventsPath(), intact + torn.substr(0, torn.size() / 2));

  std::unique_ptr<AuditLog> log = OpenLog();
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->size(), 5u);
  EXPECT_EQ(testing::ReadFile(EventsPath()), intact);
  ASSERT_TRUE(log->Record(SampleEvent(5)).ok());
  ASSERT_TRUE(log->Close().ok());
  EXPECT_TRUE(Verify(log->verifying_key()).ok());
}

TEST_F(AuditLogTest, RefusesToOpenADamagedLog) {
  {
    std::unique_ptr<AuditLog> log = OpenLog();
    ASSERT_NE(log, nullptr);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(log->Record(SampleEvent(i)).ok());
  }
  const std::string intact = testing::ReadFile(EventsPath());

  testing::WriteFile(EventsPath(), intact + "garbage\n");
  EXPECT_EQ(AuditLog::Open(Options()).status().code(), StatusCode::kDataLoss);

  // The last event removed: the log is shorter than its checkpoint.
  std::vector<std::string> lines = testing::ReadLines(EventsPath());
  lines.pop_back();
  lines.pop_back();
  testing::WriteLines(EventsPath(), lines);
  Result<std::unique_ptr<AuditLog>> shorter = AuditLog::Open(Options());
  EXPECT_EQ(shorter.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(shorter.status().message().find("covers 5 events"), std::string::npos)
      << shorter.status().message();

  // Removing the newline of the last event would pass for a torn line; the
  // checkpoint that covers it says otherwise.
  testing::WriteFile(EventsPath(), intact.substr(0, intact.size() - 1));
  EXPECT_EQ(AuditLog::Open(Options()).status().code(), StatusCode::kDataLoss);

  testing::WriteFile(EventsPath(), intact);
  EXPECT_TRUE(AuditLog::Open(Options()).ok());
}

TEST_F(AuditLogTest, CheckpointsAppearWithinTheIntervalAndOnClose) {
  std::unique_ptr<AuditLog> log = OpenLog();
  ASSERT_NE(log, nullptr);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(log->Record(SampleEvent(i)).ok());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  // LatestCheckpoint is set once both copies are durable.
  while ((!log->LatestCheckpoint() || log->LatestCheckpoint()->size != 3) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(std::filesystem::exists(InternalCheckpoint(3)));
  ASSERT_TRUE(std::filesystem::exists(ExternalCheckpoint(3)));
  ASSERT_TRUE(log->LatestCheckpoint().has_value());
  EXPECT_EQ(log->LatestCheckpoint()->size, 3u);
  EXPECT_TRUE(log->CheckpointStatus().ok());

  ASSERT_TRUE(log->Record(SampleEvent(3)).ok());
  ASSERT_TRUE(log->Close().ok());
  for (const std::string& path : {InternalCheckpoint(4), ExternalCheckpoint(4)}) {
    Result<Checkpoint> checkpoint =
        ParseAndVerifyCheckpoint(testing::ReadFile(path), log->verifying_key(), "sluice/test");
    ASSERT_TRUE(checkpoint.ok()) << path << ": " << checkpoint.status().ToString();
    EXPECT_EQ(checkpoint->size, 4u);
    EXPECT_EQ(checkpoint->root, log->Root());
  }
  struct stat st {};
  ASSERT_EQ(::stat(EventsPath().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AuditLogTest, RefusesAnUnprotectedKeyAndUncanonicalEvents) {
  {
    std::unique_ptr<AuditLog> log = OpenLog();
    ASSERT_NE(log, nullptr);
    audit::Event bad = SampleEvent(0);
    bad.details = {{"x", std::numeric_limits<double>::infinity()}};
    EXPECT_EQ(log->Record(bad).code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(log->Record(SampleEvent(0)).ok());  // the log goes on
    EXPECT_EQ(log->size(), 1u);
  }
  ASSERT_EQ(::chmod(Options().key_path.c_str(), 0644), 0);
  EXPECT_EQ(AuditLog::Open(Options()).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(AuditLogTest, DefaultOriginComesFromPlatformAndKey) {
  AuditLogOptions options = Options();
  options.origin.clear();
  options.platform = "five-stage";
  Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(options);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ((*log)->origin(), *DefaultOrigin("five-stage", (*log)->verifying_key()));
}

}  // namespace
}  // namespace sluice::auditlog
