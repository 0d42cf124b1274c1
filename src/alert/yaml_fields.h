// Strict reading of yaml-cpp nodes for the alert rule parser: "this map may hold only these
// keys, each once", "this value must be a string", with errors that name the file and the
// 1-based line ("alerts.yaml:12: ..."). Internal to the alert component.
//
// Never throws by itself: yaml-cpp calls are limited to type checks, tags, marks and
// iteration over nodes already known to be maps or sequences.
//
// Thread-safety: pure functions over the nodes given.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace sluice::alert::internal {

// kInvalidArgument "FILE:LINE: message".
Status YamlError(std::string_view file, int line, std::string_view message);

// 1-based line of a node (1 for a node without a mark).
int LineOf(const YAML::Node& node);

struct YamlField {
  std::string key;
  YAML::Node value;
  int line = 0;  // of the value, or of the key when the value is empty (null)
};

// The members of a map, in file order. kInvalidArgument for a key outside `allowed`, a
// repeated key, or a key that is not a plain string. `context` names the map in messages.
// Precondition: map.IsMap().
Result<std::vector<YamlField>> ReadMap(const YAML::Node& map,
                                       std::initializer_list<std::string_view> allowed,
                                       std::string_view context, std::string_view file);

// The field with this key, or nullptr.
const YamlField* FindYamlField(const std::vector<YamlField>& fields, std::string_view key);

// A non-empty string scalar (quoted or not).
Result<std::string> ReadString(const YamlField& field, std::string_view context,
                               std::string_view file);

// Strictly `true` or `false` (unquoted).
Result<bool> ReadBool(const YamlField& field, std::string_view context, std::string_view file);

// A finite number (unquoted), e.g. 20, 1073741824, 0.5.
Result<double> ReadNumber(const YamlField& field, std::string_view context, std::string_view file);

// A scalar as JSON: unquoted `true`/`false` are booleans, unquoted numbers are numbers
// (integers stay integers), everything else, and anything quoted, is a string. Null, maps and
// lists are refused.
Result<nlohmann::json> ReadScalar(const YAML::Node& node, int line, std::string_view context,
                                  std::string_view file);

// A list of scalars (ReadScalar each); `min_size` elements at least.
Result<nlohmann::json> ReadScalarList(const YamlField& field, std::size_t min_size,
                                      std::string_view context, std::string_view file);

}  // namespace sluice::alert::internal
