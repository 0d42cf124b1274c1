#include "platform/model.h"

#include <algorithm>

namespace sluice::platform {

std::string_view ToString(Track track) {
  return track == Track::kInfra ? "infra" : "data";
}

std::string_view ToString(DataClass data) {
  return data == DataClass::kSynthetic ? "synthetic" : "production";
}

std::string_view ToString(Mode mode) {
  return mode == Mode::kInteractive ? "interactive" : "automation";
}

std::string_view ToString(PromotionKind kind) {
  return kind == PromotionKind::kData ? "data" : "infra";
}

std::optional<Track> ParseTrack(std::string_view text) {
  if (text == "infra") return Track::kInfra;
  if (text == "data") return Track::kData;
  return std::nullopt;
}

std::optional<DataClass> ParseDataClass(std::string_view text) {
  if (text == "synthetic") return DataClass::kSynthetic;
  if (text == "production") return DataClass::kProduction;
  return std::nullopt;
}

std::optional<Mode> ParseMode(std::string_view text) {
  if (text == "interactive") return Mode::kInteractive;
  if (text == "automation") return Mode::kAutomation;
  return std::nullopt;
}

std::optional<PromotionKind> ParsePromotionKind(std::string_view text) {
  if (text == "data") return PromotionKind::kData;
  if (text == "infra") return PromotionKind::kInfra;
  return std::nullopt;
}

std::string_view ToString(ExpectationsMode mode) {
  switch (mode) {
    case ExpectationsMode::kOff:
      return "off";
    case ExpectationsMode::kOptional:
      return "optional";
    case ExpectationsMode::kRequired:
      return "required";
  }
  return "optional";
}

std::string_view ToString(MaskMethod method) {
  switch (method) {
    case MaskMethod::kRedact:
      return "redact";
    case MaskMethod::kTokenize:
      return "tokenize";
    case MaskMethod::kPartial:
      return "partial";
    case MaskMethod::kYear:
      return "year";
  }
  return "redact";
}

std::optional<MaskMethod> ParseMaskMethod(std::string_view text) {
  for (MaskMethod m :
       {MaskMethod::kRedact, MaskMethod::kTokenize, MaskMethod::kPartial, MaskMethod::kYear}) {
    if (text == ToString(m)) return m;
  }
  return std::nullopt;
}

std::span<const std::string_view> MaskableDetectors() {
  static constexpr std::string_view kNames[] = {
      "email", "phone", "ssn",         "card",     "iban",
      "ip",    "dob",   "person_name", "passport", "drivers_license",
      "mrn",   "icd10", "health_term", "aws_key",  "private_key",
      "jwt"};
  return kNames;
}

std::span<const std::string_view> MaskableTags() {
  static constexpr std::string_view kTags[] = {"PII", "PHI", "PCI", "credential"};
  return kTags;
}

std::vector<MaskRule> DefaultMaskRules() {
  return {
      {"email", "", MaskMethod::kTokenize, {}},       {"phone", "", MaskMethod::kPartial, {}},
      {"card", "", MaskMethod::kPartial, {}},         {"dob", "", MaskMethod::kYear, {}},
      {"person_name", "", MaskMethod::kTokenize, {}}, {"ssn", "", MaskMethod::kTokenize, {}},
      {"", "credential", MaskMethod::kRedact, {}},    {"", "PII", MaskMethod::kTokenize, {}},
  };
}

std::optional<ExpectationsMode> ParseExpectationsMode(std::string_view text) {
  if (text == "off") return ExpectationsMode::kOff;
  if (text == "optional") return ExpectationsMode::kOptional;
  if (text == "required") return ExpectationsMode::kRequired;
  return std::nullopt;
}

const Environment* Platform::Find(std::string_view env_name) const {
  auto it = std::find_if(environments.begin(), environments.end(),
                         [&](const Environment& e) { return e.name == env_name; });
  return it == environments.end() ? nullptr : &*it;
}

std::optional<size_t> Platform::LadderIndex(std::string_view env_name) const {
  const Environment* env = Find(env_name);
  if (env == nullptr) return std::nullopt;
  return static_cast<size_t>(env - environments.data());
}

std::vector<const PromotionStep*> Platform::StepsFrom(std::string_view env_name) const {
  std::vector<const PromotionStep*> steps;
  for (const PromotionStep& step : promotions) {
    if (step.from == env_name) steps.push_back(&step);
  }
  return steps;
}

bool Platform::IsFinal(std::string_view env_name) const {
  const Environment* env = Find(env_name);
  if (env == nullptr || env->track != Track::kData || env->data != DataClass::kProduction ||
      env->mode != Mode::kAutomation) {
    return false;
  }
  return std::none_of(promotions.begin(), promotions.end(), [&](const PromotionStep& step) {
    return step.from == env_name && step.kind == PromotionKind::kData;
  });
}

const PromotionStep* Platform::ReleaseTrain() const {
  for (const PromotionStep& step : promotions) {
    if (step.kind != PromotionKind::kInfra || step.to.empty()) continue;
    const Environment* from = Find(step.from);
    const Environment* target = Find(step.to.front());
    if (from != nullptr && from->track == Track::kInfra && target != nullptr &&
        target->track == Track::kData) {
      return &step;
    }
  }
  return nullptr;
}

}  // namespace sluice::platform
