// Audit log throughput, each figure next to its peer from the same run.
//
//   auditlog_bench [google benchmark flags, e.g. --benchmark_repetitions=3]
//
//   auditlog/record/threads:N   AuditLog::Record from N writer threads: durable
//                               appends per second (real time). Counters:
//                               events_per_sync (the group commit's batch).
//   auditlog/bare/batch:B       the physical limit: a loop that writes the
//                               same canonical lines, B per write(2), one
//                               fdatasync(2) per write, nothing else (no
//                               encoding, hashing, locking or waking).
//   auditlog/paired/writers:N   record with N threads, bare with batch N and
//                               bare_group (the thinnest group commit: N
//                               threads, pre-encoded lines, write+fdatasync,
//                               nothing else) alternately in 250 ms slices
//                               (the disk's latency drifts; this pairs
//                               them): log_per_s, bare_per_s, group_per_s,
//                               ratio = log/bare, ratio_group = log/group.
//   auditlog/verify             VerifyAuditDir over a log of 1,000,000 events
//                               with one checkpoint: events per second.
//
// Data goes to $AUDITLOG_BENCH_DIR (default ./auditlog-benchdata): put it on
// the disk the server would use, not on tmpfs, or fdatasync costs nothing.
// $AUDITLOG_BENCH_DELAY_US overrides AuditLogOptions::max_group_commit_delay
// (0 turns gathering off) for experiments.
//
// The disk's fdatasync latency varies from minute to minute on a shared
// machine: compare record/threads:N with bare/batch:N from the same run, and
// use --benchmark_enable_random_interleaving=true with repetitions.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "auditlog/audit_log.h"
#include "auditlog/canonical.h"
#include "auditlog/checkpoint.h"
#include "auditlog/merkle.h"
#include "auditlog/verify.h"

