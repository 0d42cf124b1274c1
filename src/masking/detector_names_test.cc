// The platform file validates masking rules against its own list of detector names and tags
// (platform/model.h), so that the platform component need not depend on the scanner. This test
// keeps that list equal to the scanner's detectors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "platform/model.h"
#include "scan/detectors.h"

namespace sluice::masking {
namespace {

TEST(DetectorNamesTest, PlatformKnowsExactlyTheScannersDetectorsAndTags) {
  std::set<std::string_view> scanner_names;
  std::set<std::string_view> scanner_tags;
  for (const scan::Detector& d : scan::Detectors()) {
    scanner_names.insert(d.name);
    scanner_tags.insert(d.tags.begin(), d.tags.end());
  }
  const auto names = platform::MaskableDetectors();
  const auto tags = platform::MaskableTags();
  EXPECT_EQ(std::set<std::string_view>(names.begin(), names.end()), scanner_names);
  EXPECT_EQ(std::set<std::string_view>(tags.begin(), tags.end()), scanner_tags);
}

}  // namespace
}  // namespace sluice::masking
