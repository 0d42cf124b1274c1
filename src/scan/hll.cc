#include "scan/hll.h"

#include <array>
#include <bit>
#include <cmath>
#include <limits>

namespace sluice::scan {
namespace {

constexpr uint32_t kExactSlots = 512;  // a power of two above kMaxExactHashes: load <= 0.75
constexpr int kQ = 64 - HyperLogLog::kPrecision;

// sigma and tau from Ertl (2017), section 4.
double Sigma(double x) {
  if (x == 1.0) return std::numeric_limits<double>::infinity();
  double y = 1;
  double z = x;
  while (true) {
    x *= x;
    double before = z;
    z += x * y;
    y += y;
    if (z == before) return z;
  }
}

double Tau(double x) {
  if (x == 0.0 || x == 1.0) return 0;
  double y = 1;
  double z = 1 - x;
  while (true) {
    x = std::sqrt(x);
    double before = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
    if (z == before) return z / 3;
  }
}

}  // namespace

void HyperLogLog::AddExact(uint64_t hash) {
  if (hash == 0) hash = 1;
  if (exact_.empty()) exact_.assign(kExactSlots, 0);
  uint32_t i = static_cast<uint32_t>(hash) & (kExactSlots - 1);
  while (exact_[i] != 0) {
    if (exact_[i] == hash) return;
    i = (i + 1) & (kExactSlots - 1);
  }
  exact_[i] = hash;
  if (++exact_count_ > kMaxExactHashes) MoveToRegisters();
}

void HyperLogLog::MoveToRegisters() {
  registers_.assign(kRegisters, 0);
  for (uint64_t h : exact_) {
    if (h != 0) AddToRegisters(h);
  }
  exact_.clear();
  exact_.shrink_to_fit();
}

uint64_t HyperLogLog::Estimate() const {
  if (registers_.empty()) return exact_count_;
  std::array<uint32_t, kQ + 2> counts{};
  for (uint8_t r : registers_) ++counts[r];
  const double m = kRegisters;
  double z = m * Tau(1 - counts[kQ + 1] / m);
  for (int k = kQ; k >= 1; --k) z = 0.5 * (z + counts[k]);
  z += m * Sigma(counts[0] / m);
  const double alpha_inf = 1 / (2 * std::log(2.0));
  return static_cast<uint64_t>(std::llround(alpha_inf * m * m / z));
}

}  // namespace sluice::scan
