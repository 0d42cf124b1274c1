// Caller: who is calling a use case and from where. Built by the HTTP layer
// (after authentication) and carried into the authorizer and every audit
// event the call writes.
#pragma once

#include <optional>
#include <string>

#include "authz/authorizer.h"
#include "store/records.h"

namespace sluice::service {

// Facts about the transport, known before authentication.
struct CallMeta {
  std::string request_id;
  std::string client_address;
  std::string user_agent;
};

struct Caller {
  store::Principal principal;
  CallMeta meta;
  // The just-in-time session the call is made in (Sluice-Session header).
  std::optional<authz::SessionFacts> session;
};

}  // namespace sluice::service
