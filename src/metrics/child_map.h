// ChildMap: the children of a labelled family, one per distinct tuple of
// label values, created on first use and never deleted, so a reference to a
// child stays valid for the life of the map (and so of the Registry).
//
// Get is the hot path: a shared (reader) lock and a hash lookup that
// compares string_views against the stored values without allocating; only
// the first use of a tuple takes the exclusive lock. A family without labels
// has exactly one child, made up front and returned without any lock.
//
// A tuple with the wrong number of values is a programmer error: Get
// asserts, and in release builds returns a child that is never rendered, so
// the update is lost rather than attributed to wrong labels.
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sluice::metrics::internal {

using LabelValues = std::vector<std::string>;

// Hashes and compares a LabelValues and a span of string_views alike, so
// that lookups need not build a LabelValues.
struct LabelValuesHash {
  using is_transparent = void;
  std::size_t operator()(std::span<const std::string_view> values) const { return Of(values); }
  std::size_t operator()(const LabelValues& values) const { return Of(values); }

 private:
  template <typename Range>
  static std::size_t Of(const Range& values) {
    std::size_t h = values.size();
    for (const std::string_view v : values) {
      h ^= std::hash<std::string_view>{}(v) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    }
    return h;
  }
};

struct LabelValuesEqual {
  using is_transparent = void;
  bool operator()(const LabelValues& a, const LabelValues& b) const { return a == b; }
  bool operator()(std::span<const std::string_view> a, const LabelValues& b) const {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  bool operator()(const LabelValues& a, std::span<const std::string_view> b) const {
    return (*this)(b, a);
  }
};

template <typename ChildT>
class ChildMap {
 public:
  using Factory = std::function<std::unique_ptr<ChildT>()>;

  ChildMap(std::size_t label_count, Factory make)
      : label_count_(label_count), make_(std::move(make)), discard_(make_()) {
    if (label_count_ == 0) single_ = &Get({});
  }

  ChildT& Get(std::span<const std::string_view> values) {
    if (values.size() != label_count_) {
      assert(false && "metrics: wrong number of label values");
      return *discard_;
    }
    if (single_ != nullptr) return *single_;
    {
      std::shared_lock lock(mu_);
      const auto it = children_.find(values);
      if (it != children_.end()) return *it->second;
    }
    LabelValues key(values.begin(), values.end());
    std::unique_ptr<ChildT> child = make_();
    std::unique_lock lock(mu_);
    // If another thread made it meanwhile, ours is dropped and theirs kept.
    return *children_.try_emplace(std::move(key), std::move(child)).first->second;
  }

  // Every child with its label values, sorted by them.
  std::vector<std::pair<const LabelValues*, const ChildT*>> Sorted() const {
    std::vector<std::pair<const LabelValues*, const ChildT*>> sorted;
    {
      std::shared_lock lock(mu_);
      sorted.reserve(children_.size());
      for (const auto& [values, child] : children_) sorted.emplace_back(&values, child.get());
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return *a.first < *b.first; });
    return sorted;
  }

 private:
  const std::size_t label_count_;
  const Factory make_;
  const std::unique_ptr<ChildT> discard_;
  ChildT* single_ = nullptr;  // set once in the constructor when label_count_ == 0
  mutable std::shared_mutex mu_;
  // Nodes are never erased: keys and children keep their addresses.
  std::unordered_map<LabelValues, std::unique_ptr<ChildT>, LabelValuesHash, LabelValuesEqual>
      children_;
};

}  // namespace sluice::metrics::internal
