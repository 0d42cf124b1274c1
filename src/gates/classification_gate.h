// The classification gate: every classification detected in a version's data (PII, PHI, PCI,
// credentials, ...) must be among those its author declared, so sensitive data never moves up
// the ladder under a label that understates it. Labels compare case-insensitively (ASCII) and
// ignore surrounding blanks: "PII" and " pii" are the same label.
//
// Thread-safety: pure function.
#pragma once

#include <set>
#include <string>

#include "gates/gate_result.h"

namespace sluice::gates {

// Gate "classification": passes when detected is a subset of declared; the messages name every
// undeclared label. measured: {"declared", "detected", "undeclared"} (normalised, sorted).
GateResult CheckClassification(const std::string& subject, const std::set<std::string>& declared,
                               const std::set<std::string>& detected);

}  // namespace sluice::gates
