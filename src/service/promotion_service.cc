// Promotion up the ladder (issue 7): a bundle of versions moves one rung,
// Discovery -> Integration -> Production, only through approvals bound to
// its content and a run by automation. The rules are enforced here as well
// as by policy (policies/50-promotion.cedar): the ladder step exists, the
// lineage gate, approvers who are neither the requester nor an author, and
// a service as the runner.
#include <algorithm>
#include <set>

#include "common/crypto.h"
#include "service/actions.h"
#include "service/door.h"

namespace sluice::service {
namespace {

constexpr std::string_view kAwaiting = "awaiting-approval";
constexpr std::string_view kApproved = "approved";

// The position of an environment on the ladder (lowest first).
int Rung(const platform::Platform& p, std::string_view env) {
  for (std::size_t i = 0; i < p.environments.size(); ++i) {
    if (p.environments[i].name == env) return static_cast<int>(i);
  }
  return -1;
}

std::string ContentHash(std::string_view to, const std::vector<std::string>& versions) {
  std::string text = "sluice-promotion-v1\n" + std::string(to) + "\n";
  for (const auto& v : versions) text += v + "\n";
  return Sha256Hex(text);
}

// Approvals of the current content by people other than the requester.
int CurrentApprovals(const store::PromotionRecord& p) {
  std::set<std::string> approvers;
  for (const auto& d : p.decisions) {
    if (d.approve && d.content_hash == p.content_hash && d.approver != p.requester) {
      approvers.insert(d.approver);
    }
  }
  return static_cast<int>(approvers.size());
}

}  // namespace

int Service::ApprovalsNeeded(std::string_view to) const {
  const platform::Environment* env = platform_.Find(to);
  bool leaves = false;
  for (const auto& step : platform_.promotions) {
    leaves |= step.from == to && step.kind == platform::PromotionKind::kData;
  }
  const bool final_prod = env != nullptr && env->data == platform::DataClass::kProduction &&
                          env->mode == platform::Mode::kAutomation && !leaves;
  return final_prod ? 2 : 1;
}

Result<store::PromotionRecord> Service::RequestPromotion(const Caller& caller,
                                                         const std::vector<std::string>& refs,
                                                         std::string_view to,
                                                         std::string_view justification) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no promotions");
  if (refs.empty()) return InvalidArgument("a promotion needs at least one version");
  if (justification.size() < 10 || justification.size() > 2000) {
    return InvalidArgument("a promotion's justification is 10 to 2000 characters");
  }
  std::vector<store::VersionRecord> bundle;
  for (const auto& text : refs) {
    SLUICE_ASSIGN_OR_RETURN(catalog::Ref ref, catalog::ParseRef(text));
    SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->Resolve(ref));
    bundle.push_back(std::move(v));
  }
  const std::string from = bundle.front().environment;
  for (const auto& v : bundle) {
    if (v.environment != from) {
      return InvalidArgument("a bundle's versions all come from one environment; " + v.id +
                             " is in " + v.environment + ", not " + from);
    }
  }
  bool step = false;
  for (const auto& s : platform_.promotions) {
    if (s.from == from && s.kind == platform::PromotionKind::kData &&
        std::find(s.to.begin(), s.to.end(), to) != s.to.end()) {
      step = true;
    }
  }
  if (!step) {
    return InvalidArgument("the ladder has no data promotion step from " + from + " to " +
                           std::string(to) + ": promotions go one rung at a time");
  }
  // The lineage gate: every input of every version is in the target
  // environment or above, or in the bundle itself. A copy's source (its
  // promotion provenance, `copy_of`) is not a data input: the rung that
  // copied it checked the source's inputs then.
  std::set<std::string> ids;
  for (const auto& v : bundle) ids.insert(v.id);
  const int target_rung = Rung(platform_, to);
  for (const auto& v : bundle) {
    if (v.expires_ms) {
      return FailedPrecondition("lineage gate: version " + v.id.substr(0, 12) +
                                " is a scratch copy that expires; promote the version it was "
                                "copied from, or push the work as a version of its own");
    }
    for (const auto& input_id : v.inputs) {
      if (ids.contains(input_id) || input_id == v.copy_of) continue;
      Result<store::VersionRecord> input = c->GetVersion(input_id);
      if (!input.ok() || Rung(platform_, input->environment) < target_rung) {
        return FailedPrecondition(
            "lineage gate: version " + v.id.substr(0, 12) + " depends on " +
            input_id.substr(0, 12) +
            (input.ok() ? " in " + input->environment : std::string(" (gone)")) +
            ", which is neither in " + std::string(to) + " or above nor in the bundle");
      }
    }
  }
  std::vector<std::string> versions(ids.begin(), ids.end());
  return Door(
      caller, actions::kRequestPromotion, {"Environment", std::string(to)},
      [&](nlohmann::json& details) -> Result<store::PromotionRecord> {
        SLUICE_ASSIGN_OR_RETURN(std::string id, RandomHex(12));
        store::PromotionRecord p;
        p.id = id;
        p.from = from;
        p.to = std::string(to);
        p.versions = versions;
        p.content_hash = ContentHash(to, versions);
        p.justification = std::string(justification);
        p.requester = caller.principal.name;
        p.state = std::string(kAwaiting);
        p.created_ms = NowMillis();
        p.updated_ms = p.created_ms;
        SLUICE_RETURN_IF_ERROR(controls_.promotions->CreatePromotion(p));
        details["promotion"] = p.id;
        details["from"] = p.from;
        details["versions"] = p.versions;
        details["content_hash"] = p.content_hash;
        return p;
      },
      EnvironmentFacts(to));
}

