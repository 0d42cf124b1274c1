#include "gates/manifest_yaml.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "gates/message_text.h"
#include "yaml/first_document.h"

namespace sluice::gates::internal {

YamlPos PosOf(const YAML::Mark& mark) {
  if (mark.is_null()) return {1, 1};
  return {mark.line + 1, mark.column + 1};
}

YamlPos PosOf(const YAML::Node& node) {
  return PosOf(node.Mark());
}

std::string_view Describe(const YAML::Node& node) {
  return yaml::Describe(node);
}

std::string JoinPath(std::string_view path, std::string_view key) {
  constexpr size_t kMaxKeyBytes = 64;
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
  if (!plain) return std::string(path) + "[" + Quote(key, kMaxKeyBytes) + "]";
  std::string shown(key.substr(0, kMaxKeyBytes));
  if (key.size() > kMaxKeyBytes) shown += "...";
  return path.empty() ? shown : std::string(path) + "." + shown;
}

void YamlContext::Error(YamlPos pos, std::string_view path, std::string_view message) {
  if (errors_.size() >= kMaxErrors) {
    ++dropped_;
    return;
  }
  std::string text =
      file_ + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": ";
  if (!path.empty()) text += std::string(path) + ": ";
  text += message;
  errors_.push_back(std::move(text));
}

bool YamlContext::Charge(size_t n, YamlPos pos) {
  if (exhausted_) return false;
  if (n <= budget_) {
    budget_ -= n;
    return true;
  }
  exhausted_ = true;
  Error(pos, "", "the file is too large once its aliases are expanded");
  return false;
}

Status YamlContext::ToStatus() const {
  std::string text;
  for (const std::string& e : errors_) {
    if (!text.empty()) text += '\n';
    text += e;
  }
  if (dropped_ > 0) text += "\n... and " + std::to_string(dropped_) + " more errors";
  return InvalidArgument(std::move(text));
}

std::vector<YamlField> ReadMap(const YAML::Node& map, std::string_view path, YamlPos pos,
                               std::initializer_list<std::string_view> allowed, YamlContext& ctx) {
  std::vector<YamlField> out;
  if (!map.IsMap()) {
    ctx.Error(pos, path, "must be a map, not " + std::string(Describe(map)));
    return out;
  }
  if (!ctx.Charge(map.size() + 1, pos)) return out;
  std::unordered_map<std::string, size_t> index;  // key -> its entry in `out`
  // Range-for keeps each dereferenced pair alive; `it->first` would point into a temporary.
  for (const auto& entry : map) {
    const YAML::Node& key = entry.first;
    if (!key.IsScalar()) {
      ctx.Error(PosOf(key), path, "a key must be a plain word, not " + std::string(Describe(key)));
      continue;
    }
    const std::string& name = key.Scalar();
    if (allowed.size() > 0 && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string message = "unknown key " + Quote(name) + "; expected one of";
      for (std::string_view a : allowed) {
        message += (a == *allowed.begin() ? " " : ", ") + std::string(a);
      }
      ctx.Error(PosOf(key), path, message);
      continue;
    }
    if (auto [first, inserted] = index.emplace(name, out.size()); !inserted) {
      ctx.Error(PosOf(key), JoinPath(path, name),
                "duplicate key (first set at line " +
                    std::to_string(out[first->second].key_pos.line) + ")");
      continue;
    }
    const YAML::Node& value = entry.second;
    out.push_back({name, value, JoinPath(path, name), value.IsNull() ? PosOf(key) : PosOf(value),
                   PosOf(key)});
  }
  return out;
}

std::optional<std::string> ReadString(const YamlField& field, YamlContext& ctx) {
  if (!field.value.IsScalar()) {
    ctx.Error(field.pos, field.path, "must be a string, not " + std::string(Describe(field.value)));
    return std::nullopt;
  }
  return field.value.Scalar();
}

std::optional<bool> ReadBool(const YamlField& field, YamlContext& ctx) {
  if (field.value.IsScalar()) {
    if (field.value.Scalar() == "true") return true;
    if (field.value.Scalar() == "false") return false;
  }
  ctx.Error(field.pos, field.path, "must be true or false");
  return std::nullopt;
}

std::optional<double> ReadNumber(const YamlField& field, YamlContext& ctx) {
  if (field.value.IsScalar()) {
    const std::string& text = field.value.Scalar();
    double value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    // from_chars also reads "inf" and "nan"; a bound must be a finite number.
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (!text.empty() && ec == std::errc() && ptr == end && std::isfinite(value)) return value;
  }
  ctx.Error(field.pos, field.path, "must be a number");
  return std::nullopt;
}

std::optional<uint64_t> ReadCount(const YamlField& field, YamlContext& ctx) {
  if (field.value.IsScalar()) {
    const std::string& text = field.value.Scalar();
    uint64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (!text.empty() && ec == std::errc() && ptr == text.data() + text.size() &&
        value <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return value;
    }
  }
  ctx.Error(field.pos, field.path, "must be a whole number of at least 0");
  return std::nullopt;
}

YAML::Node LoadSingleDocument(const std::string& text, std::optional<YamlPos>* second_document) {
  yaml::FirstDocument read = yaml::LoadFirstDocument(text);
  *second_document = std::nullopt;
  if (read.second_start) *second_document = PosOf(*read.second_start);
  return read.node;
}

}  // namespace sluice::gates::internal
