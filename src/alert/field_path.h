// Field paths: how alert rules name a member of an event view (event_view.h).
//
// A path is dot-separated member names, e.g. `principal.name` or `details.cross_environment.to`.
// Lookup walks objects only: a path through a non-object (an array, a string, null) finds
// nothing. Member names cannot contain '.'.
//
// CheckFieldPath keeps rule files honest: the first segment must be a member of the view, and
// below `principal`, `resource` and `session` only their known members are allowed, so a typo
// such as `principal.nmae` is an error instead of a rule that never matches. Below `details`
// anything goes (details are action-specific).
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace sluice::alert {

// The member at `path`, or nullptr when absent (a JSON null member is returned as found).
const nlohmann::json* FindField(const nlohmann::json& view, std::string_view path);

// "" when `path` is a valid path into an event view, else what is wrong with it.
std::string CheckFieldPath(std::string_view path);

}  // namespace sluice::alert
