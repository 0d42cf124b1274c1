#include "authz/fixed_authorizer.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace sluice::authz {
namespace {

constexpr std::array<std::string_view, 2> kSelfServiceActions = {"whoami", "environment.list"};

}  // namespace

Decision FixedAuthorizer::Authorize(const Request& request) const {
  const auto& roles = request.principal.roles;
  if (std::find(roles.begin(), roles.end(), "admin") != roles.end()) {
    return {true, {"interim-admin-all"}, {}};
  }
  if (std::find(kSelfServiceActions.begin(), kSelfServiceActions.end(), request.action) !=
      kSelfServiceActions.end()) {
    return {true, {"interim-self-service"}, {}};
  }
  return {false, {}, {}};
}

}  // namespace sluice::authz
