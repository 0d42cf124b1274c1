#include "platform/render.h"

#include <algorithm>

#include "common/duration.h"

namespace sluice::platform {

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
  return {
      {"name", platform.name},
      {"description", platform.description},
      {"require_automation", platform.require_automation},
      {"environments", std::move(envs)},
      {"promotions", std::move(steps)},
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
  return out + Table(rows);
}

}  // namespace sluice::platform
