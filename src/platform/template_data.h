// The embedded platform templates, generated at configure time from platforms/*.yaml into
// template_data.cc (see CMakeLists.txt). Internal to the platform component: use templates.h.
#pragma once

#include <span>
#include <string_view>

namespace sluice::platform::internal {

struct TemplateSource {
  std::string_view name;
  std::string_view yaml;
};

std::span<const TemplateSource> TemplateSources();

}  // namespace sluice::platform::internal
