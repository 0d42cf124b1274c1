// Helpers for the storage tests only: reproducible pseudo-random bytes
// (temporary directories: common/test_temp_dir.h).
//
// Thread-safety: TestTempDir is not thread-safe (one per test); the
// functions are pure.
#pragma once

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>

#include "common/test_temp_dir.h"

namespace sluice::storage {

// `size` bytes from a mt19937_64 seeded with `seed`, each word taken
// little-endian: the same on every platform (the engine is specified
// exactly, unlike the std::uniform_* distributions).
inline std::string RandomBytes(std::uint64_t seed, std::size_t size) {
  std::mt19937_64 engine(seed);
  std::string bytes(size, '\0');
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (i % 8 == 0) word = engine();
    bytes[i] = static_cast<char>(word >> (8 * (i % 8)));
  }
  return bytes;
}

}  // namespace sluice::storage
