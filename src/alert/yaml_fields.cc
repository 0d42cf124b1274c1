#include "alert/yaml_fields.h"

#include <charconv>
#include <cmath>
#include <optional>

namespace sluice::alert::internal {
namespace {

bool IsPlain(const YAML::Node& node) {
  return node.Tag() == "?";
}

// Unquoted number text: an optional '-', a digit, then what from_chars consumes entirely.
std::optional<nlohmann::json> PlainNumber(const std::string& text) {
  const std::size_t digit_at = !text.empty() && text[0] == '-' ? 1 : 0;
  if (text.size() <= digit_at || text[digit_at] < '0' || text[digit_at] > '9') return {};
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  std::int64_t i = 0;
  if (auto r = std::from_chars(begin, end, i); r.ec == std::errc() && r.ptr == end) {
    return nlohmann::json(i);
  }
  double d = 0;
  if (auto r = std::from_chars(begin, end, d);
      r.ec == std::errc() && r.ptr == end && std::isfinite(d)) {
    return nlohmann::json(d);
  }
  return {};
}

std::string Quote(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

}  // namespace

Status YamlError(std::string_view file, int line, std::string_view message) {
  return InvalidArgument(std::string(file) + ":" + std::to_string(line) + ": " +
                         std::string(message));
}

int LineOf(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.line < 0 ? 1 : mark.line + 1;
}

Result<std::vector<YamlField>> ReadMap(const YAML::Node& map,
                                       std::initializer_list<std::string_view> allowed,
                                       std::string_view context, std::string_view file) {
  std::vector<YamlField> fields;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const int key_line = LineOf(it->first);
    if (!it->first.IsScalar()) {
      return YamlError(file, key_line, std::string(context) + ": a key must be a string");
    }
    const std::string key = it->first.Scalar();
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) {
      std::string expected;
      for (std::string_view a : allowed)
        expected += (expected.empty() ? "" : ", ") + std::string(a);
      return YamlError(file, key_line,
                       std::string(context) + ": unknown key " + Quote(key) +
                           " (expected one of: " + expected + ")");
    }
    if (FindYamlField(fields, key) != nullptr) {
      return YamlError(file, key_line, std::string(context) + ": duplicate key " + Quote(key));
    }
    const int value_line = it->second.IsNull() ? key_line : LineOf(it->second);
    fields.push_back({key, it->second, value_line});
  }
  return fields;
}

const YamlField* FindYamlField(const std::vector<YamlField>& fields, std::string_view key) {
  for (const YamlField& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

Result<std::string> ReadString(const YamlField& f, std::string_view context,
                               std::string_view file) {
  if (!f.value.IsScalar() || f.value.Scalar().empty()) {
    return YamlError(file, f.line,
                     std::string(context) + ": " + f.key + " must be a non-empty string");
  }
  return f.value.Scalar();
}

Result<bool> ReadBool(const YamlField& f, std::string_view context, std::string_view file) {
  if (f.value.IsScalar() && IsPlain(f.value)) {
    if (f.value.Scalar() == "true") return true;
    if (f.value.Scalar() == "false") return false;
  }
  return YamlError(file, f.line, std::string(context) + ": " + f.key + " must be true or false");
}

Result<double> ReadNumber(const YamlField& f, std::string_view context, std::string_view file) {
  if (f.value.IsScalar() && IsPlain(f.value)) {
    if (std::optional<nlohmann::json> n = PlainNumber(f.value.Scalar())) return n->get<double>();
  }
  return YamlError(file, f.line, std::string(context) + ": " + f.key + " must be a number");
}

Result<nlohmann::json> ReadScalar(const YAML::Node& node, int line, std::string_view context,
                                  std::string_view file) {
  if (!node.IsScalar()) {
    return YamlError(file, line,
                     std::string(context) + ": expected a string, number or true/false value");
  }
  const std::string& text = node.Scalar();
  if (IsPlain(node)) {
    if (text == "true") return nlohmann::json(true);
    if (text == "false") return nlohmann::json(false);
    if (std::optional<nlohmann::json> n = PlainNumber(text)) return *n;
  }
  return nlohmann::json(text);
}

Result<nlohmann::json> ReadScalarList(const YamlField& f, std::size_t min_size,
                                      std::string_view context, std::string_view file) {
  if (!f.value.IsSequence()) {
    return YamlError(file, f.line, std::string(context) + ": " + f.key + " must be a list");
  }
  nlohmann::json out = nlohmann::json::array();
  for (const YAML::Node& item : f.value) {
    const int line = item.IsNull() ? f.line : LineOf(item);
    SLUICE_ASSIGN_OR_RETURN(nlohmann::json v, ReadScalar(item, line, context, file));
    out.push_back(std::move(v));
  }
  if (out.size() < min_size) {
    return YamlError(file, f.line,
                     std::string(context) + ": " + f.key + " must list at least " +
                         std::to_string(min_size) + " value(s)");
  }
  return out;
}

}  // namespace sluice::alert::internal
