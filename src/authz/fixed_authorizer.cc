#include "authz/fixed_authorizer.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace sluice::authz {
namespace {

constexpr std::array<std::string_view, 2> kSelfServiceActions = {"whoami", "environment.list"};
constexpr std::array<std::string_view, 4> kCatalogReads = {"project.list", "asset.list",
                                                           "asset.read", "project.quota.read"};
constexpr std::array<std::string_view, 4> kCatalogWrites = {"project.create", "asset.write",
                                                            "asset.copy", "asset.alias"};
constexpr std::array<std::string_view, 3> kDataRoles = {"data-scientist", "data-engineer",
                                                        "ml-engineer"};

template <std::size_t N>
bool OneOf(const std::array<std::string_view, N>& set, std::string_view value) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

bool HasRole(const store::Principal& p, std::string_view role) {
  return std::find(p.roles.begin(), p.roles.end(), role) != p.roles.end();
}

}  // namespace

Decision FixedAuthorizer::Authorize(const Request& request) const {
  const store::Principal& p = request.principal;
  const std::string& action = request.action;
  if (HasRole(p, "admin")) return {true, {"interim-admin-all"}, {}};
  if (OneOf(kSelfServiceActions, action)) return {true, {"interim-self-service"}, {}};
  if (HasRole(p, "auditor") && action == "audit.read") return {true, {"interim-auditor"}, {}};
  if (p.kind == store::PrincipalKind::kService && HasRole(p, "system") &&
      action == "storage.sweep") {
    return {true, {"interim-system-retention"}, {}};
  }
  const bool catalog_read = OneOf(kCatalogReads, action);
  const bool catalog_write = OneOf(kCatalogWrites, action);
  if (p.kind == store::PrincipalKind::kService && (catalog_read || catalog_write)) {
    return {true, {"interim-automation"}, {}};
  }
  const bool data_role = std::any_of(kDataRoles.begin(), kDataRoles.end(),
                                     [&](std::string_view r) { return HasRole(p, r); });
  if (data_role && catalog_read) return {true, {"interim-data-read"}, {}};
  auto mode = request.context.find("environment_mode");
  if (data_role && catalog_write && mode != request.context.end() &&
      mode->second == "interactive") {
    return {true, {"interim-data-write"}, {}};
  }
  return {false, {}, {}};
}

}  // namespace sluice::authz
