// Just-in-time sessions: a principal declares why and where it works, for a
// bounded time; policies require one for interactive work, and every event
// made in a session carries its id and purpose.
#include "common/crypto.h"
#include "common/duration.h"
#include "service/actions.h"
#include "service/door.h"

namespace sluice::service {
namespace {

constexpr auto kDefaultSessionTtl = std::chrono::hours(4);
constexpr auto kMinSessionTtl = std::chrono::seconds(1);
constexpr auto kMaxSessionTtl = std::chrono::hours(12);
constexpr std::string_view kInvalidSession = "invalid, expired or closed session";

authz::SessionFacts FactsOf(const store::SessionRecord& s) {
  return {s.id, s.purpose, s.environment, s.break_glass, s.expires_ms};
}

}  // namespace

Result<store::ControlStore*> Service::RequireControls() const {
  if (controls_.store == nullptr) {
    return FailedPrecondition("this server keeps no sessions or policy versions");
  }
  return controls_.store;
}

Result<authz::SessionFacts> Service::ResolveSession(const store::Principal& principal,
                                                    std::string_view token) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 64) {
    return Unauthenticated(std::string(kInvalidSession));
  }
  Result<store::SessionRecord> s = control->GetSession(token.substr(0, dot));
  if (!s.ok()) {
    if (s.status().code() == StatusCode::kNotFound) {
      return Unauthenticated(std::string(kInvalidSession));
    }
    return s.status();
  }
  const bool secret_ok = ConstantTimeEquals(Sha256Hex(token.substr(dot + 1)), s->secret_hash);
  if (!secret_ok || s->principal != principal.name) {
    return Unauthenticated(std::string(kInvalidSession));
  }
  // Expiry is enforced here on every request, and again by policy
  // (session-expired) for a session that ends while a request is in flight.
  if (!s->open_at(NowMillis())) {
    return Unauthenticated("session " + s->id + " has expired or was closed; open a new one");
  }
  return FactsOf(*s);
}

Result<OpenedSession> Service::OpenSession(const Caller& caller, std::string_view environment,
                                           std::string_view purpose,
                                           std::optional<std::chrono::seconds> ttl) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  if (platform_.Find(environment) == nullptr) {
    return NotFound("environment \"" + std::string(environment) + "\" is not on this platform");
  }
  if (purpose.size() < 3 || purpose.size() > 500) {
    return InvalidArgument("a session's purpose is 3 to 500 characters: say why you need access");
  }
  const std::chrono::seconds length = ttl.value_or(kDefaultSessionTtl);
  if (length < kMinSessionTtl || length > kMaxSessionTtl) {
    return InvalidArgument("a session lasts from 1s to 12h");
  }
  return Door(
      caller, actions::kOpenSession, {"Environment", std::string(environment)},
      [&](nlohmann::json& details) -> Result<OpenedSession> {
        SLUICE_ASSIGN_OR_RETURN(std::string id, RandomHex(16));
        SLUICE_ASSIGN_OR_RETURN(std::string secret, RandomHex(32));
        store::SessionRecord s;
        s.id = id;
        s.secret_hash = Sha256Hex(secret);
        s.principal = caller.principal.name;
        s.environment = std::string(environment);
        s.purpose = std::string(purpose);
        s.created_ms = NowMillis();
        s.expires_ms = s.created_ms + std::chrono::milliseconds(length).count();
        SLUICE_RETURN_IF_ERROR(control->CreateSession(s));
        details["session"] = s.id;
        details["purpose"] = s.purpose;
        details["expires"] = FormatRfc3339Millis(s.expires_ms);
        return OpenedSession{std::move(s), id + "." + secret};
      },
      EnvironmentFacts(environment));
}

Result<std::vector<store::SessionRecord>> Service::ListSessions(const Caller& caller, bool everyone,
                                                                bool include_ended) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  authz::Facts facts;
  facts.owner = everyone ? "" : caller.principal.name;
  return Door(
      caller, actions::kListSessions,
      everyone ? authz::Resource{"Platform", platform_.name}
               : authz::Resource{"Session", caller.principal.name + "/*"},
      [&](nlohmann::json& details) -> Result<std::vector<store::SessionRecord>> {
        SLUICE_ASSIGN_OR_RETURN(auto sessions,
                                control->ListSessions(everyone ? "" : caller.principal.name,
                                                      include_ended, NowMillis()));
        details["sessions"] = sessions.size();
        return sessions;
      },
      std::move(facts));
}

Status Service::CloseSession(const Caller& caller, std::string_view id) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  // The owner decides who may close it, so it is read before the door; an
  // unknown id is not found for everyone (ids are 128-bit random).
  SLUICE_ASSIGN_OR_RETURN(store::SessionRecord s, control->GetSession(id));
  authz::Facts facts = EnvironmentFacts(s.environment);
  facts.owner = s.principal;
  return Door(
      caller, actions::kCloseSession, {"Session", s.id},
      [&](nlohmann::json& details) {
        details["owner"] = s.principal;
        return control->CloseSession(s.id, NowMillis());
      },
      std::move(facts));
}

}  // namespace sluice::service
