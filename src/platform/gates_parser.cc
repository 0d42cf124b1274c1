#include "platform/gates_parser.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "common/duration.h"
#include "platform/rules.h"

namespace sluice::platform::internal {
namespace {

std::string At(SourcePos pos) {
  return "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column);
}

// `context: "key" is "text"`, the start of most bad-value messages.
std::string KeyIs(const MapFields& map, std::string_view key, std::string_view text) {
  return map.context() + ": \"" + std::string(key) + "\" is " + Quoted(text);
}

bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// A role name as the access layer accepts it: [a-z][a-z0-9-]{0,62}.
bool IsRoleName(std::string_view role) {
  if (role.empty() || role.size() > 63 || role.front() < 'a' || role.front() > 'z') return false;
  return std::all_of(role.begin(), role.end(), [](char c) { return IsLowerAlnum(c) || c == '-'; });
}

// An alias name as the catalog accepts it: [a-z0-9][a-z0-9._-]{0,62}.
bool IsAliasName(std::string_view alias) {
  if (alias.empty() || alias.size() > 63 || !IsLowerAlnum(alias.front())) return false;
  return std::all_of(alias.begin(), alias.end(),
                     [](char c) { return IsLowerAlnum(c) || c == '.' || c == '_' || c == '-'; });
}

bool HasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// Why `url` is not http://host[:port][/path][?query] (the form the webhook client accepts), or
// nullopt when it is.
std::optional<std::string> UrlProblem(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.starts_with("https://")) {
    return "https is not supported (the HTTP client speaks plain HTTP); call through a local "
           "TLS-terminating proxy";
  }
  if (!url.starts_with(kScheme)) return "it must start with http://";
  if (std::any_of(url.begin(), url.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == 0x7f || c == '#';
      })) {
    return "it has a space, a control character or a '#'";
  }
  const std::string_view rest = url.substr(kScheme.size());
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  if (authority.size() < rest.size() && rest[authority.size()] == '?') {
    return "put a path before the query";
  }
  if (authority.find('@') != std::string_view::npos) {
    return "it has credentials (user@host); secrets do not belong in the platform file";
  }
  std::string_view host = authority;
  std::optional<std::string_view> port;
  if (authority.starts_with('[')) {  // [::1]:9000
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return "its IPv6 host has no closing ']'";
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return "it has a bad port";
    if (!after.empty()) port = after.substr(1);
    const bool ok = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
             c == ':' || c == '.';
    });
    if (!ok) return "it has a bad IPv6 host";
  } else if (const size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return "it has no host";
  if (!authority.starts_with('[') && !std::all_of(host.begin(), host.end(), [](char c) {
        return IsLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '-';
      })) {
    return "its host may only hold letters, digits, '.' and '-'";
  }
  if (port) {
    int number = 0;
    for (char c : *port) {
      if (c < '0' || c > '9' || number > 65535) return "it has a bad port";
      number = number * 10 + (c - '0');
    }
    if (number < 1 || number > 65535) return "it has a bad port";
  }
  return std::nullopt;
}

// A timeout within [min, max]; `parse` is ParseDuration or ParseDurationMs, `units` says how to
// write one, `format` prints the limits.
template <typename Duration>
std::optional<Duration> ReadTimeout(const MapFields& map, const Field& field, Duration min,
                                    Duration max,
                                    std::optional<Duration> (*parse)(std::string_view),
                                    std::string_view units, std::string (*format)(Duration),
                                    DiagnosticSink& sink) {
  std::optional<std::string> text = ReadString(map, "timeout", field, sink);
  if (!text) return std::nullopt;
  std::optional<Duration> value = parse(*text);
  if (!value) {
    sink.Add(field.value_pos, "bad-value",
             KeyIs(map, "timeout", *text) + "; expected a positive whole number and a unit " +
                 std::string(units));
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    sink.Add(
        field.value_pos, "bad-value",
        KeyIs(map, "timeout", *text) + "; expected from " + format(min) + " to " + format(max));
    return std::nullopt;
  }
  return value;
}

// The webhook and command names of one environment: one namespace, since gate results are
// reported by name.
class GateNames {
 public:
  // Reports name-format or name-unique; the name is remembered either way.
  void Check(std::string_view what, const std::string& name, SourcePos pos, DiagnosticSink& sink) {
    if (auto d = CheckNameFormat(what, name, pos, sink.file())) {
      sink.Add(pos, d->rule, std::move(d->message));
    }
    auto [it, inserted] = seen_.emplace(name, pos);
    if (!inserted) {
      sink.Add(pos, "name-unique",
               std::string(what) + " " + Quoted(name) + " is already used at " + At(it->second) +
                   "; webhook and command names are unique within an environment");
    }
  }

