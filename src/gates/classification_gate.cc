#include "gates/classification_gate.h"

#include <map>
#include <string_view>
#include <vector>

#include "gates/message_text.h"
#include "platform/utf8.h"

namespace sluice::gates {
namespace {

// Labels compare case-insensitively ("pii" is "PII") but are reported as
// written: lowercase form -> the first spelling seen.
std::map<std::string, std::string> Normalise(const std::set<std::string>& labels) {
  std::map<std::string, std::string> out;
  for (const std::string& label : labels) {
    std::string_view text = label;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.empty()) continue;
    out.emplace(platform::ToValidUtf8(AsciiLower(text)), platform::ToValidUtf8(text));
  }
  return out;
}

std::vector<std::string> Spellings(const std::map<std::string, std::string>& labels) {
  std::vector<std::string> out;
  for (const auto& [key, spelling] : labels) out.push_back(spelling);
  return out;
}

}  // namespace

GateResult CheckClassification(const std::string& subject, const std::set<std::string>& declared,
                               const std::set<std::string>& detected) {
  const std::map<std::string, std::string> want = Normalise(declared);
  const std::map<std::string, std::string> got = Normalise(detected);
  std::vector<std::string> undeclared;
  for (const auto& [key, spelling] : got) {
    if (want.count(key) == 0) undeclared.push_back(spelling);
  }
  GateResult r;
  r.gate = "classification";
  r.subject = platform::ToValidUtf8(subject);
  r.passed = undeclared.empty();
  r.measured = {
      {"declared", Spellings(want)}, {"detected", Spellings(got)}, {"undeclared", undeclared}};
  if (r.passed) {
    r.messages.push_back(got.empty() ? "no classification detected"
                                     : "every detected classification is declared");
    return r;
  }
  std::string declared_text;
  for (const std::string& label : Spellings(want)) {
    declared_text += (declared_text.empty() ? "" : ", ") + label;
  }
  for (const std::string& label : undeclared) {
    r.messages.push_back(
        "detected classification " + Quote(label) +
        " is not declared (declared: " + (declared_text.empty() ? "none" : declared_text) + ")");
  }
  return r;
}

}  // namespace sluice::gates
