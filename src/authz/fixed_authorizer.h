// FixedAuthorizer: the interim rule until Cedar policies decide (issue 6).
// Each rule is named like a policy id, and the decision carries it:
//
//   interim-admin-all:      role "admin" may do everything;
//   interim-self-service:   anyone may call whoami and list environments;
//   interim-automation:     a service principal may use the catalog (list,
//                           read, write, copy, alias, create projects)
//                           anywhere: promotions and pipelines run as services;
//   interim-data-read:      roles data-scientist, data-engineer, ml-engineer
//                           may list and read the catalog in any environment;
//   interim-data-write:     those roles may write, copy into, alias and create
//                           projects only in interactive environments
//                           (context "environment_mode" = "interactive");
//   interim-auditor:        role "auditor" may audit.read (query, proofs,
//                           checkpoints, verify);
//   interim-system-retention: the server's own retention sweeper (service
//                           "system", role "system") may storage.sweep;
//   everything else (purge, gc, fsck, sweep, quotas, principals, tokens) is
//   denied by default: admin only.
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