 private:
  std::map<std::string, SourcePos> seen_;
};

// `environment "x" webhook "name"` when the entry's name is readable, else `... webhook #N`.
std::string EntryContext(const YAML::Node& node, const std::string& env_context,
                         std::string_view kind, size_t index) {
  // Subscripting a scalar node throws in yaml-cpp, so only maps are looked into.
  if (YAML::Node name = node.IsMap() ? node["name"] : YAML::Node(); name && name.IsScalar()) {
    return env_context + " " + std::string(kind) + " " + Quoted(name.Scalar());
  }
  return env_context + " " + std::string(kind) + " #" + std::to_string(index + 1);
}

// The name of a webhook or command entry, checked.
std::optional<std::string> ReadGateName(const MapFields& map, std::string_view what,
                                        GateNames& names, DiagnosticSink& sink) {
  const Field* f = map.Required("name", sink);
  if (f == nullptr) return std::nullopt;
  std::optional<std::string> name = ReadString(map, "name", *f, sink);
  if (name) names.Check(what, *name, f->value_pos, sink);
  return name;
}

std::optional<WebhookGate> ReadWebhook(const YAML::Node& node, size_t index,
                                       const std::string& env_context, GateNames& names,
                                       DiagnosticSink& sink) {
  const std::string context = EntryContext(node, env_context, "webhook", index);
  if (!node.IsMap()) {
    sink.Add(PosOf(node), "bad-value",
             context + " must be a map with name and url, not " + std::string(Describe(node)));
    return std::nullopt;
  }
  const MapFields map = MapFields::Read(node, {"name", "url", "timeout", "retries"}, context, sink);
  const size_t errors_before = sink.size();
  WebhookGate gate;
  gate.pos = map.pos();
  std::optional<std::string> name = ReadGateName(map, "webhook name", names, sink);
  if (const Field* f = map.Required("url", sink)) {
    if (std::optional<std::string> url = ReadString(map, "url", *f, sink)) {
      if (std::optional<std::string> problem = UrlProblem(*url)) {
        sink.Add(f->value_pos, "bad-value",
                 KeyIs(map, "url", *url) + ": " + *problem +
                     "; expected http://host[:port][/path][?query]");
      }
      gate.url = *url;
    }
  }
  if (const Field* f = map.Optional("timeout")) {
    if (auto timeout = ReadTimeout<std::chrono::milliseconds>(
            map, *f, kMinWebhookTimeout, kMaxWebhookTimeout, &ParseDurationMs,
            "ms, s or m (e.g. 500ms, 5s)", &FormatDurationMs, sink)) {
      gate.timeout = *timeout;
    }
  }
  if (const Field* f = map.Optional("retries")) {
    gate.retries = ReadInt(map, "retries", *f, 0, kMaxWebhookRetries, sink).value_or(gate.retries);
  }
  if (sink.size() != errors_before || !name) return std::nullopt;
  gate.name = *name;
  return gate;
}

std::optional<CommandGate> ReadCommand(const YAML::Node& node, size_t index,
                                       const std::string& env_context, GateNames& names,
                                       DiagnosticSink& sink) {
  const std::string context = EntryContext(node, env_context, "command", index);
  if (!node.IsMap()) {
    sink.Add(PosOf(node), "bad-value",
             context + " must be a map with name and argv, not " + std::string(Describe(node)));
    return std::nullopt;
  }
  const MapFields map = MapFields::Read(node, {"name", "argv", "timeout"}, context, sink);
  const size_t errors_before = sink.size();
  CommandGate gate;
  gate.pos = map.pos();
  std::optional<std::string> name = ReadGateName(map, "command name", names, sink);
  if (const Field* f = map.Required("argv", sink)) {
    if (!f->value.IsSequence() || f->value.size() == 0) {
      sink.Add(f->value_pos, "bad-value",
               context +
                   ": \"argv\" must be a non-empty list: the program's absolute path, then "
                   "its arguments");
    } else {
      for (const YAML::Node& arg : f->value) {
        const SourcePos pos = PosOf(arg);
        if (!arg.IsScalar()) {
          sink.Add(pos, "bad-value",
                   context + ": each \"argv\" entry must be a string, not " +
                       std::string(Describe(arg)));
          continue;
        }
        const std::string& text = arg.Scalar();
        if (text.find('\0') != std::string::npos) {
          sink.Add(pos, "bad-value",
                   context + ": \"argv\" entry " + Quoted(text) + " holds a NUL character");
        } else if (gate.argv.empty() && (!text.starts_with('/') || text.size() < 2)) {
          sink.Add(pos, "bad-value",
                   context + ": \"argv[0]\" is " + Quoted(text) +
                       "; expected the program's absolute path (commands run without a shell "
                       "or a PATH search)");
        }
        gate.argv.push_back(text);
      }
    }
  }
  if (const Field* f = map.Optional("timeout")) {
    if (auto timeout = ReadTimeout<std::chrono::seconds>(
            map, *f, kMinCommandTimeout, kMaxCommandTimeout, &ParseDuration,
            "s, m or h (e.g. 60s, 10m)", &FormatDuration, sink)) {
      gate.timeout = *timeout;
    }
  }
  if (sink.size() != errors_before || !name) return std::nullopt;
  gate.name = *name;
  return gate;
}

