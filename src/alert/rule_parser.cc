#include "alert/rule_parser.h"

#include <set>
#include <string>

#include "alert/field_path.h"
#include "alert/yaml_fields.h"
#include "common/duration.h"

namespace sluice::alert {
namespace {

using internal::FindYamlField;
using internal::LineOf;
using internal::ReadMap;
using internal::YamlError;
using internal::YamlField;

constexpr Operator kOperators[] = {Operator::kEquals, Operator::kNotEquals, Operator::kIn,
                                   Operator::kPrefix, Operator::kExists,    Operator::kContainsAny,
                                   Operator::kGte,    Operator::kLte};

bool ValidId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) return false;
  }
  return true;
}

class RuleReader {
 public:
  explicit RuleReader(std::string_view file) : file_(file) {}

  Result<std::string> Path(const YamlField& f, const std::string& ctx) {
    SLUICE_ASSIGN_OR_RETURN(std::string path, internal::ReadString(f, ctx, file_));
    if (std::string problem = CheckFieldPath(path); !problem.empty()) {
      return YamlError(file_, f.line, ctx + ": " + problem);
    }
    return path;
  }

  Result<Condition> ReadCondition(const YAML::Node& node, int line, const std::string& ctx) {
    if (!node.IsMap()) {
      return YamlError(file_, line, ctx + ": a condition must be a map: {field: PATH, OP: VALUE}");
    }
    SLUICE_ASSIGN_OR_RETURN(auto fields, ReadMap(node,
                                                 {"field", "equals", "not_equals", "in", "prefix",
                                                  "exists", "contains_any", "gte", "lte"},
                                                 ctx + ": condition", file_));
    Condition c;
    const YamlField* field = FindYamlField(fields, "field");
    if (field == nullptr) return YamlError(file_, LineOf(node), ctx + ": condition has no field");
    SLUICE_ASSIGN_OR_RETURN(c.field, Path(*field, ctx));
    const YamlField* op_field = nullptr;
    for (Operator op : kOperators) {
      const YamlField* f = FindYamlField(fields, OperatorName(op));
      if (f == nullptr) continue;
      if (op_field != nullptr) {
        return YamlError(file_, f->line,
                         ctx + ": condition on " + c.field + " has two operators (" +
                             op_field->key + ", " + f->key + "); write two conditions");
      }
      op_field = f;
      c.op = op;
    }
    if (op_field == nullptr) {
      return YamlError(file_, LineOf(node),
                       ctx + ": condition on " + c.field +
                           " has no operator (equals, not_equals, in, " +
                           "prefix, exists, contains_any, gte, lte)");
    }
    const std::string octx = ctx + ": " + op_field->key;
    switch (c.op) {
      case Operator::kEquals:
      case Operator::kNotEquals: {
        SLUICE_ASSIGN_OR_RETURN(c.value,
                                internal::ReadScalar(op_field->value, op_field->line, octx, file_));
        break;
      }
      case Operator::kIn:
      case Operator::kContainsAny: {
        SLUICE_ASSIGN_OR_RETURN(c.value, internal::ReadScalarList(*op_field, 1, ctx, file_));
        break;
      }
      case Operator::kPrefix: {
        SLUICE_ASSIGN_OR_RETURN(std::string prefix, internal::ReadString(*op_field, ctx, file_));
        c.value = prefix;
        break;
      }
      case Operator::kExists: {
        SLUICE_ASSIGN_OR_RETURN(bool exists, internal::ReadBool(*op_field, ctx, file_));
        c.value = exists;
        break;
      }
      case Operator::kGte:
      case Operator::kLte: {
        SLUICE_ASSIGN_OR_RETURN(double bound, internal::ReadNumber(*op_field, ctx, file_));
        c.value = bound;
        break;
      }
    }
    if (c.op == Operator::kContainsAny) {
      for (const nlohmann::json& v : c.value) {
        if (!v.is_string()) {
          return YamlError(file_, op_field->line, octx + " must list strings");
        }
      }
    }
    return c;
  }