Result<store::PromotionRecord> Service::DecidePromotion(const Caller& caller, std::string_view id,
                                                        bool approve, std::string_view comment) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no promotions");
  SLUICE_ASSIGN_OR_RETURN(store::PromotionRecord p, controls_.promotions->GetPromotion(id));
  bool author = false;
  for (const auto& v : p.versions) {
    Result<store::VersionRecord> version = c->GetVersion(v);
    author |= version.ok() && version->author == caller.principal.name;
  }
  authz::Facts facts = EnvironmentFacts(p.to);
  facts.owner = p.requester;
  facts.approver_is_author = author;
  facts.approver_is_requester = p.requester == caller.principal.name;
  return Door(
      caller, actions::kApprovePromotion, {"Promotion", p.id},
      [&](nlohmann::json& details) -> Result<store::PromotionRecord> {
        details["promotion"] = p.id;
        details["decision"] = approve ? "approve" : "reject";
        details["content_hash"] = p.content_hash;
        if (author || p.requester == caller.principal.name) {
          return PermissionDenied("approvers are never the requester or an author of the bundle");
        }
        if (p.state != kAwaiting && p.state != kApproved) {
          return FailedPrecondition("promotion " + p.id + " is " + p.state);
        }
        const std::int64_t now = NowMillis();
        SLUICE_RETURN_IF_ERROR(controls_.promotions->AddPromotionDecision(
            p.id, {caller.principal.name, p.content_hash, approve, std::string(comment), now}));
        SLUICE_ASSIGN_OR_RETURN(p, controls_.promotions->GetPromotion(p.id));
        if (!approve) {
          SLUICE_RETURN_IF_ERROR(controls_.promotions->SetPromotionState(
              p.id, p.state, "rejected", {}, "rejected by " + caller.principal.name, now));
        } else if (p.state == kAwaiting && CurrentApprovals(p) >= ApprovalsNeeded(p.to)) {
          SLUICE_RETURN_IF_ERROR(
              controls_.promotions->SetPromotionState(p.id, kAwaiting, kApproved, {}, "", now));
        }
        return controls_.promotions->GetPromotion(p.id);
      },
      std::move(facts));
}

