#include "catalog/ref.h"

#include <array>
#include <string>
#include <vector>

namespace sluice::catalog {
namespace {

constexpr std::array<std::string_view, 5> kKinds = {"dataset", "feature-set", "model", "pipeline",
                                                     "component"};
constexpr std::size_t kMinPrefix = 8;

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

Result<std::vector<std::string>> SplitPath(std::string_view text, std::size_t parts,
                                           std::string_view shape) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = text.find('/', start);
    out.emplace_back(text.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (out.size() != parts) {
    return InvalidArgument("\"" + std::string(text.substr(0, 200)) + "\" is not " +
                           std::string(shape));
  }
  return out;
}

}  // namespace

Status ValidateName(std::string_view what, std::string_view name) {
  bool ok = !name.empty() && name.size() <= 63 && IsLowerAlnum(name.front());
  for (char c : name) {
    if (!IsLowerAlnum(c) && c != '.' && c != '_' && c != '-') ok = false;
  }
  if (ok) return Status::Ok();
  return InvalidArgument(std::string(what) + " name \"" + std::string(name.substr(0, 80)) +
                         "\" is not valid: use 1-63 lowercase letters, digits, '.', '_' or '-', "
                         "starting with a letter or digit");
}

std::string Ref::ToString() const {
  switch (form) {
    case Form::kLatest:
      return address.ToString();
    case Form::kIdPrefix:
      return address.ToString() + "@" + selector;
    case Form::kAlias:
      return address.ToString() + ":" + selector;
  }
  return address.ToString();
}

Result<AssetAddress> ParseAddress(std::string_view text) {
  SLUICE_ASSIGN_OR_RETURN(auto parts, SplitPath(text, 3, "ENV/PROJECT/ASSET"));
  SLUICE_RETURN_IF_ERROR(ValidateName("environment", parts[0]));
  SLUICE_RETURN_IF_ERROR(ValidateName("project", parts[1]));
  SLUICE_RETURN_IF_ERROR(ValidateName("asset", parts[2]));
  return AssetAddress{parts[0], parts[1], parts[2]};
}

Result<std::pair<std::string, std::string>> ParseProjectPath(std::string_view text) {
  SLUICE_ASSIGN_OR_RETURN(auto parts, SplitPath(text, 2, "ENV/PROJECT"));
  SLUICE_RETURN_IF_ERROR(ValidateName("environment", parts[0]));
  SLUICE_RETURN_IF_ERROR(ValidateName("project", parts[1]));
  return std::pair{parts[0], parts[1]};
}

Result<Ref> ParseRef(std::string_view text) {
  Ref ref;
  std::string_view address = text;
  const std::size_t at = text.find('@');
  const std::size_t colon = text.find(':');
  if (at != std::string_view::npos && colon != std::string_view::npos) {
    return InvalidArgument("a ref has either @ID or :ALIAS, not both");
  }
  if (at != std::string_view::npos) {
    ref.form = Ref::Form::kIdPrefix;
    ref.selector = std::string(text.substr(at + 1));
    address = text.substr(0, at);
    bool hex = ref.selector.size() >= kMinPrefix && ref.selector.size() <= 64;
    for (char c : ref.selector) hex = hex && IsHex(c);
    if (!hex) {
      return InvalidArgument("version id \"" + ref.selector.substr(0, 80) +
                             "\" must be 8 to 64 lowercase hex digits");
    }
  } else if (colon != std::string_view::npos) {
    ref.form = Ref::Form::kAlias;
    ref.selector = std::string(text.substr(colon + 1));
    address = text.substr(0, colon);
    SLUICE_RETURN_IF_ERROR(ValidateName("alias", ref.selector));
  }
  SLUICE_ASSIGN_OR_RETURN(ref.address, ParseAddress(address));
  return ref;
}

Status ValidateKind(std::string_view kind) {
  for (auto k : kKinds) {
    if (k == kind) return Status::Ok();
  }
  return InvalidArgument("kind \"" + std::string(kind.substr(0, 80)) +
                         "\" is not one of dataset, feature-set, model, pipeline, component");
}

}  // namespace sluice::catalog
