// EntityBuilder: turns an authz::Request into the Cedar request and the
// entities it needs, following policies/sluice.cedarschema:
//
//   principal  User::"name" or Service::"name" (attributes from the
//              principal record; members of Role::"r" for each role)
//   action     Action::"asset.read", ...
//   resource   Asset, Project, Environment, Session, ... (attributes from
//              the request's Facts)
//   context    mode, client_address, time, environment, source_environment,
//              session, approver flags
//   entities   the principal, the resource, the action (with its groups)
//              and every Environment of the platform (built once, in Make)
//
// Principal attributes read from the record: "clearances" and "exceptions"
// (sets), "contractor" (bool, or the strings "true"/"false"), "country".
// Missing ones default to empty / false / "".
//
// Thread-safety: immutable after Make; Build may run concurrently.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "authz/authorizer.h"
#include "platform/model.h"
#include "policy/entities.h"
#include "policy/request.h"

namespace sluice::authz {

class EntityBuilder {
 public:
  // `actions`: the schema's action entities (policy::Schema::ActionEntities),
  // whose parents are the action groups policies name (`action in
  // Action::"admin"`).
  static EntityBuilder Make(const platform::Platform& platform,
                            const std::vector<policy::Entity>& actions);

  // The Cedar request and its entities.
  void Build(const Request& request, policy::Request& cedar_request,
             std::vector<policy::Entity>& entities) const;

 private:
  std::vector<policy::Entity> environments_;
  // Action id -> its entity, parents closed transitively, so a request
  // needs only its own action's entity.
  std::unordered_map<std::string, policy::Entity> actions_;
};

}  // namespace sluice::authz
