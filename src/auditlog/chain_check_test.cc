#include "auditlog/chain_check.h"

#include <gtest/gtest.h>

#include "auditlog/merkle.h"

namespace sluice::auditlog {
namespace {

// A well-formed chain of n lines: line i has seq i and prev = leaf of i-1.
std::vector<LineFacts> Chain(int n) {
  std::vector<LineFacts> lines;
  for (int i = 0; i < n; ++i) {
    LineFacts f;
    f.parsed = f.canonical = true;
    f.seq = static_cast<std::uint64_t>(i);
    if (i > 0) f.prev = lines.back().leaf;
    f.leaf = LeafHash("event " + std::to_string(i));
    lines.push_back(f);
  }
  return lines;
}

std::vector<VerifyProblem> Check(std::vector<LineFacts> lines) {
  ChainChecker checker;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    lines[i].line = i;
    checker.Add(lines[i]);
  }
  checker.Finish();
  return checker.problems();
}

void ExpectOnly(const std::vector<VerifyProblem>& problems, ProblemKind kind, std::int64_t index) {
  std::string all;
  for (const VerifyProblem& p : problems) all += p.message + "\n";
  ASSERT_EQ(problems.size(), 1u) << all;
  EXPECT_EQ(problems[0].kind, kind) << problems[0].message;
  EXPECT_EQ(problems[0].index, index) << problems[0].message;
}

TEST(ChainCheckTest, IntactChainHasNoProblem) {
  EXPECT_TRUE(Check(Chain(10)).empty());
  EXPECT_TRUE(Check(Chain(0)).empty());
  EXPECT_TRUE(Check(Chain(1)).empty());
}

TEST(ChainCheckTest, AlteredContent) {
  for (int at : {0, 3, 8}) {  // the last line's change is only visible to a checkpoint
    std::vector<LineFacts> lines = Chain(10);
    lines[at].leaf = LeafHash("changed");
    ExpectOnly(Check(lines), ProblemKind::kAltered, at);
  }
}

TEST(ChainCheckTest, AlteredPrevOrSeqField) {
  std::vector<LineFacts> lines = Chain(10);
  lines[4].prev = LeafHash("nothing");
  lines[4].leaf = LeafHash("changed");  // its bytes changed, so its hash did
  ExpectOnly(Check(lines), ProblemKind::kAltered, 4);

  lines = Chain(10);
  lines[4].seq = 40;
  lines[4].leaf = LeafHash("changed");
  ExpectOnly(Check(lines), ProblemKind::kAltered, 4);

  lines = Chain(10);
  lines[4].seq = 2;
  lines[4].leaf = LeafHash("changed");
  ExpectOnly(Check(lines), ProblemKind::kAltered, 4);
}

TEST(ChainCheckTest, UnparsableLine) {
  std::vector<LineFacts> lines = Chain(10);
  lines[5].parsed = false;
  lines[5].leaf = LeafHash("garbage");
  ExpectOnly(Check(lines), ProblemKind::kAltered, 5);

  lines = Chain(10);
  LineFacts garbage;
  garbage.leaf = LeafHash("garbage");
  lines.insert(lines.begin() + 5, garbage);
  ExpectOnly(Check(lines), ProblemKind::kInserted, 5);
}

TEST(ChainCheckTest, RemovedEvents) {
  std::vector<LineFacts> lines = Chain(10);
  lines.erase(lines.begin() + 3, lines.begin() + 6);
  ExpectOnly(Check(lines), ProblemKind::kRemoved, 3);

  lines = Chain(10);
  lines.erase(lines.begin());
  ExpectOnly(Check(lines), ProblemKind::kRemoved, 0);
}

TEST(ChainCheckTest, SwappedNeighbours) {
  for (int at : {0, 4, 8}) {
    std::vector<LineFacts> lines = Chain(10);
    std::swap(lines[at], lines[at + 1]);
    ExpectOnly(Check(lines), ProblemKind::kReordered, at);
  }
}

TEST(ChainCheckTest, InsertedEvents) {
  // A perfect slot forgery (right seq, right prev), in the middle and at the end.
  for (int at : {1, 5, 9}) {
    std::vector<LineFacts> lines = Chain(10);
    LineFacts forged = lines[at];
    forged.leaf = LeafHash("forged");
    lines.insert(lines.begin() + at, forged);
    ExpectOnly(Check(lines), ProblemKind::kInserted, at);
  }
  // Right seq, prev of nothing.
  std::vector<LineFacts> lines = Chain(10);
  LineFacts forged = lines[5];
  forged.prev = LeafHash("nothing");
  forged.leaf = LeafHash("forged");
  lines.insert(lines.begin() + 5, forged);
  ExpectOnly(Check(lines), ProblemKind::kInserted, 5);
  // An old event replayed later.
  lines = Chain(10);
  lines.insert(lines.begin() + 7, lines[2]);
  ExpectOnly(Check(lines), ProblemKind::kInserted, 7);
}

TEST(ChainCheckTest, NotCanonicalIsReportedOnce) {
  std::vector<LineFacts> lines = Chain(10);
  lines[6].canonical = false;
  lines[6].leaf = LeafHash("respelled");
  ExpectOnly(Check(lines), ProblemKind::kNotCanonical, 6);
}

TEST(ChainCheckTest, DistantMoveIsDetected) {
  std::vector<LineFacts> lines = Chain(10);
  std::swap(lines[2], lines[7]);
  EXPECT_FALSE(Check(lines).empty());
}

}  // namespace
}  // namespace sluice::auditlog
