// FixedAuthorizer: the interim rule until Cedar policies decide (issue 6).
//
//   interim-admin-all:    a principal with role "admin" may do everything;
//   interim-self-service: any authenticated principal may call the actions
//                         in `kSelfServiceActions` (whoami, list environments);
//   everything else is denied by default.
//
// Stateless and thread-safe.
#pragma once

#include "authz/authorizer.h"

namespace sluice::authz {

class FixedAuthorizer final : public Authorizer {
 public:
  Decision Authorize(const Request& request) const override;
};

}  // namespace sluice::authz
