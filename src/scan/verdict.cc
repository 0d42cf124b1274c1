#include "scan/verdict.h"

#include <algorithm>

namespace sluice::scan {

double Confidence(const Detector& detector, const Evidence& evidence) {
  if (evidence.values == 0 || evidence.validated == 0) return 0;
  const double share =
      static_cast<double>(evidence.validated) / static_cast<double>(evidence.values);
  const double chance = detector.chance_share;
  const double adjusted = std::max(0.0, (share - chance) / (1 - chance));
  double confidence = 0;
  switch (evidence.context) {
    case NameContext::kPositive:
      confidence = std::min(1.0, share + kContextBoost);
      break;
    case NameContext::kNone:
      confidence = detector.requires_context ? 0 : adjusted;
      break;
    case NameContext::kNegative:
      confidence = detector.requires_context ? 0 : adjusted * kNegativeFactor;
      break;
  }
  if (detector.fires_on_any) confidence = std::max(confidence, 0.5 + share / 2);
  return std::clamp(confidence, 0.0, 1.0);
}

}  // namespace sluice::scan
