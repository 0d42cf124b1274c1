#include "auditlog/chain_check.h"

#include <utility>

namespace sluice::auditlog {
namespace {

std::string Num(std::uint64_t v) {
  return std::to_string(v);
}

// y claims to come right after x.
bool Follows(const LineFacts& y, const LineFacts& x) {
  return y.parsed && x.parsed && y.seq == x.seq + 1 && y.prev && *y.prev == x.leaf;
}

}  // namespace

std::string_view ProblemKindName(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kAltered:
      return "altered";
    case ProblemKind::kRemoved:
      return "removed";
    case ProblemKind::kInserted:
      return "inserted";
    case ProblemKind::kReordered:
      return "reordered";
    case ProblemKind::kNotCanonical:
      return "not-canonical";
    case ProblemKind::kTruncated:
      return "truncated";
    case ProblemKind::kTornTail:
      return "torn-tail";
    case ProblemKind::kRootMismatch:
      return "root-mismatch";
    case ProblemKind::kBadCheckpoint:
      return "bad-checkpoint";
    case ProblemKind::kBadSignature:
      return "bad-signature";
    case ProblemKind::kInconsistentCheckpoints:
      return "inconsistent-checkpoints";
    case ProblemKind::kIo:
      return "io";
  }
  return "unknown";
}

void ChainChecker::Add(LineFacts facts) {
  window_.push_back(std::move(facts));
  if (window_.size() == 3) DecideFront();
}

void ChainChecker::Finish() {
  while (!window_.empty()) DecideFront();
}

bool ChainChecker::Fits(const LineFacts& x) const {
  return x.parsed && x.seq == expect_seq_ && x.prev == expect_prev_;
}

void ChainChecker::Report(ProblemKind kind, std::uint64_t index, std::string message) {
  problems_.push_back({kind, static_cast<std::int64_t>(index), std::move(message)});
}

void ChainChecker::Accept(const LineFacts& x, bool flagged) {
  if (!flagged && x.parsed && !x.canonical) {
    Report(ProblemKind::kNotCanonical, x.line,
           "event at line " + Num(x.line) + " is not in canonical form (" + x.parse_error +
               "): its bytes are not those the log wrote");
    flagged = true;
  }
  ++expect_seq_;
  expect_prev_ = x.leaf;
  last_ = Accepted{x.line, x.seq, x.prev};
  last_flagged_ = flagged;
}

