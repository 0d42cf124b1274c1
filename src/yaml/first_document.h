// Reading YAML the way Sluice's parsers (platform files, promotion.yaml) need it: the first
// document only, plus where a second one starts, so that a stray "---" is reported rather than
// silently ignored.
//
// YAML::LoadAll is avoided on purpose: in yaml-cpp 0.7 it can loop forever on some malformed
// input (jbeder/yaml-cpp#1319). Here the first document is read with YAML::Load and an event
// parser looks at no more than two document starts.
//
// Errors: YAML::Exception (a YAML::ParserException with its mark) as YAML::Load throws them;
// callers turn them into their own diagnostics. Thread-safety: pure functions.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>

namespace sluice::yaml {

struct FirstDocument {
  YAML::Node node;                         // Null for an empty stream
  std::optional<YAML::Mark> second_start;  // where a second document starts, if any
};

FirstDocument LoadFirstDocument(const std::string& text);

// "a map", "a list", "a string" or "nothing (null)", for messages that say what was found.
std::string_view Describe(const YAML::Node& node);

}  // namespace sluice::yaml
