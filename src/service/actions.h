// The actions of Sluice's use cases, as the authorizer and the audit log name
// them. Policies refer to these names: renaming one is a breaking change.
#pragma once

#include <string_view>

namespace sluice::service::actions {

inline constexpr std::string_view kAuthenticate = "authenticate";
inline constexpr std::string_view kWhoAmI = "whoami";
inline constexpr std::string_view kListEnvironments = "environment.list";
inline constexpr std::string_view kCreatePrincipal = "principal.create";
inline constexpr std::string_view kListPrincipals = "principal.list";
inline constexpr std::string_view kReadPrincipal = "principal.read";
inline constexpr std::string_view kDeletePrincipal = "principal.delete";
inline constexpr std::string_view kCreateToken = "token.create";
inline constexpr std::string_view kRevokeToken = "token.revoke";

}  // namespace sluice::service::actions
