#include "alert/rule.h"

#include <algorithm>

#include "alert/field_path.h"

namespace sluice::alert {
namespace {

// Scalar equality with agreeing types; numbers compare by value (1 == 1.0).
bool ScalarEquals(const nlohmann::json& field, const nlohmann::json& value) {
  if (field.is_number() && value.is_number()) {
    if (field.is_number_integer() && value.is_number_integer()) {
      // Exact for large integers; unsigned and signed compare by value.
      if (field.is_number_unsigned() || value.is_number_unsigned()) {
        if (field.is_number_unsigned() && value.is_number_unsigned()) {
          return field.get<std::uint64_t>() == value.get<std::uint64_t>();
        }
        const nlohmann::json& s = field.is_number_unsigned() ? value : field;
        const nlohmann::json& u = field.is_number_unsigned() ? field : value;
        return s.get<std::int64_t>() >= 0 &&
               static_cast<std::uint64_t>(s.get<std::int64_t>()) == u.get<std::uint64_t>();
      }
      return field.get<std::int64_t>() == value.get<std::int64_t>();
    }
    return field.get<double>() == value.get<double>();
  }
  if (field.is_string() && value.is_string()) {
    return field.get_ref<const std::string&>() == value.get_ref<const std::string&>();
  }
  if (field.is_boolean() && value.is_boolean()) return field.get<bool>() == value.get<bool>();
  return false;
}

bool EqualsAny(const nlohmann::json& field, const nlohmann::json& values) {
  return std::any_of(values.begin(), values.end(),
                     [&](const nlohmann::json& v) { return ScalarEquals(field, v); });
}

}  // namespace

std::string_view OperatorName(Operator op) {
  switch (op) {
    case Operator::kEquals:
      return "equals";
    case Operator::kNotEquals:
      return "not_equals";
    case Operator::kIn:
      return "in";
    case Operator::kPrefix:
      return "prefix";
    case Operator::kExists:
      return "exists";
    case Operator::kContainsAny:
      return "contains_any";
    case Operator::kGte:
      return "gte";
    case Operator::kLte:
      return "lte";
  }
  return "?";
}

bool ConditionHolds(const Condition& c, const nlohmann::json& view) {
  const nlohmann::json* field = FindField(view, c.field);
  switch (c.op) {
    case Operator::kEquals:
      return field != nullptr && ScalarEquals(*field, c.value);
    case Operator::kNotEquals:
      return field == nullptr || !ScalarEquals(*field, c.value);
    case Operator::kIn:
      return field != nullptr && EqualsAny(*field, c.value);
    case Operator::kPrefix:
      return field != nullptr && field->is_string() && c.value.is_string() &&
             field->get_ref<const std::string&>().starts_with(
                 c.value.get_ref<const std::string&>());
    case Operator::kExists: {
      const bool present = field != nullptr && !field->is_null();
      return c.value.is_boolean() && present == c.value.get<bool>();
    }
    case Operator::kContainsAny:
      if (field == nullptr) return false;
      if (field->is_string()) return EqualsAny(*field, c.value);
      if (!field->is_array()) return false;
      return std::any_of(field->begin(), field->end(), [&](const nlohmann::json& item) {
        return item.is_string() && EqualsAny(item, c.value);
      });
    case Operator::kGte:
      return field != nullptr && field->is_number() && c.value.is_number() &&
             field->get<double>() >= c.value.get<double>();
    case Operator::kLte:
      return field != nullptr && field->is_number() && c.value.is_number() &&
             field->get<double>() <= c.value.get<double>();
  }
  return false;
}

bool RuleMatches(const AlertRule& rule, const nlohmann::json& view) {
  return std::all_of(rule.conditions.begin(), rule.conditions.end(),
                     [&](const Condition& c) { return ConditionHolds(c, view); });
}

Result<std::vector<AlertRule>> MergeRules(std::vector<AlertRule> defaults,
                                          const std::vector<AlertRule>& user) {
  std::vector<AlertRule> added;
  for (const AlertRule& u : user) {
    auto it = std::find_if(defaults.begin(), defaults.end(),
                           [&](const AlertRule& d) { return d.id == u.id; });
    if (u.disabled) {
      if (it == defaults.end()) {
        return InvalidArgument("the user rule file disables \"" + u.id +
                               "\", which is not a default rule");
      }
      it->disabled = true;
    } else if (it != defaults.end()) {
      *it = u;
    } else {
      added.push_back(u);
    }
  }
  std::vector<AlertRule> out;
  for (AlertRule& d : defaults) {
    if (!d.disabled) out.push_back(std::move(d));
  }
  for (AlertRule& a : added) out.push_back(std::move(a));
  return out;
}

}  // namespace sluice::alert
