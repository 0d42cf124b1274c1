// The gear table of the content-defined chunker (chunker.h): 256 fixed
// pseudo-random 64-bit values, one per byte value.
//
// Entry i is the first 8 bytes, read big-endian, of SHA-256 of the ASCII
// text "sluice-gear-" followed by i in decimal ("sluice-gear-0" ...
// "sluice-gear-255"). Derived rather than pasted so that anyone can
// reproduce it, and part of the on-disk format: changing it moves every
// chunk boundary (docs/storage-format.md).
//
// Thread-safety: computed once, on first use (a function-local static);
// read-only afterwards.
#pragma once

#include <array>
#include <cstdint>

namespace sluice::storage {

using GearTable = std::array<std::uint64_t, 256>;

const GearTable& ChunkerGearTable();

}  // namespace sluice::storage