std::optional<MetricRule> ReadMetric(const std::string& metric, const Field& field,
                                     const std::string& env_context, DiagnosticSink& sink) {
  const std::string context = env_context + " metric " + Quoted(metric);
  if (!field.value.IsMap()) {
    sink.Add(field.value_pos, "bad-value",
             context + " must be a map with min, max, max_regression or higher_is_better, not " +
                 std::string(Describe(field.value)));
    return std::nullopt;
  }
  const MapFields map = MapFields::Read(
      field.value, {"min", "max", "max_regression", "higher_is_better"}, context, sink);
  const size_t errors_before = sink.size();
  MetricRule rule;
  rule.metric = metric;
  rule.pos = field.key_pos;
  if (const Field* f = map.Optional("min")) rule.min = ReadNumber(map, "min", *f, sink);
  if (const Field* f = map.Optional("max")) {
    rule.max = ReadNumber(map, "max", *f, sink);
    if (rule.min && rule.max && *rule.min > *rule.max) {
      sink.Add(f->value_pos, "bad-value",
               KeyIs(map, "max", f->value.Scalar()) + ", below \"min\" (" +
                   map.Optional("min")->value.Scalar() + "); no value could pass");
    }
  }
  if (const Field* f = map.Optional("max_regression")) {
    rule.max_regression = ReadNumber(map, "max_regression", *f, sink);
    if (rule.max_regression && *rule.max_regression < 0) {
      sink.Add(f->value_pos, "bad-value",
               KeyIs(map, "max_regression", f->value.Scalar()) +
                   "; expected 0 or more (how much worse than the champion the candidate may be)");
    }
  }
  if (const Field* f = map.Optional("higher_is_better")) {
    rule.higher_is_better = ReadBool(map, "higher_is_better", *f, sink).value_or(true);
  }
  if (!map.Optional("min") && !map.Optional("max") && !map.Optional("max_regression")) {
    sink.Add(map.pos(), "missing-key",
             context +
                 ": a metric rule needs at least one of \"min\", \"max\" and "
                 "\"max_regression\"; without one it checks nothing");
  }
  if (sink.size() != errors_before) return std::nullopt;
  return rule;
}

// `metrics:` is a map whose keys are metric names, so it is read without MapFields.
void ReadMetrics(const Field& field, const std::string& context, const std::string& env_context,
                 GateSettings& gates, DiagnosticSink& sink) {
  if (!field.value.IsMap()) {
    sink.Add(field.value_pos, "bad-value",
             context +
                 ": \"metrics\" must be a map from metric name to rule (it may be empty: "
                 "{}), not " +
                 std::string(Describe(field.value)));
    return;
  }
  std::map<std::string, SourcePos> seen;
  for (const auto& entry : field.value) {
    const YAML::Node& key = entry.first;
    const SourcePos key_pos = PosOf(key);
    if (!key.IsScalar()) {
      sink.Add(key_pos, "bad-value",
               context + ": a metric name must be a string, not " + std::string(Describe(key)));
      continue;
    }
    const std::string& metric = key.Scalar();
    if (metric.empty() || HasControlCharacter(metric)) {
      sink.Add(key_pos, "bad-value",
               context + ": metric name " + Quoted(metric) +
                   " must be non-empty, without control characters");
      continue;
    }
    if (auto [it, inserted] = seen.emplace(metric, key_pos); !inserted) {
      sink.Add(key_pos, "duplicate-key",
               context + ": metric " + Quoted(metric) + " is already set at " + At(it->second));
      continue;
    }
    const YAML::Node& value = entry.second;
    const Field metric_field{value, key_pos, value.IsNull() ? key_pos : PosOf(value)};
    if (auto rule = ReadMetric(metric, metric_field, env_context, sink)) {
      gates.metrics.push_back(std::move(*rule));
    }
  }
}

