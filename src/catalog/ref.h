// Names and references of the data catalog.
//
//   ADDRESS = ENV/PROJECT/ASSET
//   REF     = ADDRESS              the version `latest` names
//           | ADDRESS@HEXPREFIX    the version whose id starts so (>= 8 hex
//                                  digits; must be unambiguous)
//           | ADDRESS:ALIAS        the version an alias names
//
// Every name is 1-63 characters: a lowercase letter or digit first, then
// lowercase letters, digits, '.', '_' or '-'.
//
// Thread-safety: values and pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::catalog {

// kInvalidArgument naming `what` ("project", "asset", ...) when bad.
Status ValidateName(std::string_view what, std::string_view name);

struct AssetAddress {
  std::string environment;
  std::string project;
  std::string asset;

  std::string ToString() const { return environment + "/" + project + "/" + asset; }
  bool operator==(const AssetAddress&) const = default;
};

struct Ref {
  enum class Form { kLatest, kIdPrefix, kAlias };
  AssetAddress address;
  Form form = Form::kLatest;
  std::string selector;  // the id prefix or alias; empty for kLatest

  std::string ToString() const;
};

// ENV/PROJECT/ASSET only.
Result<AssetAddress> ParseAddress(std::string_view text);
// ENV/PROJECT (for `project create`).
Result<std::pair<std::string, std::string>> ParseProjectPath(std::string_view text);
Result<Ref> ParseRef(std::string_view text);

// The asset kinds: dataset, feature-set, model, pipeline, component.
Status ValidateKind(std::string_view kind);

}  // namespace sluice::catalog