namespace {
using namespace sluice::auditlog;

constexpr char kOrigin[] = "sluice/bench";

[[noreturn]] void Die(const std::string& what, const sluice::Status& s) {
  std::fprintf(stderr, "auditlog_bench: %s: %s\n", what.c_str(), s.ToString().c_str());
  std::exit(2);
}

std::string BenchRoot() {
  const char* dir = std::getenv("AUDITLOG_BENCH_DIR");
  std::string root = dir != nullptr && *dir != '\0' ? dir : "auditlog-benchdata";
  std::filesystem::create_directories(root);
  return root;
}

// A typical event: what the service records for an authorized request.
sluice::audit::Event BenchEvent(int i) {
  sluice::audit::Event e;
  e.time_ms = 1764140804123 + i;
  e.request_id = "01JDXKQ4Z6V8M2N3P4Q5R6S7T" + std::to_string(i % 10);
  e.principal = "alice";
  e.principal_kind = "user";
  e.action = "dataset.read";
  e.resource_type = "Asset";
  e.resource_id = "sales/orders-2025";
  e.environment = "prod";
  e.allowed = true;
  e.determining_policies = {"policy0"};
  e.outcome = "ok";
  e.client_address = "10.1.2.3";
  e.user_agent = "sluice-cli/0.1.0";
  e.details = {{"version", "v42"}, {"bytes", 1048576}};
  return e;
}

// The lines a log of `n` bench events holds, chained.
std::vector<std::string> ChainedLines(std::size_t n) {
  std::vector<std::string> lines;
  lines.reserve(n);
  Hash previous{};
  for (std::size_t i = 0; i < n; ++i) {
    auto line = CanonicalEvent(BenchEvent(static_cast<int>(i)), i, i == 0 ? "" : HashHex(previous));
    if (!line.ok()) Die("encode", line.status());
    previous = LeafHash(*line);
    lines.push_back(std::move(*line));
  }
  return lines;
}

std::unique_ptr<AuditLog> g_log;
std::string g_log_dir;

void BM_Record(benchmark::State& state) {
  if (state.thread_index() == 0) {
    g_log_dir = BenchRoot() + "/record";
    std::filesystem::remove_all(g_log_dir);
    std::filesystem::create_directories(g_log_dir);
    AuditLogOptions options;
    options.dir = g_log_dir + "/audit";
    options.key_path = g_log_dir + "/keys/audit.pem";
    options.origin = kOrigin;
    if (const char* d = std::getenv("AUDITLOG_BENCH_DELAY_US"))
      options.max_group_commit_delay = std::chrono::microseconds(std::atoi(d));
    auto log = AuditLog::Open(options);
    if (!log.ok()) Die("open", log.status());
    g_log = std::move(*log);
  }
  const sluice::audit::Event event = BenchEvent(state.thread_index());
  for (auto _ : state) {
    sluice::Status s = g_log->Record(event);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  if (state.thread_index() == 0) {
    const double events = static_cast<double>(g_log->size());
    const double syncs = static_cast<double>(g_log->sync_count());
    state.counters["events_per_sync"] = syncs > 0 ? events / syncs : 0;
    sluice::Status closed = g_log->Close();
    if (!closed.ok()) Die("close", closed);
    g_log.reset();
    std::filesystem::remove_all(g_log_dir);
  }
}

void BM_Bare(benchmark::State& state) {
  const std::size_t batch = static_cast<std::size_t>(state.range(0));
  const std::vector<std::string> lines = ChainedLines(4096);
  const std::string dir = BenchRoot() + "/bare";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/events.log";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) Die("open " + path, sluice::Unavailable("open failed"));
  std::size_t next = 0;
  std::string buffer;
  for (auto _ : state) {
    buffer.clear();
    for (std::size_t i = 0; i < batch; ++i) {
      buffer += lines[next++ % lines.size()];
      buffer.push_back('\n');
    }
    if (::write(fd, buffer.data(), buffer.size()) != static_cast<ssize_t>(buffer.size()) ||
        ::fdatasync(fd) != 0) {
      state.SkipWithError("write or fdatasync failed");
      break;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
  ::close(fd);
  std::filesystem::remove_all(dir);
}

// The log and its peer alternately, in slices of kSliceTime, so both see the
// disk in the same mood: one iteration is kSlices slices, log first. Reports
// both rates and their ratio (log / bare). Writers are this benchmark's own
// threads, each calling Record in a loop; the bare loop writes `writers`
// lines per fdatasync (what that many closed-loop writers could at best
// share).
constexpr auto kSliceTime = std::chrono::milliseconds(250);
constexpr int kSlices = 9;

// The thinnest group commit: the same threads each appending one
// pre-encoded line under a mutex, a leader writing and fdatasyncing the
// batch, notify_all. No encoding, hashing, tree or gathering: what the
// threads and the scheduler alone cost on this machine.
class BareGroupCommit {
 public:
  explicit BareGroupCommit(int fd) : fd_(fd) {}
  void Append(const std::string& line) {
    std::unique_lock lock(mu_);
    const std::uint64_t mine = next_++;
    pending_ += line;
    pending_.push_back('\n');
    while (durable_ <= mine) {
      if (leader_) {
        done_.wait(lock);
        continue;
      }
      leader_ = true;
      std::string batch;
      batch.swap(pending_);
      const std::uint64_t end = next_;
      lock.unlock();
      if (::write(fd_, batch.data(), batch.size()) != static_cast<ssize_t>(batch.size()) ||
          ::fdatasync(fd_) != 0) {
        Die("bare group write", sluice::Unavailable("write or fdatasync failed"));
      }
      lock.lock();
      leader_ = false;
      durable_ = end;
      done_.notify_all();
    }
  }

 private:
  int fd_;
  std::mutex mu_;
  std::condition_variable done_;
  std::string pending_;
  std::uint64_t next_ = 0, durable_ = 0;
  bool leader_ = false;
};

void BM_Paired(benchmark::State& state) {
  const int writers = static_cast<int>(state.range(0));
  const std::string dir = BenchRoot() + "/paired";
  const std::vector<std::string> lines = ChainedLines(4096);
  double log_events = 0, log_seconds = 0, bare_events = 0, bare_seconds = 0;
  double group_events = 0, group_seconds = 0;
  double syncs = 0;
  for (auto _ : state) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    AuditLogOptions options;
    options.dir = dir + "/audit";
    options.key_path = dir + "/keys/audit.pem";
    options.origin = kOrigin;
    auto log = AuditLog::Open(options);
    if (!log.ok()) Die("open", log.status());
    const int fd =
        ::open((dir + "/bare.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) Die("open bare.log", sluice::Unavailable("open failed"));
    std::string buffer;
    std::size_t next_line = 0;
    for (int slice = 0; slice < kSlices; ++slice) {
      const auto start = std::chrono::steady_clock::now();
      const auto deadline = start + kSliceTime;
      if (slice % 3 == 0) {
        const std::uint64_t before = (*log)->size();
        const std::uint64_t syncs_before = (*log)->sync_count();
        std::vector<std::thread> threads;
        for (int t = 0; t < writers; ++t) {
          threads.emplace_back([&, t] {
            const sluice::audit::Event event = BenchEvent(t);
            while (std::chrono::steady_clock::now() < deadline) {
              if (!(*log)->Record(event).ok()) Die("record", sluice::Internal("failed"));
            }
          });
        }
        for (auto& thread : threads) thread.join();
        log_events += static_cast<double>((*log)->size() - before);
        syncs += static_cast<double>((*log)->sync_count() - syncs_before);
        log_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      } else if (slice % 3 == 2) {
        BareGroupCommit group(fd);
        std::atomic<std::uint64_t> appended{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < writers; ++t) {
          threads.emplace_back([&, t] {
            std::uint64_t n = 0;
            for (; std::chrono::steady_clock::now() < deadline; ++n) {
              group.Append(lines[static_cast<std::size_t>(t) % lines.size()]);
            }
            appended += n;
          });
        }
        for (auto& thread : threads) thread.join();
        group_events += static_cast<double>(appended.load());
        group_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      } else {
        while (std::chrono::steady_clock::now() < deadline) {
          buffer.clear();
          for (int i = 0; i < writers; ++i) {
            buffer += lines[next_line++ % lines.size()];
            buffer.push_back('\n');
          }
          if (::write(fd, buffer.data(), buffer.size()) != static_cast<ssize_t>(buffer.size()) ||
              ::fdatasync(fd) != 0) {
            Die("bare write", sluice::Unavailable("write or fdatasync failed"));
          }
          bare_events += writers;
        }
        bare_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      }
    }
    ::close(fd);
    sluice::Status closed = (*log)->Close();
    if (!closed.ok()) Die("close", closed);
  }
  std::filesystem::remove_all(dir);
  const double log_rate = log_events / log_seconds;
  const double bare_rate = bare_events / bare_seconds;
  state.counters["log_per_s"] = log_rate;
  state.counters["bare_per_s"] = bare_rate;
  state.counters["ratio"] = log_rate / bare_rate;
  state.counters["group_per_s"] = group_events / group_seconds;
  state.counters["ratio_group"] = log_rate / (group_events / group_seconds);
  state.counters["events_per_sync"] = syncs > 0 ? log_events / syncs : 0;
}

// A log of kVerifyEvents events with a checkpoint of all of them, written
// directly (not through Record: that would take a minute of fdatasyncs).
constexpr std::size_t kVerifyEvents = 1'000'000;

struct VerifyFixture {
  std::string dir;
  std::unique_ptr<SigningKey> key;
};

const VerifyFixture& VerifyData() {
  static const VerifyFixture fixture = [] {
    VerifyFixture f;
    f.dir = BenchRoot() + "/verify";
    std::filesystem::remove_all(f.dir);
    std::filesystem::create_directories(f.dir + "/checkpoints");
    auto key = SigningKey::Generate();
    if (!key.ok()) Die("key", key.status());
    f.key = std::make_unique<SigningKey>(*key);
    std::string text;
    CompactRange tree;
    Hash previous{};
    for (std::size_t i = 0; i < kVerifyEvents; ++i) {
      auto line =
          CanonicalEvent(BenchEvent(static_cast<int>(i)), i, i == 0 ? "" : HashHex(previous));
      if (!line.ok()) Die("encode", line.status());
      previous = LeafHash(*line);
      tree.Append(previous);
      text += *line;
      text.push_back('\n');
    }
    std::FILE* out = std::fopen((f.dir + "/events.log").c_str(), "wb");
    std::fwrite(text.data(), 1, text.size(), out);
    std::fclose(out);
    auto checkpoint = MakeSignedCheckpoint(kOrigin, tree.size(), tree.Root(), *f.key);
    if (!checkpoint.ok()) Die("checkpoint", checkpoint.status());
    out = std::fopen((f.dir + "/checkpoints/" + CheckpointFileName(tree.size())).c_str(), "wb");
    std::fwrite(checkpoint->data(), 1, checkpoint->size(), out);
    std::fclose(out);
    return f;
  }();
  return fixture;
}

void BM_Verify(benchmark::State& state) {
  const VerifyFixture& data = VerifyData();
  for (auto _ : state) {
    auto report = VerifyAuditDir({data.dir, "", kOrigin}, data.key->verifying_key());
    if (!report.ok() || !report->ok() || report->events != kVerifyEvents) {
      state.SkipWithError("verification failed");
      break;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kVerifyEvents));
}

BENCHMARK(BM_Record)->Name("auditlog/record")->Threads(1)->Threads(16)->Threads(64)->UseRealTime();
BENCHMARK(BM_Bare)->Name("auditlog/bare/batch")->Arg(1)->Arg(16)->Arg(64)->UseRealTime();
BENCHMARK(BM_Paired)
    ->Name("auditlog/paired/writers")
    ->Arg(1)
    ->Arg(16)
    ->Arg(64)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Verify)->Name("auditlog/verify")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
