// AlertRule: when the audit events matching some conditions add up to a threshold within a
// sliding window, per group, an alert fires. Rules are written in YAML (rule_parser.h; the
// format is explained at the top of alerts/default-alerts.yaml) and evaluated by the engine
// (engine.h) against event views (event_view.h).
//
// Invariants of a parsed rule (ParseAlertRules checks them, AlertEngine::Make again):
// id non-empty and unique in its set; severity one of info|warning|critical; window > 0;
// threshold > 0; every field path passes CheckFieldPath; `values` fits the operator.
// A rule with `disabled` set only carries its id (it removes a default in MergeRules).
//
// Thread-safety: values and pure functions.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"

namespace sluice::alert {

enum class Operator {
  kEquals,       // the field equals the value (string, bool or number; types must agree)
  kNotEquals,    // not kEquals (so it also holds when the field is absent)
  kIn,           // the field equals one of the values
  kPrefix,       // the field is a string starting with the value
  kExists,       // value true: the field is present and not null; false: the opposite
  kContainsAny,  // the field is an array of strings (or one string) holding one of the values
  kGte,          // the field is a number >= the value
  kLte,          // the field is a number <= the value
};

// The YAML spelling ("equals", "not_equals", "in", ...).
std::string_view OperatorName(Operator op);

struct Condition {
  std::string field;  // a field path (field_path.h)
  Operator op = Operator::kEquals;
  // kIn and kContainsAny: an array of scalars; kExists: a bool; kPrefix: a string;
  // kGte, kLte: a number; kEquals, kNotEquals: a string, bool or number.
  nlohmann::json value;
};

struct AlertRule {
  std::string id;
  std::string description;
  std::string severity;               // "info" | "warning" | "critical"
  std::vector<Condition> conditions;  // all must hold; none: every event matches
  std::string sum_field;              // "" counts matching events; else sums this numeric field
  std::chrono::seconds window{0};
  std::vector<std::string> group_by;  // field paths; none: one group for all events
  double threshold = 0;               // fires when the aggregate >= threshold
  bool disabled = false;              // only in a user file: removes the default with this id
};

// True when the condition holds for the event view.
bool ConditionHolds(const Condition& condition, const nlohmann::json& view);
// True when every condition of the rule holds.
bool RuleMatches(const AlertRule& rule, const nlohmann::json& view);

// The rules in effect: `defaults` in their order, each replaced by the user rule with the same
// id if there is one, minus those the user disabled, followed by the user's new rules in file
// order. kInvalidArgument when a disabled id is not a default (a typo would otherwise leave the
// rule on). Both inputs are assumed to come from ParseAlertRules (ids unique within each).
Result<std::vector<AlertRule>> MergeRules(std::vector<AlertRule> defaults,
                                          const std::vector<AlertRule>& user);

}  // namespace sluice::alert
