#include "scan/top_values.h"

#include <algorithm>

namespace sluice::scan {

void TopValues::AddBorrowed(std::string_view value, uint64_t hash) {
  if (value.size() > kMaxValueBytes) return;
  size_t slot = hash & (kSlots - 1);
  while (index_[slot] != kEmpty) {
    const uint8_t i = index_[slot];
    if (hashes_[i] == hash && values_[i].view() == value) {
      ++counts_[i];
      return;
    }
    slot = (slot + 1) & (kSlots - 1);
  }
  if (used_ == kCapacity) {
    DecrementAll();
    return;
  }
  if (values_.size() == used_) values_.emplace_back();
  hashes_[used_] = hash;
  counts_[used_] = 1;
  Value& v = values_[used_];
  v.borrowed = value.data();
  v.borrowed_size = value.size();
  unsettled_ = true;
  index_[slot] = static_cast<uint8_t>(used_);
  ++used_;
}

void TopValues::Settle() {
  if (!unsettled_) return;
  for (size_t i = 0; i < used_; ++i) {
    Value& v = values_[i];
    if (v.borrowed != nullptr) {
      v.owned.assign(v.borrowed, v.borrowed_size);
      v.borrowed = nullptr;
    }
  }
  unsettled_ = false;
}

void TopValues::DecrementAll() {
  size_t kept = 0;
  for (size_t i = 0; i < used_; ++i) {
    if (--counts_[i] == 0) continue;
    if (kept != i) {
      hashes_[kept] = hashes_[i];
      counts_[kept] = counts_[i];
      // Swap (not move) so that the freed counter keeps a string buffer for reuse.
      std::swap(values_[kept], values_[i]);
    }
    ++kept;
  }
  used_ = kept;
  RebuildIndex();
}

void TopValues::RebuildIndex() {
  index_.fill(kEmpty);
  for (size_t i = 0; i < used_; ++i) {
    size_t slot = hashes_[i] & (kSlots - 1);
    while (index_[slot] != kEmpty) slot = (slot + 1) & (kSlots - 1);
    index_[slot] = static_cast<uint8_t>(i);
  }
}

std::vector<std::pair<std::string, uint64_t>> TopValues::Top(size_t n) const {
  std::vector<size_t> live(used_);
  for (size_t i = 0; i < used_; ++i) live[i] = i;
  std::sort(live.begin(), live.end(), [this](size_t a, size_t b) {
    if (counts_[a] != counts_[b]) return counts_[a] > counts_[b];
    return values_[a].view() < values_[b].view();
  });
  std::vector<std::pair<std::string, uint64_t>> out;
  for (size_t i = 0; i < live.size() && i < n; ++i) {
    out.emplace_back(std::string(values_[live[i]].view()), counts_[live[i]]);
  }
  return out;
}

}  // namespace sluice::scan
