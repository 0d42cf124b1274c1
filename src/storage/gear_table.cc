#include "storage/gear_table.h"

#include <openssl/sha.h>

#include <string>

namespace sluice::storage {
namespace {

GearTable ComputeGearTable() {
  GearTable table{};
  for (std::size_t i = 0; i < table.size(); ++i) {
    const std::string seed = "sluice-gear-" + std::to_string(i);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(seed.data()), seed.size(), digest);
    std::uint64_t value = 0;
    for (int b = 0; b < 8; ++b) value = (value << 8) | digest[b];
    table[i] = value;
  }
  return table;
}

}  // namespace

const GearTable& ChunkerGearTable() {
  static const GearTable table = ComputeGearTable();
  return table;
}

}  // namespace sluice::storage
