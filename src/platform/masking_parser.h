// Reading the platform file's top-level `masking:` list: how a column is shown to a principal
// the policies do not let read it in the clear (MaskRule in model.h; docs/masking.md).
//
//   masking:
//     - {detector: email, method: tokenize}   # a column the email detector fired on
//     - {detector: card, method: partial}
//     - {tag: PII, method: tokenize}          # any other column tagged PII
//
// Each entry names exactly one of `detector` (MaskableDetectors) or `tag` (MaskableTags), and a
// `method` (redact | tokenize | partial | year). A rule that repeats an earlier rule's match can
// never apply, so it is refused. Problems are reported at the offending value with rule
// bad-value.
//
// Internal to the platform component (parser.cc calls it). Thread-safety: as yaml_reader.h.
#pragma once

#include <vector>

#include "platform/model.h"
#include "platform/yaml_reader.h"

namespace sluice::platform::internal {

// The rules `field` (the value of the `masking` key) declares, in file order; the good ones
// when some are malformed (the caller tells a clean read from the sink's size).
std::vector<MaskRule> ReadMasking(const Field& field, DiagnosticSink& sink);

}  // namespace sluice::platform::internal
