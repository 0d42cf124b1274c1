#include "scan/pattern_set.h"

#include <hs/hs.h>

#include <limits>
#include <string>
#include <vector>

namespace sluice::scan {
namespace {

struct Callback {
  PatternSet::OnMatch on_match;
  void* context;
  uint64_t base;
};

int OnHsMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to,
              unsigned int /*flags*/, void* ctx) {
  auto* cb = static_cast<Callback*>(ctx);
  return cb->on_match(cb->context, id, cb->base + to) ? 0 : 1;
}

}  // namespace

PatternSet::Scratch::~Scratch() {
  if (scratch_ != nullptr) hs_free_scratch(scratch_);
}

Result<std::unique_ptr<PatternSet>> PatternSet::Compile(std::span<const Detector> detectors,
                                                        uint32_t only) {
  if (hs_valid_platform() != HS_SUCCESS) {
    return FailedPrecondition("this CPU cannot run Hyperscan (it needs SSSE3)");
  }
  std::vector<std::string> expressions;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (size_t d = 0; d < detectors.size(); ++d) {
    if ((only >> d & 1) == 0) continue;
    for (std::string_view pattern : detectors[d].patterns) {
      expressions.emplace_back(pattern);
      flags.push_back(detectors[d].pattern_flags);
      ids.push_back(static_cast<unsigned>(d));
    }
  }
  if (expressions.empty()) return std::unique_ptr<PatternSet>(new PatternSet(nullptr));
  std::vector<const char*> pointers;
  for (const std::string& e : expressions) pointers.push_back(e.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  hs_error_t rc =
      hs_compile_multi(pointers.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(pointers.size()), HS_MODE_BLOCK, nullptr, &db, &error);
  if (rc != HS_SUCCESS) {
    std::string message = "hyperscan: ";
    if (error != nullptr) {
      message += error->message;
      if (error->expression >= 0) {
        message += " in pattern " + expressions[static_cast<size_t>(error->expression)];
      }
      hs_free_compile_error(error);
    }
    return Internal(message);
  }
  return std::unique_ptr<PatternSet>(new PatternSet(db));
}

PatternSet::~PatternSet() {
  if (db_ != nullptr) hs_free_database(db_);
}

Result<PatternSet::Scratch> PatternSet::MakeScratch() const {
  Scratch scratch(nullptr);
  SLUICE_RETURN_IF_ERROR(GrowScratch(scratch));
  return scratch;
}

Status PatternSet::GrowScratch(Scratch& scratch) const {
  if (db_ != nullptr && hs_alloc_scratch(db_, &scratch.scratch_) != HS_SUCCESS) {
    return Internal("hyperscan: cannot allocate scratch space");
  }
  return Status::Ok();
}

Status PatternSet::Scan(std::string_view data, Scratch& scratch, OnMatch on_match,
                        void* context) const {
  if (db_ == nullptr) return Status::Ok();
  constexpr size_t kMaxPiece = std::numeric_limits<unsigned int>::max();
  Callback cb{on_match, context, 0};
  do {
    size_t piece = data.size() < kMaxPiece ? data.size() : kMaxPiece;
    hs_error_t rc = hs_scan(db_, data.data(), static_cast<unsigned int>(piece), 0, scratch.scratch_,
                            OnHsMatch, &cb);
    if (rc == HS_SCAN_TERMINATED) return Status::Ok();
    if (rc != HS_SUCCESS) return Internal("hyperscan: scan failed (" + std::to_string(rc) + ")");
    data.remove_prefix(piece);
    cb.base += piece;
  } while (!data.empty());
  return Status::Ok();
}

}  // namespace sluice::scan
