#include "scan/top_values.h"

#include <algorithm>

namespace sluice::scan {

void TopValues::Settle() {
  if (!unsettled_) return;
  if (owned_.size() < used_) {
    owned_.resize(used_);
    // Growing moved the strings, and a short string's bytes with them.
    for (size_t i = 0; i < used_; ++i) {
      if (is_owned_[i]) data_[i] = owned_[i].data();
    }
  }
  for (size_t i = 0; i < used_; ++i) {
    if (is_owned_[i]) continue;
    owned_[i].assign(data_[i], size_[i]);
    data_[i] = owned_[i].data();
    is_owned_[i] = true;
  }
  unsettled_ = false;
}

void TopValues::DecrementAll() {
  if (!sampling_) {
    sampling_ = true;
    skip_ = NextSkip();
  }
  size_t survivors = 0;
  for (size_t i = 0; i < used_; ++i) survivors += --counts_[i] != 0;
  if (survivors == 0) {  // the usual case in a column of mostly unique values
    used_ = 0;
    slot_tag_.fill(0);
    return;
  }
  size_t kept = 0;
  for (size_t i = 0; i < used_; ++i) {
    if (counts_[i] == 0) continue;
    if (kept != i) {
      hashes_[kept] = hashes_[i];
      counts_[kept] = counts_[i];
      size_[kept] = size_[i];
      is_owned_[kept] = is_owned_[i];
      if (is_owned_[i]) {
        // Swap (not move) so that the freed counter keeps a string buffer for reuse; a short
        // string's bytes move with it, so data_ is taken again.
        std::swap(owned_[kept], owned_[i]);
        data_[kept] = owned_[kept].data();
      } else {
        data_[kept] = data_[i];
      }
    }
    ++kept;
  }
  used_ = kept;
  RebuildIndex();
}

void TopValues::RebuildIndex() {
  slot_tag_.fill(0);
  for (size_t i = 0; i < used_; ++i) {
    size_t slot = hashes_[i] & (kSlots - 1);
    while (slot_tag_[slot] != 0) slot = (slot + 1) & (kSlots - 1);
    slot_tag_[slot] = Tag(hashes_[i]);
    slot_counter_[slot] = static_cast<uint8_t>(i);
  }
}

std::vector<std::pair<std::string, uint64_t>> TopValues::Top(size_t n) const {
  std::vector<size_t> live(used_);
  for (size_t i = 0; i < used_; ++i) live[i] = i;
  std::sort(live.begin(), live.end(), [this](size_t a, size_t b) {
    if (counts_[a] != counts_[b]) return counts_[a] > counts_[b];
    return view(a) < view(b);
  });
  std::vector<std::pair<std::string, uint64_t>> out;
  for (size_t i = 0; i < live.size() && i < n; ++i) {
    out.emplace_back(std::string(view(live[i])), counts_[live[i]]);
  }
  return out;
}

}  // namespace sluice::scan
