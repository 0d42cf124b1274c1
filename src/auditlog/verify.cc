#include "auditlog/verify.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <future>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "auditlog/audit_log.h"
#include "auditlog/canonical.h"
#include "auditlog/checkpoint.h"
#include "auditlog/file_io.h"
#include "auditlog/merkle.h"
#include "auditlog/note.h"

namespace sluice::auditlog {
namespace {

std::string Num(std::uint64_t v) {
  return std::to_string(v);
}

// A checkpoint file whose signature and syntax are fine.
struct GoodCheckpoint {
  std::string path;
  std::uint64_t size = 0;
  Hash root{};
};

class Verifier {
 public:
  Verifier(const VerifyOptions& options, const VerifyingKey& key) : options_(options), key_(key) {}

  Result<VerifyReport> Run();

 private:
  void Problem(ProblemKind kind, std::int64_t index, std::string message) {
    report_.problems.push_back({kind, index, std::move(message)});
  }
  void LoadCheckpoints(const std::string& dir, bool external);
  void LoadCheckpoint(const std::string& path, const std::string& name);
  Status ScanLog();
  void CheckCheckpoints();

  const VerifyOptions& options_;
  const VerifyingKey& key_;
  VerifyReport report_;
  std::string origin_;  // expected, or the first one seen
  std::vector<GoodCheckpoint> good_;
  std::map<std::uint64_t, Hash> roots_;  // log root at each checkpoint size <= events
};

Result<VerifyReport> Verifier::Run() {
  struct stat st {};
  if (::stat(options_.dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return NotFound("audit directory " + options_.dir + " does not exist");
  }
  origin_ = options_.origin;
  LoadCheckpoints(options_.dir + "/" + kCheckpointsDir, /*external=*/false);
  if (!options_.external_checkpoint_dir.empty()) {
    LoadCheckpoints(options_.external_checkpoint_dir, /*external=*/true);
  }
  SLUICE_RETURN_IF_ERROR(ScanLog());
  CheckCheckpoints();
  return std::move(report_);
}

void Verifier::LoadCheckpoints(const std::string& dir, bool external) {
  Result<std::vector<std::string>> names = ListDirectory(dir, kCheckpointSuffix);
  if (!names.ok()) {
    if (names.status().code() != StatusCode::kNotFound || external) {
      Problem(ProblemKind::kIo, -1, "cannot list checkpoints: " + names.status().message());
    }
    return;
  }
  for (const std::string& name : *names) {
    (external ? report_.external_checkpoints : report_.checkpoints)++;
    LoadCheckpoint(dir + "/" + name, name);
  }
}

void Verifier::LoadCheckpoint(const std::string& path, const std::string& name) {
  Result<std::string> text = ReadWholeFile(path);
  if (!text.ok()) {
    Problem(ProblemKind::kIo, -1, "cannot read " + path + ": " + text.status().message());
    return;
  }
  Result<SignedNote> note = ParseSignedNote(*text);
  if (!note.ok()) {
    Problem(ProblemKind::kBadCheckpoint, -1,
            path + " is not a signed note: " + note.status().message());
    return;
  }
  Result<Checkpoint> checkpoint = ParseCheckpointText(note->text);
  if (!checkpoint.ok()) {
    Problem(ProblemKind::kBadCheckpoint, -1,
            path + " is not a checkpoint: " + checkpoint.status().message());
    return;
  }
  if (origin_.empty()) origin_ = checkpoint->origin;
  if (checkpoint->origin != origin_) {
    Problem(ProblemKind::kBadCheckpoint, -1,
            path + " is for origin \"" + checkpoint->origin + "\", expected \"" + origin_ + "\"");
    return;
  }
  Status signature = VerifyNote(*note, checkpoint->origin, key_);
  if (!signature.ok()) {
    Problem(ProblemKind::kBadSignature, -1, path + ": " + signature.message());
    return;
  }
  if (name != CheckpointFileName(checkpoint->size)) {
    Problem(ProblemKind::kBadCheckpoint, -1,
            path + " holds the checkpoint of size " + Num(checkpoint->size) +
                ", which belongs in " + CheckpointFileName(checkpoint->size));
    return;
  }
  good_.push_back({path, checkpoint->size, checkpoint->root});
}

LineFacts Facts(std::uint64_t line_number, std::string_view line) {
  LineFacts facts;
  facts.line = line_number;
  facts.leaf = LeafHash(line);
  Result<EventLink> link = ScanStoredEvent(line);
  if (link.ok()) {
    facts.parsed = facts.canonical = true;
    facts.seq = link->seq;
    if (!link->prev_hex.empty()) facts.prev = *HashFromHex(link->prev_hex);
    return facts;
  }
  facts.parse_error = link.status().message();
  // Not canonical: read seq and prev leniently, to still place the line.
  nlohmann::json json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return facts;
  auto seq = json.find("seq");
  auto prev = json.find("prev");
  if (seq == json.end() || !seq->is_number_unsigned() || prev == json.end() || !prev->is_string()) {
    return facts;
  }
  const std::string& prev_hex = prev->get_ref<const std::string&>();
  if (!prev_hex.empty()) {
    Result<Hash> hash = HashFromHex(prev_hex);
    if (!hash.ok()) return facts;
    facts.prev = *hash;
  }
  facts.seq = seq->get<std::uint64_t>();
  facts.parsed = true;
  return facts;
}

// The facts of every line of `block` (complete lines only), the first being
// line number `first_line`.
std::vector<LineFacts> BlockFacts(const std::string& block, std::uint64_t first_line) {
  std::vector<LineFacts> facts;
  facts.reserve(static_cast<std::size_t>(std::count(block.begin(), block.end(), '\n')));
  std::string_view rest(block);
  while (!rest.empty()) {
    const std::size_t eol = rest.find('\n');
    facts.push_back(Facts(first_line + facts.size(), rest.substr(0, eol)));
    rest.remove_prefix(eol + 1);
  }
  return facts;
}

constexpr std::size_t kBlockBytes = std::size_t{4} << 20;

// Reads a file as blocks of whole lines: each block ends with a newline;
// what follows the last newline of the file is left in tail().
class BlockReader {
 public:
  BlockReader(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

  // The next block, or an empty one at the end of the file.
  Result<std::string> Next() {
    while (true) {
      const std::size_t newline = carry_.rfind('\n');
      if ((eof_ || carry_.size() >= kBlockBytes) && newline != std::string::npos) {
        std::string block = carry_.substr(0, newline + 1);
        carry_.erase(0, newline + 1);
        return block;
      }
      if (eof_) return std::string();
      const std::size_t old = carry_.size();
      carry_.resize(old + kBlockBytes);
      const ssize_t n = ::read(fd_, carry_.data() + old, kBlockBytes);
      if (n < 0 && errno == EINTR) {
        carry_.resize(old);
        continue;
      }
      if (n < 0) return ErrnoStatus("cannot read " + path_);
      carry_.resize(old + static_cast<std::size_t>(n));
      bytes_read_ += static_cast<std::uint64_t>(n);
      if (n == 0) eof_ = true;
    }
  }
  // After Next returned an empty block: the bytes after the last newline.
  const std::string& tail() const { return carry_; }
  std::uint64_t tail_offset() const { return bytes_read_ - carry_.size(); }

 private:
  int fd_;
  std::string path_;
  std::string carry_;
  bool eof_ = false;
  std::uint64_t bytes_read_ = 0;
};

Status Verifier::ScanLog() {
  // The sizes at which the root is wanted, ascending.
  std::vector<std::uint64_t> sizes;
  for (const GoodCheckpoint& c : good_) sizes.push_back(c.size);
  std::sort(sizes.begin(), sizes.end());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  auto next_size = sizes.begin();
  CompactRange tree;
  auto record_root = [&] {
    while (next_size != sizes.end() && *next_size == tree.size()) {
      roots_[*next_size] = tree.Root();
      ++next_size;
    }
  };
  record_root();  // a checkpoint of the empty log

  const std::string path = options_.dir + "/" + kEventsFile;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) return ErrnoStatus("cannot open " + path);
    Problem(ProblemKind::kIo, -1, path + " does not exist");
    return Status::Ok();
  }
  // Scanning and hashing lines (most of the work) runs on worker threads,
  // a block of lines each; this thread reads the blocks and consumes their
  // facts in order, growing the tree and checking the chain.
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  BlockReader reader(fd, path);
  std::deque<std::future<std::vector<LineFacts>>> in_flight;
  ChainChecker chain;
  std::uint64_t lines_read = 0;
  std::uint64_t lines_done = 0;
  auto consume = [&] {
    for (LineFacts& facts : in_flight.front().get()) {
      tree.Append(facts.leaf);
      chain.Add(std::move(facts));
      ++lines_done;
      record_root();
    }
    in_flight.pop_front();
  };
  Status status;
  while (true) {
    Result<std::string> block = reader.Next();
    if (!block.ok()) {
      status = block.status();
      break;
    }
    if (block->empty()) break;
    const std::uint64_t first_line = lines_read;
    lines_read += static_cast<std::uint64_t>(std::count(block->begin(), block->end(), '\n'));
    in_flight.push_back(std::async(std::launch::async, [first_line, b = std::move(*block)] {
      return BlockFacts(b, first_line);
    }));
    if (in_flight.size() > workers) consume();
  }
  while (!in_flight.empty()) consume();
  ::close(fd);
  SLUICE_RETURN_IF_ERROR(status);
  chain.Finish();
  report_.problems.insert(report_.problems.end(), chain.problems().begin(), chain.problems().end());
  if (!reader.tail().empty()) {
    Problem(ProblemKind::kTornTail, static_cast<std::int64_t>(lines_done),
            Num(reader.tail().size()) + " bytes after the last newline of " + path + " (offset " +
                Num(reader.tail_offset()) +
                "): a line torn by a crash, or the newline of the last event was removed");
  }
  report_.events = lines_done;
  report_.root = tree.Root();
  return Status::Ok();
}

void Verifier::CheckCheckpoints() {
  std::sort(good_.begin(), good_.end(),
            [](const GoodCheckpoint& a, const GoodCheckpoint& b) { return a.size < b.size; });
  // One size, one root, whatever the log says.
  for (std::size_t i = 1; i < good_.size(); ++i) {
    if (good_[i].size == good_[i - 1].size && good_[i].root != good_[i - 1].root) {
      Problem(ProblemKind::kInconsistentCheckpoints, -1,
              good_[i - 1].path + " and " + good_[i].path + " both sign size " +
                  Num(good_[i].size) + " with different roots");
    }
  }
  std::uint64_t last_matching = 0;  // events [0, last_matching) are vouched for
  for (const GoodCheckpoint& c : good_) {
    if (c.size > report_.events) {
      Problem(ProblemKind::kTruncated, static_cast<std::int64_t>(report_.events),
              "truncated: checkpoint " + c.path + " covers " + Num(c.size) +
                  " events, the log has " + Num(report_.events));
      continue;
    }
    if (roots_.at(c.size) != c.root) {
      Problem(ProblemKind::kRootMismatch, static_cast<std::int64_t>(last_matching),
              "checkpoint " + c.path + " signs root " + HashHex(c.root) + " for the first " +
                  Num(c.size) + " events, which now hash to " + HashHex(roots_.at(c.size)) +
                  ": events from index " + Num(last_matching) + " to " + Num(c.size - 1) +
                  " were changed");
      continue;
    }
    last_matching = c.size;
  }
  report_.verified_size = last_matching;
}

}  // namespace

Result<VerifyReport> VerifyAuditDir(const VerifyOptions& options, const VerifyingKey& key) {
  Verifier verifier(options, key);
  return verifier.Run();
}

}  // namespace sluice::auditlog
