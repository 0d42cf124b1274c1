#include "platform/render.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "common/duration.h"

namespace sluice::platform {
namespace {

nlohmann::json OptionalNumber(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

nlohmann::json GatesJson(const GateSettings& gates) {
  nlohmann::json metrics = nlohmann::json::array();
  for (const MetricRule& rule : gates.metrics) {
    metrics.push_back({
        {"metric", rule.metric},
        {"min", OptionalNumber(rule.min)},
        {"max", OptionalNumber(rule.max)},
        {"max_regression", OptionalNumber(rule.max_regression)},
        {"higher_is_better", rule.higher_is_better},
    });
  }
  nlohmann::json webhooks = nlohmann::json::array();
  for (const WebhookGate& hook : gates.webhooks) {
    webhooks.push_back({
        {"name", hook.name},
        {"url", hook.url},
        {"timeout_ms", hook.timeout.count()},
        {"retries", hook.retries},
    });
  }
  nlohmann::json commands = nlohmann::json::array();
  for (const CommandGate& command : gates.commands) {
    commands.push_back({
        {"name", command.name},
        {"argv", command.argv},
        {"timeout_seconds", command.timeout.count()},
    });
  }
  return {
      {"schema_compatibility", gates.schema_compatibility},
      {"expectations", ToString(gates.expectations)},
      {"classification_declared", gates.classification_declared},
      {"champion_alias", gates.champion_alias},
      {"metrics", std::move(metrics)},
      {"webhooks", std::move(webhooks)},
      {"commands", std::move(commands)},
      {"approvals", gates.approvals},
      {"approver_roles", gates.approver_roles},
      {"rollback_fast_path", gates.rollback_fast_path},
  };
}

}  // namespace

nlohmann::json ToJson(const Platform& platform) {
  nlohmann::json envs = nlohmann::json::array();
  for (const Environment& env : platform.environments) {
    envs.push_back({
        {"name", env.name},
        {"track", ToString(env.track)},
        {"data", ToString(env.data)},
        {"mode", ToString(env.mode)},
        {"storage_domain", env.storage_domain},
        {"copy_retention_seconds",
         env.copy_retention ? nlohmann::json(env.copy_retention->count()) : nlohmann::json()},
        {"description", env.description},
        {"gates", GatesJson(env.gates)},
    });
  }
  const PromotionStep* train = platform.ReleaseTrain();
  nlohmann::json steps = nlohmann::json::array();
  for (const PromotionStep& step : platform.promotions) {
    steps.push_back({
        {"from", step.from},
        {"to", step.to},
        {"kind", ToString(step.kind)},
        {"release_train", &step == train},
    });
  }
  nlohmann::json masking = nlohmann::json::array();
  for (const MaskRule& rule : platform.masking) {
    masking.push_back({{rule.detector.empty() ? "tag" : "detector",
                        rule.detector.empty() ? rule.tag : rule.detector},
                       {"method", ToString(rule.method)}});
  }
  return {
      {"name", platform.name},
      {"description", platform.description},
      {"require_automation", platform.require_automation},
      {"environments", std::move(envs)},
      {"promotions", std::move(steps)},
      {"masking", std::move(masking)},
  };
}

nlohmann::json ToJson(const Diagnostic& d) {
  return {{"file", d.file},
          {"line", d.line},
          {"column", d.column},
          {"rule", d.rule},
          {"message", d.message}};
}

namespace {

// The shortest spelling that reads back as the same double: 0.7, 50, 1e-06.
std::string FormatNumber(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

// `arg` as a reader can tell where it ends: quoted when empty or holding a blank or a quote.
std::string ShellWord(const std::string& arg) {
  if (!arg.empty() && arg.find_first_of(" \t'\"") == std::string::npos) return arg;
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string OnOff(bool value) {
  return value ? "on" : "off";
}

std::string MetricDetail(const MetricRule& rule, const GateSettings& gates) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (rule.min) add("min " + FormatNumber(*rule.min));
  if (rule.max) add("max " + FormatNumber(*rule.max));
  if (rule.max_regression) {
    add("max regression " + FormatNumber(*rule.max_regression) + " against " +
        gates.champion_alias);
  }
  if (!rule.higher_is_better) add("lower is better");
  return out;
}

// Left-aligned columns separated by two spaces, without trailing blanks.
std::string Table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = "  ";
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

// The gates of every environment a promotion step enters, highest first: one row of settings
// each, then one row per metric, webhook and command.
std::string GatesText(const Platform& platform) {
  std::set<std::string_view> entered;
  for (const PromotionStep& step : platform.promotions) {
    entered.insert(step.to.begin(), step.to.end());
  }
  std::vector<std::vector<std::string>> settings = {{"INTO", "APPROVALS", "APPROVER ROLES",
                                                     "SCHEMA", "EXPECTATIONS", "CLASSIFICATION",
                                                     "ROLLBACK FAST PATH"}};
  std::vector<std::vector<std::string>> checks = {{"INTO", "CHECK", "NAME", "DETAIL"}};
  for (auto it = platform.environments.rbegin(); it != platform.environments.rend(); ++it) {
    if (entered.count(it->name) == 0) continue;
    const GateSettings& g = it->gates;
    std::string roles;
    for (const std::string& role : g.approver_roles) roles += (roles.empty() ? "" : ", ") + role;
    settings.push_back({it->name, std::to_string(g.approvals), roles.empty() ? "any" : roles,
                        OnOff(g.schema_compatibility), std::string(ToString(g.expectations)),
                        OnOff(g.classification_declared), OnOff(g.rollback_fast_path)});
    for (const MetricRule& rule : g.metrics) {
      checks.push_back({it->name, "metric", rule.metric, MetricDetail(rule, g)});
    }
    for (const WebhookGate& hook : g.webhooks) {
      checks.push_back({it->name, "webhook", hook.name,
                        "POST " + hook.url + ", timeout " + FormatDurationMs(hook.timeout) + ", " +
                            std::to_string(hook.retries) +
                            (hook.retries == 1 ? " retry" : " retries")});
    }
    for (const CommandGate& command : g.commands) {
      std::string argv;
      for (const std::string& arg : command.argv)
        argv += (argv.empty() ? "" : " ") + ShellWord(arg);
      checks.push_back({it->name, "command", command.name,
                        argv + ", timeout " + FormatDuration(command.timeout)});
    }
  }
  if (settings.size() == 1) return "";
  std::string out =
      "\ngates (what a promotion into each environment must pass; lineage is always checked)\n" +
      Table(settings);
  if (checks.size() > 1) out += "\n" + Table(checks);
  return out;
}

}  // namespace

std::string ToText(const Platform& platform) {
  std::string out = "platform " + platform.name;
  if (!platform.description.empty()) out += ": " + platform.description;
  out += "\n";
  if (platform.require_automation) {
    out += "require_automation: steps into final environments start in automation mode\n";
  }
  out += "\nenvironments (highest first)\n";
  std::vector<std::vector<std::string>> rows = {
      {"NAME", "TRACK", "DATA", "MODE", "STORAGE DOMAIN", "COPY RETENTION"}};
  for (auto it = platform.environments.rbegin(); it != platform.environments.rend(); ++it) {
    rows.push_back({it->name, std::string(ToString(it->track)), std::string(ToString(it->data)),
                    std::string(ToString(it->mode)), it->storage_domain,
                    it->copy_retention ? FormatDuration(*it->copy_retention) : "-"});
  }
  out += Table(rows);

  out += "\npromotions\n";
  if (platform.promotions.empty()) return out + "  (none)\n";
  const PromotionStep* train = platform.ReleaseTrain();
  rows = {{"KIND", "FROM", "TO"}};
  for (const PromotionStep& step : platform.promotions) {
    std::string to;
    for (const std::string& target : step.to) to += (to.empty() ? "" : ", ") + target;
    if (&step == train) to += "  (release train)";
    rows.push_back({std::string(ToString(step.kind)), step.from, to});
  }
  return out + Table(rows) + GatesText(platform);
}

}  // namespace sluice::platform
