// The definition of Service::Door, the one door every use case passes
// through: authorize, act, record. A private header of the service
// component: only its .cc files include it (each defines use cases).
#pragma once

#include <utility>

#include "common/clock.h"
#include "service/service.h"

namespace sluice::service {

// The one door. `act` receives the event's details object to add facts to
// (bytes read, names created) and returns a Status or a Result.
template <typename Act>
auto Service::Door(const Caller& caller, std::string_view action, authz::Resource resource,
                   Act&& act, authz::Facts facts)
    -> decltype(act(std::declval<nlohmann::json&>())) {
  // An environment the platform does not have is bad input, answered before
  // any decision (policies would only see a missing entity and deny).
  if (!facts.environment.empty() && platform_.Find(facts.environment) == nullptr) {
    return NotFound("environment \"" + facts.environment + "\" is not on this platform");
  }
  if (!facts.source_environment.empty() && platform_.Find(facts.source_environment) == nullptr) {
    return NotFound("environment \"" + facts.source_environment + "\" is not on this platform");
  }
  const std::int64_t now = NowMillis();
  audit::Event event;
  event.time_ms = now;
  event.request_id = caller.meta.request_id;
  event.principal = caller.principal.name;
  event.principal_kind = std::string(store::ToString(caller.principal.kind));
  event.action = std::string(action);
  event.resource_type = resource.type;
  event.resource_id = resource.id;
  event.environment = facts.environment;
  event.client_address = caller.meta.client_address;
  event.user_agent = caller.meta.user_agent;
  DescribeForAudit(caller, facts, event);

  authz::Request request{caller.principal,
                         std::string(action),
                         std::move(resource),
                         std::move(facts),
                         caller.meta.client_address,
                         now,
                         caller.session ? &*caller.session : nullptr};
  authz::Decision decision = AuthorizeTimed(request);
  event.allowed = decision.allowed;
  event.determining_policies = std::move(decision.determining_policies);
  event.policy_errors = std::move(decision.errors);

  if (!decision.allowed) {
    event.outcome = std::string(StatusCodeName(StatusCode::kPermissionDenied));
    SLUICE_RETURN_IF_ERROR(recorder_.Record(event));
    return PermissionDenied(caller.principal.name + " may not " + std::string(action) + " " +
                            event.resource_type + " \"" + event.resource_id + "\"");
  }
  auto result = act(event.details);
  Status status = internal::AsStatus(result);
  event.outcome = std::string(StatusCodeName(status.code()));
  SLUICE_RETURN_IF_ERROR(recorder_.Record(event));
  return result;
}

}  // namespace sluice::service
