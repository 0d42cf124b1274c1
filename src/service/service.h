// Service: Sluice's use cases, one function each, and the one door they all
// pass through: authorize (principal, action, resource, context), act, record.
//
// The HTTP layer only translates between HTTP and these functions; nothing
// else touches the store. A denied call is recorded and returns
// kPermissionDenied without acting. A call whose event cannot be recorded
// fails (kUnavailable) rather than answering unrecorded.
//
// Ownership: borrows the store, authorizer, recorder and platform, which
// must outlive it. Thread-safety: all functions may be called concurrently
// (the collaborators are thread-safe; the platform is immutable).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/authenticator.h"
#include "access/credential_cache.h"
#include "access/token.h"
#include "audit/recorder.h"
#include "authz/authorizer.h"
#include "common/status.h"
#include "platform/model.h"
#include "service/caller.h"
#include "store/metadata_store.h"

namespace sluice::service {

struct NewPrincipal {
  std::string name;
  store::PrincipalKind kind = store::PrincipalKind::kUser;
  std::vector<std::string> roles;
  std::map<std::string, store::AttributeValue> attributes;
};

class Service {
 public:
  Service(store::MetadataStore& store, const authz::Authorizer& authorizer,
          audit::Recorder& recorder, const platform::Platform& platform);

  // Resolves a bearer token to a Caller. Failures are recorded (a burst of
  // them is what alerts look for) and return kUnauthenticated.
  Result<Caller> Authenticate(std::string_view bearer_token, const CallMeta& meta);

  Result<store::Principal> WhoAmI(const Caller& caller);
  Result<std::vector<platform::Environment>> ListEnvironments(const Caller& caller);

  // Validates the name (lowercase, [a-z][a-z0-9._-]{0,62}), roles and
  // attribute names before anything is written.
  Result<store::Principal> CreatePrincipal(const Caller& caller, NewPrincipal request);
  Result<std::vector<store::Principal>> ListPrincipals(const Caller& caller);
  Result<store::Principal> GetPrincipal(const Caller& caller, std::string_view name);
  // Refuses (kFailedPrecondition) to delete the last admin, which would leave
  // nobody able to administer the platform.
  Status DeletePrincipal(const Caller& caller, std::string_view name);

  // Issues a token for `principal`; the plaintext is in the result only.
  Result<access::IssuedToken> CreateToken(const Caller& caller, std::string_view principal,
                                          std::optional<std::chrono::seconds> ttl);
  Status RevokeToken(const Caller& caller, std::string_view token_id);

 private:
  template <typename Act>
  auto Door(const Caller& caller, std::string_view action, authz::Resource resource,
            Act&& act) -> decltype(act(std::declval<nlohmann::json&>()));

  store::MetadataStore& store_;
  const authz::Authorizer& authorizer_;
  audit::Recorder& recorder_;
  const platform::Platform& platform_;
  // Changes below go through this process and invalidate at once; the TTL
  // bounds staleness only for changes made by another server process.
  access::CredentialCache credentials_{std::chrono::seconds(5), 100000};
  access::Authenticator authenticator_;
};

// Name rules shared by principals, roles and attribute keys.
Status ValidatePrincipalName(std::string_view name);
Status ValidateRoleName(std::string_view role);
Status ValidateAttributeName(std::string_view key);

}  // namespace sluice::service
