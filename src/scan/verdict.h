// The verdict rule: how a column's evidence for one detector (the share of its non-null values
// that validate, and what its name says) becomes a confidence in [0, 1], and when it fires.
//
//   share      = validated / values (values: the column's non-null values)
//   adjusted   = max(0, (share - chance) / (1 - chance)), chance = Detector::chance_share
//   confidence = min(1, share + kContextBoost)   name gives positive context
//              = adjusted                        no context (0 if requires_context)
//              = adjusted * kNegativeFactor      negative context (0 if requires_context)
//   credentials (fires_on_any): at least 0.5 + share / 2 once anything validated
//
// A detector fires when confidence >= kFireThreshold; a column reports the detector with the
// highest confidence (the earlier detector in the table on a tie). So: with a name like
// "email", a fifth of the values validating is enough; without one, over half must (for
// phone numbers, where random ten-digit numbers pass the NANP rules half the time, three
// quarters); a name like "order_id" vetoes (kNegativeFactor < kFireThreshold).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>

#include "scan/column_name.h"
#include "scan/detectors.h"

namespace sluice::scan {

inline constexpr double kFireThreshold = 0.5;
inline constexpr double kContextBoost = 0.3;
inline constexpr double kNegativeFactor = 0.4;

struct Evidence {
  uint64_t values = 0;
  uint64_t validated = 0;
  NameContext context = NameContext::kNone;
};

double Confidence(const Detector& detector, const Evidence& evidence);

}  // namespace sluice::scan