void ChainChecker::DecideFront() {
  LineFacts c = std::move(window_.front());
  window_.pop_front();
  const LineFacts* n1 = !window_.empty() ? &window_[0] : nullptr;
  const LineFacts* n2 = window_.size() > 1 ? &window_[1] : nullptr;
  // Built only for a report: this runs for every line of the log.
  auto line_of = [](const LineFacts& x) { return "line " + Num(x.line); };

  if (!c.parsed) {
    if (n1 != nullptr && Fits(*n1)) {
      Report(ProblemKind::kInserted, c.line,
             line_of(c) + " is not an event (" + c.parse_error +
                 ") and the chain continues without it");
      return;
    }
    Report(ProblemKind::kAltered, c.line,
           "event at " + line_of(c) + " was altered: it no longer parses (" + c.parse_error + ")");
    c.seq = expect_seq_;  // it stands in for the event that was there
    Accept(c, /*flagged=*/true);
    return;
  }

  if (Fits(c)) {
    // Two lines claim the same place: keep the one the chain continues from.
    if (n1 != nullptr && n2 != nullptr && n1->parsed && n1->seq == c.seq && n1->prev == c.prev &&
        Follows(*n2, *n1) && !Follows(*n2, c)) {
      Report(ProblemKind::kInserted, c.line,
             line_of(c) + " was inserted: it claims seq " + Num(c.seq) +
                 ", as does the next line, from which the chain continues");
      return;
    }
    Accept(c, /*flagged=*/false);
    return;
  }

  if (c.seq == expect_seq_) {  // right place, wrong prev
    if (n1 != nullptr && Fits(*n1)) {
      Report(ProblemKind::kInserted, c.line,
             line_of(c) +
                 " was inserted: its prev matches no event, and the next line takes its place");
      return;
    }
    if (last_flagged_) {  // the predecessor was already reported as changed
      Accept(c, /*flagged=*/false);
      return;
    }
    const std::uint64_t before = last_ ? last_->line : 0;
    if (n1 == nullptr) {
      Report(ProblemKind::kAltered, before,
             "event at line " + Num(before) +
                 " was altered (or the prev field of the last event, " + line_of(c) +
                 "): its hash no longer matches that prev");
      Accept(c, /*flagged=*/true);
      return;
    }
    if (Follows(*n1, c)) {
      Report(ProblemKind::kAltered, before,
             "event at line " + Num(before) +
                 " was altered: its hash no longer matches the prev of " + line_of(c));
      Accept(c, /*flagged=*/false);
      return;
    }
    Report(ProblemKind::kAltered, c.line,
           "event at " + line_of(c) + " was altered: its prev field matches no event");
    Accept(c, /*flagged=*/true);
    return;
  }

  if (c.seq > expect_seq_) {
    if (n1 != nullptr && Fits(*n1) && c.seq == expect_seq_ + 1 && c.prev && *c.prev == n1->leaf) {
      Report(ProblemKind::kReordered, c.line,
             "events seq " + Num(n1->seq) + " and " + Num(c.seq) + " are swapped (" + line_of(c) +
                 " and line " + Num(n1->line) + ")");
      const LineFacts first = *n1;
      window_.pop_front();
      Accept(first, /*flagged=*/false);
      Accept(c, /*flagged=*/false);
      return;
    }
    if (n1 != nullptr && Fits(*n1)) {
      Report(ProblemKind::kInserted, c.line,
             line_of(c) + " was inserted: it claims seq " + Num(c.seq) + " and the next line fits");
      return;
    }
    if (c.prev == expect_prev_) {
      Report(ProblemKind::kAltered, c.line,
             "event at " + line_of(c) + " was altered: its seq is " + Num(c.seq) + ", expected " +
                 Num(expect_seq_));
      Accept(c, /*flagged=*/true);
      return;
    }
    const std::uint64_t missing = c.seq - expect_seq_;
    Report(ProblemKind::kRemoved, expect_seq_,
           missing == 1
               ? "event seq " + Num(expect_seq_) + " was removed (before " + line_of(c) + ")"
               : Num(missing) + " events, seq " + Num(expect_seq_) + " to " + Num(c.seq - 1) +
                     ", were removed (before " + line_of(c) + ")");
    expect_seq_ = c.seq;
    Accept(c, /*flagged=*/false);
    return;
  }

  // c.seq < expect_seq_: a seq that was already used.
  if (n1 != nullptr && Fits(*n1)) {
    Report(ProblemKind::kInserted, c.line,
           line_of(c) + " was inserted: it repeats seq " + Num(c.seq) + " and the next line fits");
    return;
  }
  if (c.prev == expect_prev_) {
    Report(ProblemKind::kAltered, c.line,
           "event at " + line_of(c) + " was altered: its seq is " + Num(c.seq) + ", expected " +
               Num(expect_seq_));
    Accept(c, /*flagged=*/true);
    return;
  }
  if (last_ && c.seq == last_->seq && c.prev == last_->prev) {
    if (n1 != nullptr && Follows(*n1, c)) {
      // The previous line was the intruder: the chain continues from this one.
      Report(ProblemKind::kInserted, last_->line,
             "line " + Num(last_->line) + " was inserted: it claims seq " + Num(c.seq) +
                 ", as does " + line_of(c) + ", from which the chain continues");
      --expect_seq_;
      Accept(c, /*flagged=*/false);
      return;
    }
    // No later event tells which of the two is the original.
    Report(ProblemKind::kInserted, last_->line,
           "line " + Num(last_->line) + " or " + line_of(c) + " was inserted: both claim seq " +
               Num(c.seq) + " after the same event, and no later event tells which is genuine");
    return;
  }
  Report(ProblemKind::kReordered, c.line,
         line_of(c) + " is out of order: seq " + Num(c.seq) + " after seq " + Num(expect_seq_ - 1));
}

}  // namespace sluice::auditlog