  Result<AlertRule> ReadRule(const YAML::Node& node, int line) {
    if (!node.IsMap()) return YamlError(file_, line, "each rule must be a map");
    SLUICE_ASSIGN_OR_RETURN(auto fields, ReadMap(node,
                                                 {"id", "description", "severity", "when", "sum",
                                                  "window", "group_by", "threshold", "disabled"},
                                                 "rule", file_));
    AlertRule rule;
    const YamlField* id = FindYamlField(fields, "id");
    if (id == nullptr) return YamlError(file_, LineOf(node), "rule has no id");
    SLUICE_ASSIGN_OR_RETURN(rule.id, internal::ReadString(*id, "rule", file_));
    const std::string ctx = "rule \"" + rule.id + "\"";
    if (!ValidId(rule.id)) {
      return YamlError(file_, id->line,
                       ctx +
                           ": id must be 1 to 64 of a-z, 0-9, '-', '_', '.', starting with a "
                           "letter or digit");
    }
    if (!ids_.insert(rule.id).second) {
      return YamlError(file_, id->line, ctx + ": duplicate rule id");
    }
    if (const YamlField* d = FindYamlField(fields, "disabled")) {
      SLUICE_ASSIGN_OR_RETURN(rule.disabled, internal::ReadBool(*d, ctx, file_));
      if (rule.disabled) {
        for (const YamlField& f : fields) {
          if (f.key != "id" && f.key != "disabled") {
            return YamlError(file_, f.line, ctx + ": a disabled rule holds only id and disabled");
          }
        }
        return rule;
      }
    }
    auto required = [&](std::string_view key) -> Result<const YamlField*> {
      const YamlField* f = FindYamlField(fields, key);
      if (f == nullptr)
        return YamlError(file_, LineOf(node), ctx + ": missing " + std::string(key));
      return f;
    };
    SLUICE_ASSIGN_OR_RETURN(const YamlField* description, required("description"));
    SLUICE_ASSIGN_OR_RETURN(rule.description, internal::ReadString(*description, ctx, file_));
    SLUICE_ASSIGN_OR_RETURN(const YamlField* severity, required("severity"));
    SLUICE_ASSIGN_OR_RETURN(rule.severity, internal::ReadString(*severity, ctx, file_));
    if (rule.severity != "info" && rule.severity != "warning" && rule.severity != "critical") {
      return YamlError(
          file_, severity->line,
          ctx + ": severity must be info, warning or critical, not \"" + rule.severity + "\"");
    }
    SLUICE_ASSIGN_OR_RETURN(const YamlField* when, required("when"));
    if (!when->value.IsSequence()) {
      return YamlError(file_, when->line, ctx + ": when must be a list of conditions ([] for all)");
    }
    for (const YAML::Node& c : when->value) {
      SLUICE_ASSIGN_OR_RETURN(Condition condition,
                              ReadCondition(c, c.IsNull() ? when->line : LineOf(c), ctx));
      rule.conditions.push_back(std::move(condition));
    }
    if (const YamlField* sum = FindYamlField(fields, "sum")) {
      SLUICE_ASSIGN_OR_RETURN(rule.sum_field, Path(*sum, ctx));
    }
    SLUICE_ASSIGN_OR_RETURN(const YamlField* window, required("window"));
    SLUICE_ASSIGN_OR_RETURN(std::string window_text, internal::ReadString(*window, ctx, file_));
    std::optional<std::chrono::seconds> duration = ParseDuration(window_text);
    if (!duration || *duration > kMaxWindow) {
      return YamlError(file_, window->line,
                       ctx + ": window \"" + window_text +
                           "\" must be a duration from 1s to 1d such as 60s, 5m, 1h");
    }
    rule.window = *duration;
    if (const YamlField* group_by = FindYamlField(fields, "group_by")) {
      if (!group_by->value.IsSequence()) {
        return YamlError(file_, group_by->line, ctx + ": group_by must be a list of field paths");
      }
      for (const YAML::Node& g : group_by->value) {
        const YamlField item{"group_by", g, g.IsNull() ? group_by->line : LineOf(g)};
        SLUICE_ASSIGN_OR_RETURN(std::string path, Path(item, ctx));
        for (const std::string& seen : rule.group_by) {
          if (seen == path) return YamlError(file_, item.line, ctx + ": group_by repeats " + path);
        }
        rule.group_by.push_back(std::move(path));
      }
    }
    SLUICE_ASSIGN_OR_RETURN(const YamlField* threshold, required("threshold"));
    SLUICE_ASSIGN_OR_RETURN(rule.threshold, internal::ReadNumber(*threshold, ctx, file_));
    if (!(rule.threshold > 0)) {
      return YamlError(file_, threshold->line, ctx + ": threshold must be greater than 0");
    }
    return rule;
  }

 private:
  std::string_view file_;
  std::set<std::string> ids_;
};

}  // namespace

Result<std::vector<AlertRule>> ParseAlertRules(std::string_view yaml, std::string_view filename) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return YamlError(filename, e.mark.line < 0 ? 1 : e.mark.line + 1, "not valid YAML: " + e.msg);
  }
  std::vector<AlertRule> rules;
  if (root.IsNull()) return rules;
  if (!root.IsMap()) return YamlError(filename, LineOf(root), "the file must be a map with rules");
  SLUICE_ASSIGN_OR_RETURN(auto top, ReadMap(root, {"rules"}, "file", filename));
  const YamlField* list = FindYamlField(top, "rules");
  if (list == nullptr) return YamlError(filename, LineOf(root), "the file has no rules list");
  if (!list->value.IsSequence()) {
    return YamlError(filename, list->line, "rules must be a list ([] for none)");
  }
  RuleReader reader(filename);
  for (const YAML::Node& node : list->value) {
    SLUICE_ASSIGN_OR_RETURN(AlertRule rule,
                            reader.ReadRule(node, node.IsNull() ? list->line : LineOf(node)));
    rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace sluice::alert
