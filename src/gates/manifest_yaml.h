// Strict reading of yaml-cpp nodes for promotion.yaml: "this map may hold only these keys",
// "this value must be a number", each failure recorded with its 1-based line:column and the key
// path ("expectations.customers.columns.email.regex"), so promotion_manifest.cc reads like the
// file format.
//
// Internal to the gates component. Never throws by itself (only type checks and iteration over
// nodes already known to be maps or sequences). Aliases make a small file expand into a large
// tree, so every node visited is charged to a budget; once it is spent, reading stops with one
// error instead of doing unbounded work.
//
// Thread-safety: one YamlContext per parse.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::gates::internal {

struct YamlPos {
  int line = 1;
  int column = 1;
};

// 1-based; a node without a mark is at 1:1.
YamlPos PosOf(const YAML::Node& node);
YamlPos PosOf(const YAML::Mark& mark);

// "a map", "a list", "a string", "nothing (null)".
std::string_view Describe(const YAML::Node& node);

// `path` + "." + key, or path + "[\"key\"]" when the key is not a plain word (so a column named
// "a.b" stays readable); just the key at the top. Keys are cut to 64 bytes (paths are for
// messages).
std::string JoinPath(std::string_view path, std::string_view key);

class YamlContext {
 public:
  static constexpr size_t kMaxErrors = 20;

  YamlContext(std::string file, size_t node_budget)
      : file_(std::move(file)), budget_(node_budget) {}

  // Records "file:line:column: path: message" (up to kMaxErrors; later ones are counted).
  void Error(YamlPos pos, std::string_view path, std::string_view message);

  // Charges `n` nodes; false (after recording one error) once the budget is spent. Callers stop
  // descending when it says false.
  bool Charge(size_t n, YamlPos pos);
  bool exhausted() const { return exhausted_; }

  bool ok() const { return errors_.empty() && dropped_ == 0; }
  // kInvalidArgument with every recorded error, one per line. Precondition: !ok().
  Status ToStatus() const;

 private:
  std::string file_;
  size_t budget_;
  bool exhausted_ = false;
  std::vector<std::string> errors_;
  size_t dropped_ = 0;
};

// A value read from a map, with where it came from.
struct YamlField {
  std::string key;
  YAML::Node value;
  std::string path;  // the key path of the value
  // The value's position, or the key's when the value is null (yaml-cpp marks an empty value at
  // the start of the next line, which would point at the wrong line).
  YamlPos pos;
  YamlPos key_pos;
};

// The entries of `map` in file order. Reports non-scalar keys, duplicate keys (the first wins)
// and, when `allowed` is not empty, keys outside it. Reports and returns nothing when `map` is
// not a map.
std::vector<YamlField> ReadMap(const YAML::Node& map, std::string_view path, YamlPos pos,
                               std::initializer_list<std::string_view> allowed, YamlContext& ctx);

// The field as a scalar string; nullopt after reporting.
std::optional<std::string> ReadString(const YamlField& field, YamlContext& ctx);
// Strictly `true` or `false` (not yes/no/on/1: a switch should read the same to everyone).
std::optional<bool> ReadBool(const YamlField& field, YamlContext& ctx);
// A finite decimal number.
std::optional<double> ReadNumber(const YamlField& field, YamlContext& ctx);
// A whole number >= 0 that fits 63 bits.
std::optional<uint64_t> ReadCount(const YamlField& field, YamlContext& ctx);

// Loads the first document of `text`; sets *second_document to where a second one starts, if
// any. Throws YAML::Exception on a syntax error (the caller catches it).
YAML::Node LoadSingleDocument(const std::string& text, std::optional<YamlPos>* second_document);

}  // namespace sluice::gates::internal
