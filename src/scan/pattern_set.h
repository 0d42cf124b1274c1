// PatternSet: every detector's first-pass patterns compiled into one Hyperscan block-mode
// database, so a buffer is scanned once for all detectors at once.
//
// Matches are reported by end offset only (no start of match: HS_FLAG_SOM_LEFTMOST would cost
// several times the scan speed); the scanner maps an end offset to the field it falls in, so
// the patterns are written so that a match never ends past its own field (the fields are
// joined with '\n', which no pattern consumes except as the last byte).
//
// Ownership: owns the database; a Scratch owns per-scan Hyperscan scratch space.
// Thread-safety: a PatternSet is immutable and may be shared; each concurrent scan needs its
// own Scratch.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "common/status.h"
#include "scan/detectors.h"

struct hs_database;
struct hs_scratch;

namespace sluice::scan {

class PatternSet {
 public:
  class Scratch {
   public:
    Scratch(Scratch&& other) noexcept : scratch_(other.scratch_) { other.scratch_ = nullptr; }
    Scratch& operator=(Scratch&&) = delete;
    Scratch(const Scratch&) = delete;
    ~Scratch();

   private:
    friend class PatternSet;
    explicit Scratch(hs_scratch* scratch) : scratch_(scratch) {}
    hs_scratch* scratch_;
  };

  // Called for each match with the detector's index in the table and the match's end offset
  // (one past its last byte). Returning false stops the scan.
  using OnMatch = bool (*)(void* context, unsigned detector, uint64_t end);

  // The patterns of the detectors whose bit is set in `only` (bit i for detectors[i]; matches
  // report i whichever are compiled). kFailedPrecondition if this CPU cannot run Hyperscan;
  // kInternal if a pattern does not compile (a programming error in the table). A set without
  // patterns scans nothing.
  static Result<std::unique_ptr<PatternSet>> Compile(std::span<const Detector> detectors,
                                                     uint32_t only = ~uint32_t{0});

  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;
  ~PatternSet();

  Result<Scratch> MakeScratch() const;
  // Makes `scratch` (from another set's MakeScratch) fit this set too, so one scratch serves
  // both.
  Status GrowScratch(Scratch& scratch) const;

  // Scans `data` (of any size: pieces beyond Hyperscan's 4 GiB limit are scanned separately).
  Status Scan(std::string_view data, Scratch& scratch, OnMatch on_match, void* context) const;

 private:
  explicit PatternSet(hs_database* db) : db_(db) {}
  hs_database* db_;
};

}  // namespace sluice::scan
