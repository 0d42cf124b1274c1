// Column names from a CSV header, made usable as keys: a schema (and every later per-column
// result) is keyed by name, so names must be non-empty and unique.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

namespace sluice::tabular {

// Returns `names` with, left to right:
// - an empty name replaced by "column_<position>" (1-based), e.g. the third column -> "column_3"
//   (or "column_3_2", "column_3_3", ... if the header already has a "column_3");
// - a name already used by an earlier column given the first free suffix "_2", "_3", ...:
//   "a,a,a" -> "a,a_2,a_3".
// A suffixed or generated name never takes a name that appears anywhere in the header, so
// "a,a,a_2" -> "a,a_3,a_2": the column whose header says "a_2" keeps that name. Names are
// otherwise kept byte for byte (no trimming, no case folding).
std::vector<std::string> MakeUniqueColumnNames(std::vector<std::string> names);

}  // namespace sluice::tabular
