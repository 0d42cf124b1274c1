// Test helpers for platform_test: parse inline YAML and match diagnostics by position and rule.
#pragma once

#include <gmock/gmock.h>

#include <ostream>
#include <string_view>
#include <vector>

#include "platform/diagnostic.h"
#include "platform/parser.h"

namespace sluice::platform {

// Lets gtest print diagnostics in failure messages in the same form users see.
inline void PrintTo(const Diagnostic& d, std::ostream* os) {
  *os << d.ToString();
}

namespace testing_helpers {

inline std::vector<Diagnostic> Diagnose(std::string_view yaml) {
  return ParsePlatform(yaml, "test.yaml").diagnostics;
}

MATCHER_P3(DiagAt, line, column, rule, "") {
  return arg.line == line && arg.column == column && arg.rule == rule && arg.file == "test.yaml";
}

}  // namespace testing_helpers
}  // namespace sluice::platform
