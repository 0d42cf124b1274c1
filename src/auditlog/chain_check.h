// ChainChecker: finds where the hash chain of events.log breaks and says
// what most likely happened there, from the (seq, prev) each line claims and
// the leaf hash each line actually has. The Merkle tree and the checkpoints
// prove that the log changed; the chain tells the auditor where.
//
// Each event carries seq (its position) and prev (the leaf hash of the event
// before it). Against an intact predecessor chain, a line j may:
//   - fit: seq = expected, prev = leaf hash of the last accepted line;
//   - break it. With one line of lookahead (two for duplicates) the checker
//     tells apart:
//       altered    the bytes of an event changed: the next line's prev no
//                  longer matches its hash (or its own seq/prev field was
//                  edited, or it no longer parses);
//       removed    seq jumps ahead and prev names an unknown hash;
//       inserted   a line that does not fit, while the line after it fits
//                  where it should have been (also a duplicated seq);
//       reordered  two adjacent events in swapped order (non-adjacent moves
//                  show up as removed + reordered lines);
//       not-canonical  the line parses only leniently: its bytes are not
//                  those the log wrote.
// One alteration is reported once: the prev mismatch it causes in the next
// line is attributed to it, not reported again.
//
// `index` of a problem is the 0-based line number in events.log, except for
// `removed`, where it is the seq of the first missing event (the line it
// would have occupied). With a single problem in a log the two agree.
//
// Thread-safety: a value; one checker per verification.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "auditlog/hash.h"

namespace sluice::auditlog {

// What verification found wrong: one kind per cause. The names (ProblemKindName)
// are stable; tools match on them.
enum class ProblemKind {
  kAltered,
  kRemoved,
  kInserted,
  kReordered,
  kNotCanonical,
  kTruncated,                // the log ends before a checkpoint's size
  kTornTail,                 // bytes after the last newline
  kRootMismatch,             // a checkpoint's root differs from the log's
  kBadCheckpoint,            // a checkpoint file is malformed, renamed or for another origin
  kBadSignature,             // not signed by the verifying key, or an invalid signature
  kInconsistentCheckpoints,  // two checkpoints of one size with different roots
  kIo,                       // a file could not be read
};

std::string_view ProblemKindName(ProblemKind kind);

struct VerifyProblem {
  ProblemKind kind;
  std::int64_t index = -1;  // see the header comment; -1 when not about one event
  std::string message;
};

// What one line of events.log claims and is.
struct LineFacts {
  std::uint64_t line = 0;  // 0-based line number
  bool parsed = false;     // seq and prev could be read
  bool canonical = false;  // the strict canonical reader accepted it
  std::uint64_t seq = 0;
  std::optional<Hash> prev;  // nullopt for prev "" (the first event)
  Hash leaf{};               // LeafHash of the line's bytes
  std::string parse_error;   // why the line is not canonical, if it is not
};

class ChainChecker {
 public:
  // Lines must come in file order.
  void Add(LineFacts facts);
  // Decides the lines still held for lookahead.
  void Finish();

  const std::vector<VerifyProblem>& problems() const { return problems_; }

 private:
  // Decides window_.front(), looking at what follows it.
  void DecideFront();
  bool Fits(const LineFacts& x) const;
  void Accept(const LineFacts& x, bool flagged);
  void Report(ProblemKind kind, std::uint64_t index, std::string message);

  std::deque<LineFacts> window_;  // lines not yet decided, at most 3
  std::uint64_t expect_seq_ = 0;
  std::optional<Hash> expect_prev_;  // nullopt: expect prev "" (seq 0)
  // The last accepted line (its leaf hash is expect_prev_).
  struct Accepted {
    std::uint64_t line = 0;
    std::uint64_t seq = 0;
    std::optional<Hash> prev;
  };
  std::optional<Accepted> last_;
  // The last accepted line was reported as changed, so the next line's prev
  // not matching its hash is a consequence, not another problem.
  bool last_flagged_ = false;
  std::vector<VerifyProblem> problems_;
};

}  // namespace sluice::auditlog
