#include "catalog/lineage_index.h"

#include <gtest/gtest.h>

namespace sluice::catalog {
namespace {

store::LineageNode N(const std::string& id, const std::string& env = "discovery") {
  return {id, env, "p", "a-" + id, "dataset", "", 0};
}

std::vector<std::string> Ids(const std::vector<store::LineageNode>& nodes) {
  std::vector<std::string> out;
  for (const auto& n : nodes) out.push_back(n.id + ":" + std::to_string(n.depth));
  return out;
}

TEST(LineageIndexTest, WalksDownAndUpAtTheSmallestDepth) {
  LineageIndex index;
  index.Add(N("raw"), {});
  index.Add(N("copy", "production"), {"raw"});
  index.Add(N("features"), {"raw", "copy"});
  index.Add(N("model"), {"features"});
  std::vector<store::LineageNode> nodes;
  std::vector<store::LineageEdge> edges;
  ASSERT_TRUE(index.Walk("raw", /*up=*/false, 100, &nodes, &edges));
  EXPECT_EQ(Ids(nodes), (std::vector<std::string>{"raw:0", "copy:1", "features:1", "model:2"}));
  EXPECT_EQ(nodes[1].environment, "production");
  EXPECT_EQ(edges.size(), 4u);

  nodes.clear();
  edges.clear();
  ASSERT_TRUE(index.Walk("model", /*up=*/true, 1, &nodes, &edges));
  EXPECT_EQ(Ids(nodes), (std::vector<std::string>{"model:0", "features:1"}));
  EXPECT_EQ(edges, (std::vector<store::LineageEdge>{{"features", "model"}}));
  EXPECT_FALSE(index.Walk("nope", true, 1, &nodes, &edges));
}

TEST(LineageIndexTest, RemoveUnlinksAndReusesSlots) {
  LineageIndex index;
  index.Add(N("a"), {});
  index.Add(N("b"), {"a"});
  index.Remove("b");
  index.Add(N("c"), {"a"});
  EXPECT_EQ(index.size(), 2u);
  std::vector<store::LineageNode> nodes;
  std::vector<store::LineageEdge> edges;
  ASSERT_TRUE(index.Walk("a", false, 10, &nodes, &edges));
  EXPECT_EQ(Ids(nodes), (std::vector<std::string>{"a:0", "c:1"}));
  index.Add(N("a"), {});  // already present: ignored
  EXPECT_EQ(index.size(), 2u);
}

}  // namespace
}  // namespace sluice::catalog
