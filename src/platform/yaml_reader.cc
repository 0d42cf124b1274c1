#include "platform/yaml_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "yaml/first_document.h"

namespace sluice::platform::internal {
namespace {

// Levenshtein distance, for "did you mean" hints on misspelt keys; keys are short.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

void DiagnosticSink::Add(SourcePos pos, std::string_view rule, std::string message) {
  if (diagnostics_.size() >= kMaxDiagnostics) {
    truncated_ = true;
    return;
  }
  diagnostics_.push_back({file_, pos.line, pos.column, std::string(rule), std::move(message)});
}

void DiagnosticSink::Append(std::vector<Diagnostic> diagnostics) {
  for (Diagnostic& d : diagnostics) Add({d.line, d.column}, d.rule, std::move(d.message));
}

std::vector<Diagnostic> DiagnosticSink::Finish() && {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.line != b.line ? a.line < b.line : a.column < b.column;
                   });
  if (truncated_) {
    const Diagnostic& last = diagnostics_.back();
    diagnostics_.push_back({file_, last.line, last.column, "too-many-errors",
                            "stopped after " + std::to_string(kMaxDiagnostics) + " errors"});
  }
  return std::move(diagnostics_);
}

YamlDocuments LoadFirstDocument(const std::string& text) {
  yaml::FirstDocument read = yaml::LoadFirstDocument(text);
  YamlDocuments out;
  out.first = std::move(read.node);
  if (read.second_start) {
    const YAML::Mark& mark = *read.second_start;
    out.second = mark.is_null() ? SourcePos{1, 1} : SourcePos{mark.line + 1, mark.column + 1};
  }
  return out;
}

SourcePos PosOf(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {1, 1};
  return {mark.line + 1, mark.column + 1};
}

std::string_view Describe(const YAML::Node& node) {
  return yaml::Describe(node);
}

MapFields MapFields::Read(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                          std::string context, DiagnosticSink& sink) {
  MapFields out;
  out.pos_ = PosOf(map);
  out.context_ = std::move(context);
  // Range-for keeps each dereferenced pair alive; `it->first` would point into a temporary.
  for (const auto& entry : map) {
    const YAML::Node& key = entry.first;
    const SourcePos key_pos = PosOf(key);
    if (!key.IsScalar()) {
      sink.Add(key_pos, "bad-value",
               out.context_ + ": a key must be a plain word, not " + std::string(Describe(key)));
      continue;
    }
    const std::string& name = key.Scalar();
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string message = out.context_ + ": unknown key " + Quoted(name);
      auto closest = std::min_element(allowed.begin(), allowed.end(),
                                      [&](std::string_view a, std::string_view b) {
                                        return EditDistance(name, a) < EditDistance(name, b);
                                      });
      if (closest != allowed.end() && EditDistance(name, *closest) <= 2) {
        message += "; did you mean \"" + std::string(*closest) + "\"?";
      } else {
        message += "; expected one of";
        for (std::string_view a : allowed)
          message += (a == *allowed.begin() ? " " : ", ") + std::string(a);
      }
      sink.Add(key_pos, "unknown-key", std::move(message));
      continue;
    }
    if (const Field* first = out.Optional(name)) {
      sink.Add(key_pos, "duplicate-key",
               out.context_ + ": key " + Quoted(name) + " is already set at line " +
                   std::to_string(first->key_pos.line) + ", column " +
                   std::to_string(first->key_pos.column));
      continue;
    }
    const YAML::Node& value = entry.second;
    out.fields_.emplace_back(name, Field{value, key_pos, value.IsNull() ? key_pos : PosOf(value)});
  }
  return out;
}

const Field* MapFields::Optional(std::string_view key) const {
  for (const auto& [name, field] : fields_) {
    if (name == key) return &field;
  }
  return nullptr;
}

const Field* MapFields::Required(std::string_view key, DiagnosticSink& sink) const {
  const Field* field = Optional(key);
  if (field == nullptr) {
    sink.Add(pos_, "missing-key", context_ + ": missing required key \"" + std::string(key) + "\"");
  }
  return field;
}

std::optional<std::string> ReadString(const MapFields& map, std::string_view key,
                                      const Field& field, DiagnosticSink& sink) {
  if (!field.value.IsScalar()) {
    sink.Add(field.value_pos, "bad-value",
             map.context() + ": \"" + std::string(key) + "\" must be a string, not " +
                 std::string(Describe(field.value)));
    return std::nullopt;
  }
  return field.value.Scalar();
}

std::optional<bool> ReadBool(const MapFields& map, std::string_view key, const Field& field,
                             DiagnosticSink& sink) {
  if (field.value.IsScalar()) {
    if (field.value.Scalar() == "true") return true;
    if (field.value.Scalar() == "false") return false;
  }
  sink.Add(field.value_pos, "bad-value",
           map.context() + ": \"" + std::string(key) + "\" must be true or false");
  return std::nullopt;
}

std::optional<int> ReadInt(const MapFields& map, std::string_view key, const Field& field, int min,
                           int max, DiagnosticSink& sink) {
  const std::string expected =
      "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (!field.value.IsScalar()) {
    sink.Add(field.value_pos, "bad-value",
             map.context() + ": \"" + std::string(key) + "\" must be " + expected + ", not " +
                 std::string(Describe(field.value)));
    return std::nullopt;
  }
  const std::string& text = field.value.Scalar();
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < min ||
      value > max) {
    sink.Add(field.value_pos, "bad-value",
             map.context() + ": \"" + std::string(key) + "\" is " + Quoted(text) + "; expected " +
                 expected);
    return std::nullopt;
  }
  return value;
}

std::optional<double> ReadNumber(const MapFields& map, std::string_view key, const Field& field,
                                 DiagnosticSink& sink) {
  if (!field.value.IsScalar()) {
    sink.Add(field.value_pos, "bad-value",
             map.context() + ": \"" + std::string(key) + "\" must be a number, not " +
                 std::string(Describe(field.value)));
    return std::nullopt;
  }
  const std::string& text = field.value.Scalar();
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    sink.Add(field.value_pos, "bad-value",
             map.context() + ": \"" + std::string(key) + "\" is " + Quoted(text) +
                 "; expected a number (e.g. 0.7, 50, 1e-3)");
    return std::nullopt;
  }
  return value;
}

}  // namespace sluice::platform::internal
