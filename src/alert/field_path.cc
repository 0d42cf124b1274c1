#include "alert/field_path.h"

#include <array>
#include <utility>

namespace sluice::alert {
namespace {

// The members of an event view, and the fixed members of its fixed sub-objects.
constexpr std::array<std::string_view, 15> kTopLevel = {
    "action",      "client_address", "decision",      "details",   "determining_policies",
    "environment", "outcome",        "policy_errors", "principal", "request_id",
    "resource",    "session",        "time",          "time_ms",   "user_agent"};
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kNested = {{
    {"principal", "kind"},
    {"principal", "name"},
    {"resource", "id"},
    {"resource", "type"},
    {"session", "break_glass"},
    {"session", "environment"},
    {"session", "id"},
    {"session", "purpose"},
}};

bool Known(std::string_view top) {
  for (std::string_view k : kTopLevel) {
    if (k == top) return true;
  }
  return false;
}

bool KnownNested(std::string_view top, std::string_view member) {
  for (const auto& [t, m] : kNested) {
    if (t == top && m == member) return true;
  }
  return false;
}

}  // namespace

const nlohmann::json* FindField(const nlohmann::json& view, std::string_view path) {
  const nlohmann::json* node = &view;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = path.find('.', start);
    const std::string_view name =
        path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!node->is_object()) return nullptr;
    auto it = node->find(name);
    if (it == node->end()) return nullptr;
    node = &*it;
    if (dot == std::string_view::npos) return node;
    start = dot + 1;
  }
}

std::string CheckFieldPath(std::string_view path) {
  if (path.empty()) return "field path is empty";
  std::size_t start = 0;
  std::string_view top;
  for (int depth = 0;; ++depth) {
    const std::size_t dot = path.find('.', start);
    const std::string_view name =
        path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (name.empty()) return "field path \"" + std::string(path) + "\" has an empty segment";
    if (depth == 0) {
      top = name;
      if (!Known(top)) {
        return "field path \"" + std::string(path) + "\" does not start with a member of the " +
               "event (action, client_address, decision, details, determining_policies, " +
               "environment, outcome, policy_errors, principal, request_id, resource, " +
               "session, time, time_ms, user_agent)";
      }
    } else if (top != "details") {
      if (depth > 1 || !KnownNested(top, name)) {
        return "field path \"" + std::string(path) + "\" names no member of the event";
      }
    }
    if (dot == std::string_view::npos) return "";
    start = dot + 1;
  }
}

}  // namespace sluice::alert