Result<store::PromotionRecord> Service::RunPromotion(const Caller& caller, std::string_view id) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no promotions");
  SLUICE_ASSIGN_OR_RETURN(store::PromotionRecord p, controls_.promotions->GetPromotion(id));
  authz::Facts facts = EnvironmentFacts(p.to);
  facts.source_environment = p.from;
  return Door(
      caller, actions::kRunPromotion, {"Environment", p.to},
      [&](nlohmann::json& details) -> Result<store::PromotionRecord> {
        details["promotion"] = p.id;
        // Automation only, whatever the policies say: a person's token (an
        // admin's too) never materialises versions up the ladder.
        if (caller.principal.kind != store::PrincipalKind::kService) {
          return PermissionDenied("promotions are run by automation (a service token), not by " +
                                  caller.principal.name);
        }
        if (p.state != kApproved) return FailedPrecondition("promotion " + p.id + " is " + p.state);
        const int approvals = CurrentApprovals(p);
        if (approvals < ApprovalsNeeded(p.to)) {
          return FailedPrecondition("promotion " + p.id + " has " + std::to_string(approvals) +
                                    " approvals of its current content; it needs " +
                                    std::to_string(ApprovalsNeeded(p.to)));
        }
        std::vector<std::string> promoted;
        const std::int64_t now = NowMillis();
        for (const auto& source_id : p.versions) {
          SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->GetVersion(source_id));
          // The target project appears with the first promotion into it.
          Result<store::ProjectRecord> project =
              c->CreateProject(p.to, v.project, caller.principal.name, 0, now);
          if (!project.ok() && project.status().code() != StatusCode::kAlreadyExists) {
            return project.status();
          }
          catalog::Ref source;
          source.address = {v.environment, v.project, v.asset};
          source.form = catalog::Ref::Form::kIdPrefix;
          source.selector = v.id;
          Result<catalog::CopyResult> copied =
              c->Copy(source, {p.to, v.project, v.asset}, std::nullopt, caller.principal.name, now,
                      catalog::Catalog::CopyPurpose::kPromotion);
          if (!copied.ok()) {
            controls_.promotions
                ->SetPromotionState(p.id, kApproved, "failed", promoted, copied.status().message(),
                                    NowMillis())
                .IgnoreError();
            return copied.status();
          }
          promoted.push_back(copied->version.id);
        }
        SLUICE_RETURN_IF_ERROR(controls_.promotions->SetPromotionState(p.id, kApproved, "promoted",
                                                                       promoted, "", NowMillis()));
        details["promoted"] = promoted;
        return controls_.promotions->GetPromotion(p.id);
      },
      std::move(facts));
}

Result<store::PromotionRecord> Service::CancelPromotion(const Caller& caller, std::string_view id) {
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no promotions");
  SLUICE_ASSIGN_OR_RETURN(store::PromotionRecord p, controls_.promotions->GetPromotion(id));
  authz::Facts facts = EnvironmentFacts(p.to);
  facts.owner = p.requester;
  return Door(
      caller, actions::kCancelPromotion, {"Promotion", p.id},
      [&](nlohmann::json& details) -> Result<store::PromotionRecord> {
        details["promotion"] = p.id;
        if (p.state != kAwaiting && p.state != kApproved) {
          return FailedPrecondition("promotion " + p.id + " is " + p.state);
        }
        SLUICE_RETURN_IF_ERROR(controls_.promotions->SetPromotionState(
            p.id, p.state, "cancelled", {}, "cancelled by " + caller.principal.name, NowMillis()));
        return controls_.promotions->GetPromotion(p.id);
      },
      std::move(facts));
}

Result<store::PromotionRecord> Service::GetPromotion(const Caller& caller, std::string_view id) {
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no promotions");
  SLUICE_ASSIGN_OR_RETURN(store::PromotionRecord p, controls_.promotions->GetPromotion(id));
  authz::Facts facts = EnvironmentFacts(p.to);
  facts.owner = p.requester;
  return Door(
      caller, actions::kReadPromotion, {"Promotion", p.id},
      [&](nlohmann::json&) -> Result<store::PromotionRecord> { return p; }, std::move(facts));
}

Result<std::vector<store::PromotionRecord>> Service::ListPromotions(const Caller& caller) {
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no promotions");
  return Door(caller, actions::kReadPromotion, {"Platform", platform_.name},
              [&](nlohmann::json&) { return controls_.promotions->ListPromotions(200); });
}

}  // namespace sluice::service
