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
                   Act&& act, std::map<std::string, std::string> context)
    -> decltype(act(std::declval<nlohmann::json&>())) {
  context["client_address"] = caller.meta.client_address;
  authz::Request request{caller.principal, std::string(action), resource, std::move(context)};
  authz::Decision decision = authorizer_.Authorize(request);

  audit::Event event;
  event.time_ms = NowMillis();
  event.request_id = caller.meta.request_id;
  event.principal = caller.principal.name;
  event.principal_kind = std::string(store::ToString(caller.principal.kind));
  event.action = std::string(action);
  event.resource_type = std::move(resource.type);
  event.resource_id = std::move(resource.id);
  if (auto env = request.context.find("environment"); env != request.context.end()) {
    event.environment = env->second;
  }
  event.allowed = decision.allowed;
  event.determining_policies = std::move(decision.determining_policies);
  event.policy_errors = std::move(decision.errors);
  event.client_address = caller.meta.client_address;
  event.user_agent = caller.meta.user_agent;

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
