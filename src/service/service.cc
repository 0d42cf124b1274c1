#include "service/service.h"

#include <algorithm>
#include <utility>

#include "common/clock.h"
#include "service/actions.h"
#include "service/door.h"

namespace sluice::service {
namespace {

bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// [a-z][a-z0-9<extra>]{0,max-1}
Status ValidateIdentifier(std::string_view what, std::string_view text, std::string_view extra,
                          std::size_t max) {
  bool ok = !text.empty() && text.size() <= max && text.front() >= 'a' && text.front() <= 'z';
  for (char c : text) {
    if (!IsLowerAlnum(c) && extra.find(c) == std::string_view::npos) ok = false;
  }
  if (ok) return Status::Ok();
  std::string message(what);
  message.append(" \"").append(text.substr(0, 80)).append("\" is not valid: use 1-");
  message.append(std::to_string(max)).append(" characters, a lowercase letter first, then ");
  message.append("lowercase letters, digits or any of \"").append(extra).append("\"");
  return InvalidArgument(std::move(message));
}

bool HasRole(const store::Principal& p, std::string_view role) {
  return std::find(p.roles.begin(), p.roles.end(), role) != p.roles.end();
}

}  // namespace

Status ValidatePrincipalName(std::string_view name) {
  return ValidateIdentifier("principal name", name, "._-", 63);
}
Status ValidateRoleName(std::string_view role) {
  return ValidateIdentifier("role", role, "-", 63);
}
Status ValidateAttributeName(std::string_view key) {
  return ValidateIdentifier("attribute name", key, "_", 63);
}

Service::Service(store::MetadataStore& store, const authz::Authorizer& authorizer,
                 audit::Recorder& recorder, const platform::Platform& platform,
                 catalog::Catalog* catalog, auditlog::AuditLog* audit_log, Controls controls)
    : store_(store),
      authorizer_(authorizer),
      recorder_(recorder),
      platform_(platform),
      catalog_(catalog),
      audit_log_(audit_log),
      controls_(controls),
      authenticator_(store, &credentials_) {}

Result<Caller> Service::Authenticate(std::string_view bearer_token, const CallMeta& meta) {
  return Authenticate(bearer_token, "", meta);
}

Result<Caller> Service::Authenticate(std::string_view bearer_token, std::string_view session_token,
                                     const CallMeta& meta) {
  Result<store::Principal> principal = authenticator_.Authenticate(bearer_token, NowMillis());
  if (principal.ok() && !session_token.empty()) {
    Result<authz::SessionFacts> session = ResolveSession(*principal, session_token);
    if (session.ok()) return Caller{std::move(principal).value(), meta, std::move(*session)};
    principal = session.status();
  }
  if (principal.ok()) return Caller{std::move(principal).value(), meta, std::nullopt};
  if (principal.status().code() == StatusCode::kUnauthenticated) {
    audit::Event event;
    event.time_ms = NowMillis();
    event.request_id = meta.request_id;
    event.action = std::string(actions::kAuthenticate);
    event.resource_type = "Token";
    event.allowed = false;
    event.outcome = std::string(StatusCodeName(StatusCode::kUnauthenticated));
    event.client_address = meta.client_address;
    event.user_agent = meta.user_agent;
    SLUICE_RETURN_IF_ERROR(recorder_.Record(event));
  }
  return principal.status();
}

void Service::DescribeForAudit(const Caller& caller, const authz::Facts& facts,
                               audit::Event& event) {
  if (caller.session) {
    event.session = audit::SessionRef{caller.session->id, caller.session->purpose,
                                      caller.session->environment, caller.session->break_glass};
    if (!facts.environment.empty() && caller.session->environment != facts.environment) {
      event.details["cross_environment"] = {{"from", caller.session->environment},
                                            {"to", facts.environment}};
    }
  }
  if (!facts.source_environment.empty() && facts.source_environment != facts.environment) {
    event.details["source_environment"] = facts.source_environment;
  }
  if (!facts.classification.empty()) event.details["classification"] = facts.classification;
  auto contractor = caller.principal.attributes.find("contractor");
  if (contractor != caller.principal.attributes.end()) {
    const auto* flag = std::get_if<bool>(&contractor->second);
    const auto* text = std::get_if<std::string>(&contractor->second);
    if ((flag != nullptr && *flag) || (text != nullptr && *text == "true")) {
      event.details["contractor"] = true;
    }
  }
}

Status Service::CheckApproverRole(const Caller& caller, std::string_view environment,
                                  std::string_view what) const {
  const platform::Environment* env = platform_.Find(environment);
  if (env == nullptr || env->gates.approver_roles.empty()) return Status::Ok();
  const std::vector<std::string>& roles = env->gates.approver_roles;
  const std::vector<std::string>& held = caller.principal.roles;
  if (std::any_of(roles.begin(), roles.end(), [&](const std::string& r) {
        return std::find(held.begin(), held.end(), r) != held.end();
      })) {
    return Status::Ok();
  }
  std::string list;
  for (const auto& r : roles) list += (list.empty() ? "" : ", ") + r;
  return PermissionDenied("decisions on " + std::string(what) + " " + std::string(environment) +
                          " are taken by the roles " + list);
}

authz::Decision Service::AuthorizeTimed(const authz::Request& request) const {
  if (controls_.metrics == nullptr) return authorizer_.Authorize(request);
  const auto start = std::chrono::steady_clock::now();
  authz::Decision decision = authorizer_.Authorize(request);
  controls_.metrics->ObserveDecision(
      request.action, decision.allowed,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return decision;
}

Result<store::Principal> Service::WhoAmI(const Caller& caller) {
  return Door(caller, actions::kWhoAmI, {"Principal", caller.principal.name},
              [&](nlohmann::json&) -> Result<store::Principal> { return caller.principal; });
}

Result<std::vector<platform::Environment>> Service::ListEnvironments(const Caller& caller) {
  return Door(caller, actions::kListEnvironments, {"Platform", platform_.name},
              [&](nlohmann::json&) -> Result<std::vector<platform::Environment>> {
                return platform_.environments;
              });
}

Result<store::Principal> Service::CreatePrincipal(const Caller& caller, NewPrincipal request) {
  std::string name = request.name;
  return Door(caller, actions::kCreatePrincipal, {"Principal", name},
              [&](nlohmann::json& details) -> Result<store::Principal> {
                SLUICE_RETURN_IF_ERROR(ValidatePrincipalName(request.name));
                for (const auto& role : request.roles)
                  SLUICE_RETURN_IF_ERROR(ValidateRoleName(role));
                for (const auto& [key, value] : request.attributes) {
                  SLUICE_RETURN_IF_ERROR(ValidateAttributeName(key));
                }
                store::Principal principal;
                principal.name = std::move(request.name);
                principal.kind = request.kind;
                principal.roles = std::move(request.roles);
                std::sort(principal.roles.begin(), principal.roles.end());
                principal.roles.erase(std::unique(principal.roles.begin(), principal.roles.end()),
                                      principal.roles.end());
                principal.attributes = std::move(request.attributes);
                principal.created_ms = NowMillis();
                SLUICE_RETURN_IF_ERROR(store_.CreatePrincipal(principal));
                details["kind"] = store::ToString(principal.kind);
                details["roles"] = principal.roles;
                return store_.GetPrincipal(principal.name);
              });
}

Result<std::vector<store::Principal>> Service::ListPrincipals(const Caller& caller) {
  return Door(caller, actions::kListPrincipals, {"Platform", platform_.name},
              [&](nlohmann::json& details) -> Result<std::vector<store::Principal>> {
                SLUICE_ASSIGN_OR_RETURN(auto principals, store_.ListPrincipals());
                details["count"] = principals.size();
                return principals;
              });
}

Result<store::Principal> Service::GetPrincipal(const Caller& caller, std::string_view name) {
  return Door(caller, actions::kReadPrincipal, {"Principal", std::string(name)},
              [&](nlohmann::json&) { return store_.GetPrincipal(name); });
}

Status Service::DeletePrincipal(const Caller& caller, std::string_view name) {
  return Door(caller, actions::kDeletePrincipal, {"Principal", std::string(name)},
              [&](nlohmann::json&) -> Status {
                SLUICE_ASSIGN_OR_RETURN(store::Principal target, store_.GetPrincipal(name));
                if (HasRole(target, "admin")) {
                  SLUICE_ASSIGN_OR_RETURN(auto all, store_.ListPrincipals());
                  auto admins = std::count_if(all.begin(), all.end(),
                                              [](const auto& p) { return HasRole(p, "admin"); });
                  if (admins <= 1) {
                    return FailedPrecondition("\"" + target.name +
                                              "\" is the last admin; create another admin first");
                  }
                }
                SLUICE_RETURN_IF_ERROR(store_.DeletePrincipal(name));
                credentials_.InvalidatePrincipal(name);
                return Status::Ok();
              });
}

Result<access::IssuedToken> Service::CreateToken(const Caller& caller, std::string_view principal,
                                                 std::optional<std::chrono::seconds> ttl) {
  return Door(caller, actions::kCreateToken, {"Principal", std::string(principal)},
              [&](nlohmann::json& details) -> Result<access::IssuedToken> {
                std::int64_t now = NowMillis();
                std::optional<std::int64_t> expires;
                if (ttl) expires = now + ttl->count() * 1000;
                SLUICE_ASSIGN_OR_RETURN(access::IssuedToken issued,
                                        access::IssueToken(std::string(principal), expires, now));
                SLUICE_RETURN_IF_ERROR(store_.CreateToken(issued.record));
                details["token_id"] = issued.record.id;
                if (expires) details["expires"] = FormatRfc3339Millis(*expires);
                return issued;
              });
}

Status Service::RevokeToken(const Caller& caller, std::string_view token_id) {
  return Door(caller, actions::kRevokeToken, {"Token", std::string(token_id)},
              [&](nlohmann::json&) -> Status {
                SLUICE_RETURN_IF_ERROR(store_.RevokeToken(token_id, NowMillis()));
                credentials_.InvalidateToken(token_id);
                return Status::Ok();
              });
}

}  // namespace sluice::service
