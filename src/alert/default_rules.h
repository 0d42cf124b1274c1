// The built-in alert rules: alerts/default-alerts.yaml, embedded verbatim into the binary at
// configure time (CMakeLists.txt), so the checked-in file is the single source of truth and is
// parsed by the same code as a user's rule file.
//
// Thread-safety: read-only embedded data; safe to call concurrently.
#pragma once

#include <string_view>
#include <vector>

#include "alert/rule.h"
#include "common/status.h"

namespace sluice::alert {

// The name used for the embedded file in parse errors.
inline constexpr std::string_view kDefaultAlertsFile = "alerts/default-alerts.yaml";

// The embedded YAML text.
std::string_view DefaultAlertRules();

// The parsed default rules (tests prove they parse; a failure is kInternal).
Result<std::vector<AlertRule>> DefaultAlertRuleSet();

// DefaultAlertRuleSet() merged with the rules of a user file (its text and its name for
// messages), see MergeRules. Errors name the user file.
Result<std::vector<AlertRule>> EffectiveAlertRules(std::string_view user_yaml,
                                                   std::string_view user_filename);

}  // namespace sluice::alert
