// Helpers for the storage tests only: a temporary directory and
// reproducible pseudo-random bytes.
//
// Thread-safety: TestTempDir is not thread-safe (one per test); the
// functions are pure.
#pragma once

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

namespace sluice::storage {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it
// on destruction.
class TestTempDir {
 public:
  TestTempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string path =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/sluice-storage-XXXXXX";
    if (::mkdtemp(path.data()) != nullptr) path_ = path;
  }
  TestTempDir(const TestTempDir&) = delete;
  TestTempDir& operator=(const TestTempDir&) = delete;
  ~TestTempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }

  // Empty if the directory could not be made.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

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
