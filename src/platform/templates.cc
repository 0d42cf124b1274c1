#include "platform/templates.h"

#include "platform/parser.h"
#include "platform/template_data.h"

namespace sluice::platform {

std::vector<std::string> TemplateNames() {
  std::vector<std::string> names;
  for (const internal::TemplateSource& t : internal::TemplateSources()) {
    names.emplace_back(t.name);
  }
  return names;
}

std::string_view TemplateYaml(std::string_view name) {
  for (const internal::TemplateSource& t : internal::TemplateSources()) {
    if (t.name == name) return t.yaml;
  }
  return {};
}

Result<Platform> Template(std::string_view name) {
  const std::string_view yaml = TemplateYaml(name);
  if (yaml.empty()) {
    std::string valid;
    for (const std::string& n : TemplateNames()) valid += (valid.empty() ? "" : ", ") + n;
    return NotFound("no platform template " + Quoted(name) + "; templates: " + valid);
  }
  ParseOutcome outcome = ParsePlatform(yaml, "platforms/" + std::string(name) + ".yaml");
  if (!outcome.ok()) {
    return Internal("built-in template is invalid:\n" + FormatDiagnostics(outcome.diagnostics));
  }
  return std::move(*outcome.platform);
}

}  // namespace sluice::platform
