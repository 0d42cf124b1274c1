// The detectors: for each kind of sensitive value, its name, the Hyperscan patterns that find
// candidates, the validator that confirms them (validators.h), the column-name context words,
// the tags it gives a column, and the numbers the verdict rule needs (verdict.h).
//
// Adding a detector is adding a row to the table in detectors.cc (and, if its validator is new,
// a pure function in validators.h); the scanner and the verdict rule are generic over the
// table. docs/scanning.md describes every row.
//
// Thread-safety: the table is constant.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "scan/column_name.h"
#include "scan/validators.h"
#include "scan/value_shape.h"

namespace sluice::scan {

enum class DetectorId : uint8_t {
  kEmail,
  kPhone,
  kSsn,
  kCard,
  kIban,
  kIp,
  kDob,
  kPersonName,
  kPassport,
  kDriversLicense,
  kMrn,
  kIcd10,
  kHealthTerm,
  kAwsKey,
  kPrivateKey,
  kJwt,
};
inline constexpr size_t kDetectorCount = 16;

// What a validator may know besides the value: whether the column's name gave positive context
// (a bare nine-digit number is an SSN only in a column named like one), and today's date (a
// birth date is in the past).
struct ValidationContext {
  bool name_context = false;
  CivilDate today;
};

// How a sensitive column's values are shown in top_values, min and max.
enum class MaskStyle {
  kEmail,      // first character of the local part, then ***@domain
  kKeepLast4,  // every character but the last four replaced by '*'
  kFull,       // every character replaced by '*'
};

struct Detector {
  DetectorId id;
  std::string_view name;                   // "email"; the tag is "detector:email"
  std::span<const std::string_view> tags;  // among PII, PHI, PCI, credential
  // The first pass: Hyperscan patterns (for values found inside text by a rare literal), or a
  // shape test (value_shape.h: whole-field numbers), or neither (see requires_context).
  std::span<const std::string_view> patterns;
  unsigned pattern_flags;  // HS_FLAG_* for every pattern
  bool (*looks_like)(std::string_view value, const ValueShape& shape);
  bool (*validate)(std::string_view value, const ValidationContext& context);
  ContextWords context;
  // Fires only in a column whose name gives positive context. Such a detector may have no first
  // pass: its validator then sees every non-null value of those columns (each counted as a
  // candidate), which costs nothing elsewhere.
  bool requires_context;
  // The share of values that validate by chance in a column of look-alikes (random digits in
  // the same shape); without name context the verdict discounts it (verdict.h).
  double chance_share;
  // A validated secret is a finding even once (credentials): the column fires on any.
  bool fires_on_any;
  MaskStyle mask;
  // Bytes every match of `patterns` contains ("" if none is known): a value without them is not
  // scanned when it is scanned on its own (the scanner's sampled values).
  std::string_view literal;
};

std::span<const Detector> Detectors();

// The detectors (bit i for DetectorId i) whose looks_like accepts `value`, with one ShapeOf;
// for the scanner's inner loop (no calls through the table's function pointers).
// Precondition: value.size() <= kMaxShapeBytes.
uint32_t ShapeCandidates(std::string_view value);
const Detector& GetDetector(DetectorId id);

}  // namespace sluice::scan
