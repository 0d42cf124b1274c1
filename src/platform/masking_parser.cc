#include "platform/masking_parser.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

namespace sluice::platform::internal {
namespace {

std::string Listed(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

bool Contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::optional<MaskRule> ReadRule(const YAML::Node& node, size_t index, DiagnosticSink& sink) {
  const std::string context = "masking rule " + std::to_string(index + 1);
  if (!node.IsMap()) {
    sink.Add(PosOf(node), "bad-value",
             context + " must be a map like {detector: email, method: tokenize}, not " +
                 std::string(Describe(node)));
    return std::nullopt;
  }
  const size_t errors_before = sink.size();
  const MapFields map = MapFields::Read(node, {"detector", "tag", "method"}, context, sink);
  MaskRule rule;
  rule.pos = map.pos();
  const Field* detector = map.Optional("detector");
  const Field* tag = map.Optional("tag");
  if ((detector == nullptr) == (tag == nullptr)) {
    sink.Add(map.pos(), "bad-value", context + " must name exactly one of \"detector\" or \"tag\"");
  } else if (detector != nullptr) {
    if (auto name = ReadString(map, "detector", *detector, sink)) {
      if (Contains(MaskableDetectors(), *name)) {
        rule.detector = *name;
      } else {
        sink.Add(detector->value_pos, "bad-value",
                 context + ": \"detector\" is " + Quoted(*name) + "; the detectors are " +
                     Listed(MaskableDetectors()));
      }
    }
  } else if (auto name = ReadString(map, "tag", *tag, sink)) {
    if (Contains(MaskableTags(), *name)) {
      rule.tag = *name;
    } else {
      sink.Add(
          tag->value_pos, "bad-value",
          context + ": \"tag\" is " + Quoted(*name) + "; the tags are " + Listed(MaskableTags()));
    }
  }
  if (const Field* method = map.Required("method", sink)) {
    if (auto text = ReadString(map, "method", *method, sink)) {
      if (auto parsed = ParseMaskMethod(*text)) {
        rule.method = *parsed;
      } else {
        sink.Add(method->value_pos, "bad-value",
                 context + ": \"method\" is " + Quoted(*text) +
                     "; it must be redact, tokenize, partial or year");
      }
    }
  }
  if (sink.size() != errors_before) return std::nullopt;
  return rule;
}

}  // namespace

std::vector<MaskRule> ReadMasking(const Field& field, DiagnosticSink& sink) {
  std::vector<MaskRule> rules;
  if (!field.value.IsSequence()) {
    sink.Add(field.value_pos, "bad-value",
             "platform: \"masking\" must be a list of rules (it may be empty: [], which redacts "
             "every masked column), not " +
                 std::string(Describe(field.value)));
    return rules;
  }
  std::map<std::string, SourcePos> seen;  // "detector:email" / "tag:PII" -> first rule
  size_t index = 0;
  for (const YAML::Node& node : field.value) {
    std::optional<MaskRule> rule = ReadRule(node, index++, sink);
    if (!rule) continue;
    const std::string key =
        rule->detector.empty() ? "tag " + rule->tag : "detector " + rule->detector;
    if (auto [it, inserted] = seen.emplace(key, rule->pos); !inserted) {
      sink.Add(rule->pos, "bad-value",
               "masking rule " + std::to_string(index) + ": " + key +
                   " is already matched by the rule at line " + std::to_string(it->second.line) +
                   "; the first match wins, so this rule would never apply");
      continue;
    }
    rules.push_back(std::move(*rule));
  }
  return rules;
}

}  // namespace sluice::platform::internal
