// Break-glass into an automation-only environment: a person asks with a
// reason, two other people approve, the requester opens a short session in
// which the break-glass policy lets them read and write. Opening it, and
// every action in it, raise alerts (alerts/default-alerts.yaml).
//
// The rules that make it safe are enforced here as well as by policy: two
// distinct approvers, neither the requester; a request opens at most one
// session; approvals go stale an hour after the request.
#include "common/crypto.h"
#include "service/actions.h"
#include "service/door.h"

namespace sluice::service {
namespace {

constexpr int kApprovalsNeeded = 2;
constexpr std::int64_t kRequestValidMs = 3'600'000;
constexpr auto kDefaultTtl = std::chrono::hours(1);
constexpr auto kMinTtl = std::chrono::minutes(5);
constexpr auto kMaxTtl = std::chrono::hours(4);

}  // namespace

Result<store::BreakGlassRecord> Service::RequestBreakGlass(
    const Caller& caller, std::string_view environment, std::string_view reason,
    std::optional<std::chrono::seconds> ttl) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  const platform::Environment* env = platform_.Find(environment);
  if (env == nullptr) {
    return NotFound("environment \"" + std::string(environment) + "\" is not on this platform");
  }
  if (env->mode != platform::Mode::kAutomation) {
    return InvalidArgument("break-glass is for automation-only environments; open a session in " +
                           std::string(environment) + " instead");
  }
  if (reason.size() < 10 || reason.size() > 1000) {
    return InvalidArgument("a break-glass reason is 10 to 1000 characters: say what is broken");
  }
  const std::chrono::seconds length = ttl.value_or(kDefaultTtl);
  if (length < kMinTtl || length > kMaxTtl) {
    return InvalidArgument("a break-glass session lasts from 5m to 4h");
  }
  return Door(
      caller, actions::kRequestBreakGlass, {"Environment", std::string(environment)},
      [&](nlohmann::json& details) -> Result<store::BreakGlassRecord> {
        SLUICE_ASSIGN_OR_RETURN(std::string id, RandomHex(16));
        store::BreakGlassRecord r;
        r.id = id;
        r.requester = caller.principal.name;
        r.environment = std::string(environment);
        r.reason = std::string(reason);
        r.ttl_s = length.count();
        r.created_ms = NowMillis();
        SLUICE_RETURN_IF_ERROR(control->CreateBreakGlass(r));
        details["request"] = r.id;
        details["reason"] = r.reason;
        return r;
      },
      EnvironmentFacts(environment));
}

Result<store::BreakGlassRecord> Service::ApproveBreakGlass(const Caller& caller,
                                                           std::string_view id,
                                                           std::string_view comment) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  SLUICE_ASSIGN_OR_RETURN(store::BreakGlassRecord r, control->GetBreakGlass(id));
  authz::Facts facts = EnvironmentFacts(r.environment);
  facts.owner = r.requester;
  facts.approver_is_requester = r.requester == caller.principal.name;
  return Door(
      caller, actions::kApproveBreakGlass, {"BreakGlass", r.id},
      [&](nlohmann::json& details) -> Result<store::BreakGlassRecord> {
        details["request"] = r.id;
        details["requester"] = r.requester;
        if (r.requester == caller.principal.name) {
          return PermissionDenied("the requester of a break-glass may not approve it");
        }
        if (!r.session_id.empty()) return FailedPrecondition("this request was already used");
        if (NowMillis() - r.created_ms > kRequestValidMs) {
          return FailedPrecondition("this request is older than an hour; ask again");
        }
        SLUICE_RETURN_IF_ERROR(control->AddBreakGlassApproval(
            r.id, {caller.principal.name, NowMillis(), std::string(comment)}));
        SLUICE_ASSIGN_OR_RETURN(store::BreakGlassRecord now, control->GetBreakGlass(r.id));
        details["approvals"] = now.approvals.size();
        return now;
      },
      std::move(facts));
}

Result<OpenedSession> Service::OpenBreakGlass(const Caller& caller, std::string_view id) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  SLUICE_ASSIGN_OR_RETURN(store::BreakGlassRecord r, control->GetBreakGlass(id));
  return Door(
      caller, actions::kOpenBreakGlass, {"Environment", r.environment},
      [&](nlohmann::json& details) -> Result<OpenedSession> {
        details["request"] = r.id;
        details["reason"] = r.reason;
        if (r.requester != caller.principal.name) {
          return PermissionDenied("only the requester opens a break-glass session");
        }
        int independent = 0;
        for (const auto& a : r.approvals) independent += a.approver != r.requester;
        details["approvals"] = independent;
        if (independent < kApprovalsNeeded) {
          return FailedPrecondition("break-glass needs " + std::to_string(kApprovalsNeeded) +
                                    " approvals by people other than the requester; it has " +
                                    std::to_string(independent));
        }
        if (NowMillis() - r.created_ms > kRequestValidMs) {
          return FailedPrecondition("this request is older than an hour; ask again");
        }
        SLUICE_ASSIGN_OR_RETURN(std::string session_id, RandomHex(16));
        SLUICE_ASSIGN_OR_RETURN(std::string secret, RandomHex(32));
        SLUICE_RETURN_IF_ERROR(control->MarkBreakGlassOpened(r.id, session_id));
        store::SessionRecord s;
        s.id = session_id;
        s.secret_hash = Sha256Hex(secret);
        s.principal = caller.principal.name;
        s.environment = r.environment;
        s.purpose = "break-glass: " + r.reason;
        s.created_ms = NowMillis();
        s.expires_ms = s.created_ms + r.ttl_s * 1000;
        s.break_glass = true;
        SLUICE_RETURN_IF_ERROR(control->CreateSession(s));
        details["session"] = s.id;
        details["expires"] = FormatRfc3339Millis(s.expires_ms);
        return OpenedSession{std::move(s), session_id + "." + secret};
      },
      EnvironmentFacts(r.environment));
}

Result<std::vector<store::BreakGlassRecord>> Service::ListBreakGlass(const Caller& caller) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  return Door(caller, actions::kListBreakGlass, {"Platform", platform_.name},
              [&](nlohmann::json&) { return control->ListBreakGlass(); });
}

}  // namespace sluice::service