void ReadRoles(const MapFields& map, const Field& field, GateSettings& gates,
               DiagnosticSink& sink) {
  if (!field.value.IsSequence()) {
    sink.Add(field.value_pos, "bad-value",
             map.context() + ": \"approver_roles\" must be a list of role names, not " +
                 std::string(Describe(field.value)));
    return;
  }
  std::map<std::string, SourcePos> seen;
  for (const YAML::Node& node : field.value) {
    const SourcePos pos = PosOf(node);
    if (!node.IsScalar()) {
      sink.Add(pos, "bad-value",
               map.context() + ": each \"approver_roles\" entry must be a role name, not " +
                   std::string(Describe(node)));
      continue;
    }
    const std::string& role = node.Scalar();
    if (!IsRoleName(role)) {
      sink.Add(pos, "bad-value",
               map.context() + ": approver role " + Quoted(role) +
                   " is not a role name (1-63 characters, a lowercase letter first, then "
                   "lowercase letters, digits or '-')");
      continue;
    }
    if (auto [it, inserted] = seen.emplace(role, pos); !inserted) {
      sink.Add(pos, "bad-value",
               map.context() + ": approver role " + Quoted(role) + " is already listed at " +
                   At(it->second));
      continue;
    }
    gates.approver_roles.push_back(role);
  }
}

// A list-valued key (webhooks, commands): each entry read by `read`, the good ones kept.
template <typename T, typename Read>
void ReadList(const MapFields& map, std::string_view key, std::vector<T>& out, Read read,
              DiagnosticSink& sink) {
  const Field* f = map.Optional(key);
  if (f == nullptr) return;
  if (!f->value.IsSequence()) {
    sink.Add(f->value_pos, "bad-value",
             map.context() + ": \"" + std::string(key) +
                 "\" must be a list (it may be empty: "
                 "[]), not " +
                 std::string(Describe(f->value)));
    return;
  }
  size_t index = 0;
  for (const YAML::Node& node : f->value) {
    if (std::optional<T> item = read(node, index++)) out.push_back(std::move(*item));
  }
}

}  // namespace

GateSettings ReadGates(const Field& field, const std::string& env_context, DiagnosticSink& sink) {
  GateSettings gates;
  gates.pos = field.key_pos;
  if (!field.value.IsMap()) {
    sink.Add(field.value_pos, "bad-value",
             env_context + ": \"gates\" must be a map (it may be empty: {}), not " +
                 std::string(Describe(field.value)));
    return gates;
  }
  const MapFields map = MapFields::Read(
      field.value,
      {"schema_compatibility", "expectations", "classification_declared", "champion_alias",
       "metrics", "webhooks", "commands", "approvals", "approver_roles", "rollback_fast_path"},
      env_context + " gates", sink);

  for (auto [key, value] : {std::pair{"schema_compatibility", &gates.schema_compatibility},
                            std::pair{"classification_declared", &gates.classification_declared},
                            std::pair{"rollback_fast_path", &gates.rollback_fast_path}}) {
    if (const Field* f = map.Optional(key)) *value = ReadBool(map, key, *f, sink).value_or(*value);
  }
  if (const Field* f = map.Optional("expectations")) {
    if (std::optional<std::string> text = ReadString(map, "expectations", *f, sink)) {
      if (std::optional<ExpectationsMode> mode = ParseExpectationsMode(*text)) {
        gates.expectations = *mode;
      } else {
        sink.Add(f->value_pos, "bad-value",
                 KeyIs(map, "expectations", *text) + "; expected off, optional or required");
      }
    }
  }
  if (const Field* f = map.Optional("champion_alias")) {
    if (std::optional<std::string> alias = ReadString(map, "champion_alias", *f, sink)) {
      if (IsAliasName(*alias)) {
        gates.champion_alias = *alias;
      } else {
        sink.Add(f->value_pos, "bad-value",
                 KeyIs(map, "champion_alias", *alias) +
                     "; expected an alias name (1-63 characters: a lowercase letter or digit, "
                     "then lowercase letters, digits, '.', '_' or '-')");
      }
    }
  }
  if (const Field* f = map.Optional("metrics")) {
    ReadMetrics(*f, map.context(), env_context, gates, sink);
  }
  GateNames names;
  ReadList(
      map, "webhooks", gates.webhooks,
      [&](const YAML::Node& node, size_t index) {
        return ReadWebhook(node, index, env_context, names, sink);
      },
      sink);
  ReadList(
      map, "commands", gates.commands,
      [&](const YAML::Node& node, size_t index) {
        return ReadCommand(node, index, env_context, names, sink);
      },
      sink);
  if (const Field* f = map.Optional("approvals")) {
    gates.approvals = ReadInt(map, "approvals", *f, 1, kMaxApprovals, sink).value_or(1);
  }
  if (const Field* f = map.Optional("approver_roles")) ReadRoles(map, *f, gates, sink);
  return gates;
}

}  // namespace sluice::platform::internal
