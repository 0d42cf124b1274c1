// Reading platform files: YAML text -> a checked Platform, or every error in it.
//
// The file format and every rule are documented in docs/platform-file.md. In short:
//
//   apiVersion: sluice/v1
//   name: five-stage
//   require_automation: true          # optional, default false
//   environments:                     # ladder order, lowest first
//     - {name: discovery, track: data, data: production, mode: interactive, copy_retention: 90d}
//     - {name: production, ..., gates: {expectations: required, approvals: 2}}  # gates_parser.h
//     ...
//   promotions:
//     - {from: discovery, to: integration, kind: data}
//     - {from: infra-preprod, to: [discovery, integration, production], kind: infra}
//
// Nothing here throws: yaml-cpp exceptions become `yaml-syntax` diagnostics. Unknown keys are
// errors, never ignored, because a misspelt control that is silently dropped is a control that
// is silently off.
//
// Thread-safety: pure functions (LoadPlatformFile reads the file system).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "platform/diagnostic.h"
#include "platform/model.h"

namespace sluice::platform {

// The only apiVersion this build reads.
inline constexpr std::string_view kApiVersion = "sluice/v1";

// Parses and checks `yaml_text`; `file_name` is used only in diagnostics. Diagnostics are in file
// order; the platform is set only when there are none.
ParseOutcome ParsePlatform(std::string_view yaml_text, std::string_view file_name);

// ParsePlatform on the contents of `path`; a file that cannot be read gives one `file-read`
// diagnostic with line 0 (there is no line to point at).
ParseOutcome LoadPlatformFile(const std::string& path);

// LoadPlatformFile for callers that only need yes or no: kInvalidArgument whose message is all
// diagnostics, one per line; kNotFound when the file does not exist.
Result<Platform> LoadPlatform(const std::string& path);

}  // namespace sluice::platform
