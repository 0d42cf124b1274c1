#include "gates/gate_result.h"

#include <utility>

namespace sluice::gates {

nlohmann::json ToJson(const GateResult& result) {
  return {{"gate", result.gate},         {"subject", result.subject},
          {"passed", result.passed},     {"skipped", result.skipped},
          {"messages", result.messages}, {"measured", result.measured}};
}

Result<GateResult> GateResultFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("a gate result must be a JSON object");
  GateResult out;
  auto string_field = [&](const char* key, std::string& into) -> Status {
    auto it = json.find(key);
    if (it == json.end() || !it->is_string()) {
      return InvalidArgument(std::string("gate result: \"") + key + "\" must be a string");
    }
    into = it->get<std::string>();
    return Status::Ok();
  };
  auto bool_field = [&](const char* key, bool& into, bool required) -> Status {
    auto it = json.find(key);
    if (it == json.end() && !required) return Status::Ok();
    if (it == json.end() || !it->is_boolean()) {
      return InvalidArgument(std::string("gate result: \"") + key + "\" must be true or false");
    }
    into = it->get<bool>();
    return Status::Ok();
  };
  SLUICE_RETURN_IF_ERROR(string_field("gate", out.gate));
  if (out.gate.empty()) return InvalidArgument("gate result: \"gate\" must not be empty");
  SLUICE_RETURN_IF_ERROR(string_field("subject", out.subject));
  SLUICE_RETURN_IF_ERROR(bool_field("passed", out.passed, /*required=*/true));
  SLUICE_RETURN_IF_ERROR(bool_field("skipped", out.skipped, /*required=*/false));
  if (auto it = json.find("messages"); it != json.end()) {
    if (!it->is_array()) return InvalidArgument("gate result: \"messages\" must be a list");
    for (const nlohmann::json& m : *it) {
      if (!m.is_string()) {
        return InvalidArgument("gate result: every entry of \"messages\" must be a string");
      }
      out.messages.push_back(m.get<std::string>());
    }
  }
  if (auto it = json.find("measured"); it != json.end()) {
    if (!it->is_object()) return InvalidArgument("gate result: \"measured\" must be an object");
    out.measured = *it;
  }
  return out;
}

bool AllPassed(const std::vector<GateResult>& results) {
  for (const GateResult& r : results) {
    if (!r.passed && !r.skipped) return false;
  }
  return true;
}

}  // namespace sluice::gates
