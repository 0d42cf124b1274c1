// Structural reading of yaml-cpp nodes for the platform parser: turns "this map may hold only
// these keys" and "this value must be a string" into diagnostics (unknown-key, duplicate-key,
// missing-key, bad-value) with 1-based positions, so parser.cc reads like the file format.
//
// Internal to the platform component. Never throws by itself; yaml-cpp calls are limited to
// type checks and iteration over nodes already known to be maps or sequences.
//
// Thread-safety: a DiagnosticSink is used by one parse at a time.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/diagnostic.h"
#include "platform/model.h"

namespace sluice::platform::internal {

// Collects diagnostics for one file, up to kMaxDiagnostics (a thousand aliases of a map with a
// thousand bad keys would otherwise make a million messages).
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}

  void Add(SourcePos pos, std::string_view rule, std::string message);
  void Append(std::vector<Diagnostic> diagnostics);
  size_t size() const { return diagnostics_.size(); }
  const std::string& file() const { return file_; }

  // Sorted by position (stable, so same-position diagnostics keep their order); when the cap was
  // hit, ends with one "too-many-errors" diagnostic.
  std::vector<Diagnostic> Finish() &&;

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
  bool truncated_ = false;
};

// The first YAML document of `text`, and where a second one starts if there is one. This stands
// in for YAML::LoadAll, which in yaml-cpp 0.7 can loop forever, allocating, on some malformed
// input (fixed upstream in jbeder/yaml-cpp#1319); here at most two documents are ever read.
// Throws YAML::Exception on a syntax error, like the rest of yaml-cpp; callers catch it.
struct YamlDocuments {
  YAML::Node first;  // Null for an empty stream
  std::optional<SourcePos> second;
};
YamlDocuments LoadFirstDocument(const std::string& text);

// 1-based position of a node; a node without a mark (an empty document) is at 1:1.
SourcePos PosOf(const YAML::Node& node);

// A human name for the node's type ("a map", "a list", "a string", "null") for messages.
std::string_view Describe(const YAML::Node& node);

struct Field {
  YAML::Node value;
  SourcePos key_pos;
  // The value's position, or the key's when the value is null (yaml-cpp marks an empty value at
  // the start of the next line, which would point users at the wrong line).
  SourcePos value_pos;
};

// The fields of one YAML map, checked against the keys it may hold.
class MapFields {
 public:
  // Reports unknown-key for keys outside `allowed` and duplicate-key for repeated keys (the
  // first occurrence wins). `context` names the map in messages, e.g. `environment "discovery"`.
  // Precondition: map.IsMap().
  static MapFields Read(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                        std::string context, DiagnosticSink& sink);

  // The field, or nullptr when absent.
  const Field* Optional(std::string_view key) const;
  // The field, or nullptr after reporting missing-key at the map's position.
  const Field* Required(std::string_view key, DiagnosticSink& sink) const;

  SourcePos pos() const { return pos_; }
  const std::string& context() const { return context_; }

 private:
  SourcePos pos_;
  std::string context_;
  std::vector<std::pair<std::string, Field>> fields_;
};

// The field's scalar text, or nullopt after reporting bad-value (a map, list or null instead).
std::optional<std::string> ReadString(const MapFields& map, std::string_view key,
                                      const Field& field, DiagnosticSink& sink);

// Strictly `true` or `false`; anything else (yes, on, 1, ...) is a bad-value, because a policy
// switch should read the same to every reader.
std::optional<bool> ReadBool(const MapFields& map, std::string_view key, const Field& field,
                             DiagnosticSink& sink);

// A decimal whole number in [min, max] (no sign for positives, no hex, no fraction), or nullopt
// after reporting bad-value with the range.
std::optional<int> ReadInt(const MapFields& map, std::string_view key, const Field& field, int min,
                           int max, DiagnosticSink& sink);

// A finite decimal number (0.7, -3, 1e-3), or nullopt after reporting bad-value. `.inf`, `.nan`
// and numbers too large for a double are refused: a threshold must compare sensibly.
std::optional<double> ReadNumber(const MapFields& map, std::string_view key, const Field& field,
                                 DiagnosticSink& sink);

}  // namespace sluice::platform::internal
