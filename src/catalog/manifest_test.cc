#include "catalog/manifest.h"

#include <gtest/gtest.h>

namespace sluice::catalog {
namespace {

TEST(ManifestTest, NormalizesPaths) {
  EXPECT_EQ(*NormalizePath("./a//b/c.csv"), "a/b/c.csv");
  for (const char* bad : {"", "/etc/passwd", "a/../../b", "..", "./", "a\\b", "a\nb"}) {
    EXPECT_EQ(NormalizePath(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

nlohmann::json File(const std::string& path, std::uint64_t size) {
  return {{"path", path},
          {"size", size},
          {"chunks", {{{"id", std::string(64, 'a')}, {"size", size}}}}};
}

TEST(ManifestTest, ValidatesAndSorts) {
  nlohmann::json m = {{"files", {File("b.csv", 3), File("a/x.csv", 5)}}};
  auto files = ManifestFromJson(m);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ((*files)[0].path, "a/x.csv");
  EXPECT_EQ(TotalBytes(*files), 8u);
  EXPECT_EQ(DistinctChunks(*files).size(), 1u);
}

TEST(ManifestTest, RefusesInconsistentManifests) {
  nlohmann::json twice = {{"files", {File("a", 3), File("./a", 3)}}};
  EXPECT_FALSE(ManifestFromJson(twice).ok());
  nlohmann::json file_and_dir = {{"files", {File("a", 3), File("a/b", 3)}}};
  EXPECT_FALSE(ManifestFromJson(file_and_dir).ok());
  nlohmann::json bad_size = File("a", 3);
  bad_size["size"] = 4;
  EXPECT_FALSE(ManifestFromJson({{"files", {bad_size}}}).ok());
  nlohmann::json escape = File("../a", 3);
  EXPECT_FALSE(ManifestFromJson({{"files", {escape}}}).ok());
}

TEST(ManifestTest, CanonicalJsonSortsKeys) {
  EXPECT_EQ(CanonicalJson({{"b", 1}, {"a", {{"d", true}, {"c", "x"}}}}),
            R"({"a":{"c":"x","d":true},"b":1})");
}

}  // namespace
}  // namespace sluice::catalog
