#include "alert/default_rules.h"

#include "alert/rule_parser.h"

namespace sluice::alert {

Result<std::vector<AlertRule>> DefaultAlertRuleSet() {
  Result<std::vector<AlertRule>> rules = ParseAlertRules(DefaultAlertRules(), kDefaultAlertsFile);
  if (!rules.ok())
    return Internal("the built-in alert rules do not parse: " + rules.status().message());
  return rules;
}

Result<std::vector<AlertRule>> EffectiveAlertRules(std::string_view user_yaml,
                                                   std::string_view user_filename) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<AlertRule> defaults, DefaultAlertRuleSet());
  SLUICE_ASSIGN_OR_RETURN(std::vector<AlertRule> user, ParseAlertRules(user_yaml, user_filename));
  Result<std::vector<AlertRule>> merged = MergeRules(std::move(defaults), user);
  if (!merged.ok()) {
    return InvalidArgument(std::string(user_filename) + ": " + merged.status().message());
  }
  return merged;
}

}  // namespace sluice::alert
