#include "catalog/lineage_index.h"

#include <algorithm>

namespace sluice::catalog {

void LineageIndex::Add(const store::LineageNode& node, const std::vector<std::string>& inputs) {
  std::lock_guard lock(mu_);
  if (index_.contains(node.id)) return;
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(nodes_.size());
    nodes_.emplace_back();
  }
  Node& n = nodes_[slot];
  n = Node{};
  n.info = node;
  n.info.depth = 0;
  n.live = true;
  for (const auto& in : inputs) {
    auto it = index_.find(in);
    if (it == index_.end()) continue;
    n.inputs.push_back(it->second);
    nodes_[it->second].dependents.push_back(slot);
  }
  index_.emplace(node.id, slot);
}

void LineageIndex::Remove(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = index_.find(id);
  if (it == index_.end()) return;
  const std::uint32_t slot = it->second;
  auto drop = [slot](std::vector<std::uint32_t>& v) { std::erase(v, slot); };
  for (std::uint32_t in : nodes_[slot].inputs) drop(nodes_[in].dependents);
  for (std::uint32_t dep : nodes_[slot].dependents) drop(nodes_[dep].inputs);
  nodes_[slot] = Node{};
  index_.erase(it);
  free_.push_back(slot);
}

bool LineageIndex::Walk(const std::string& id, bool up, int max_depth,
                        std::vector<store::LineageNode>* nodes,
                        std::vector<store::LineageEdge>* edges) const {
  std::lock_guard lock(mu_);
  auto it = index_.find(id);
  if (it == index_.end()) return false;
  // Breadth first: each version is reached first at its smallest depth.
  std::vector<int> depth(nodes_.size(), -1);
  std::vector<std::uint32_t> order{it->second};
  depth[it->second] = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::uint32_t at = order[i];
    if (depth[at] >= max_depth) continue;
    for (std::uint32_t next : up ? nodes_[at].inputs : nodes_[at].dependents) {
      if (depth[next] >= 0) continue;
      depth[next] = depth[at] + 1;
      order.push_back(next);
    }
  }
  // By depth (breadth-first order already is), then by slot, so equal
  // graphs list equally; integer keys keep this cheap at 100,000 nodes.
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return depth[a] != depth[b] ? depth[a] < depth[b] : a < b;
  });
  nodes->reserve(nodes->size() + order.size());
  for (std::uint32_t slot : order) {
    nodes->push_back(nodes_[slot].info);
    nodes->back().depth = depth[slot];
  }
  for (std::uint32_t slot : order) {
    for (std::uint32_t next : up ? nodes_[slot].inputs : nodes_[slot].dependents) {
      if (depth[next] < 0) continue;
      const std::string& a = nodes_[slot].info.id;
      const std::string& b = nodes_[next].info.id;
      edges->push_back(up ? store::LineageEdge{b, a} : store::LineageEdge{a, b});
    }
  }
  return true;
}

std::size_t LineageIndex::size() const {
  std::lock_guard lock(mu_);
  return index_.size();
}

}  // namespace sluice::catalog
