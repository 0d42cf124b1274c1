// The built-in platform templates: five-stage, three-stage-infra and three-stage-integration.
//
// Their source is platforms/<name>.yaml in the repository (commented, and part of the docs);
// the build embeds those files verbatim, so `sluice platform show --template NAME` prints
// exactly what is checked in, and a template is parsed with the same code as any user file.
//
// Thread-safety: all functions are safe to call concurrently (read-only embedded data).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "platform/model.h"

namespace sluice::platform {

// The template the server loads when given no platform file.
inline constexpr std::string_view kDefaultTemplate = "five-stage";

// In the order listed in src/platform/CMakeLists.txt.
std::vector<std::string> TemplateNames();

// The parsed template; kNotFound (listing the valid names) for an unknown name. Templates are
// tested to pass every rule, so any other error is kInternal.
Result<Platform> Template(std::string_view name);

// The embedded YAML text; empty for an unknown name.
std::string_view TemplateYaml(std::string_view name);

}  // namespace sluice::platform
