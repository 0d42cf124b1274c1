// Promotion up the ladder (issue 7): a bundle of versions moves one rung,
// Discovery -> Integration -> Production, only through its gates, approvals
// bound to its content and a run by automation. The rules are enforced here
// as well as by policy (policies/50-promotion.cedar): the ladder step
// exists, the lineage gate, approvers who are neither the requester nor an
// author (and hold a role the target's rules name), a service as the runner.
//
// This file: requests, amendments, rollbacks, decisions and reads. The
// gates are in promotion_gates.cc, the run in promotion_run.cc.
#include <algorithm>
#include <set>

#include "common/crypto.h"
#include "service/actions.h"
#include "service/door.h"
#include "service/promotion_internal.h"

namespace sluice::service {
namespace {

using promotion::kApproved;
using promotion::kAwaiting;

// The position of an environment on the ladder (lowest first).
int Rung(const platform::Platform& p, std::string_view env) {
  std::optional<size_t> index = p.LadderIndex(env);
  return index ? static_cast<int>(*index) : -1;
}

Status ValidateAliases(const std::vector<std::string>& aliases) {
  if (aliases.size() > 8) return InvalidArgument("a promotion moves at most 8 aliases");
  for (const auto& a : aliases) {
    const bool ok = !a.empty() && a.size() <= 64 &&
                    std::islower(static_cast<unsigned char>(a[0])) &&
                    std::all_of(a.begin(), a.end(), [](char ch) {
                      return std::islower(static_cast<unsigned char>(ch)) ||
                             std::isdigit(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
                    });
    if (!ok) return InvalidArgument("alias \"" + a + "\" is not [a-z][a-z0-9_-]{0,63}");
  }
  return Status::Ok();
}

}  // namespace

namespace promotion {

std::string ContentHash(const store::PromotionRecord& p) {
  std::string text = "sluice-promotion-v2\nkind " + p.kind + "\nto " + p.to + "\nrollback " +
                     (p.rollback ? "1" : "0") + "\n";
  for (const auto& v : p.versions) text += "version " + v + "\n";
  for (const auto& a : p.aliases) text += "alias " + a + "\n";
  return Sha256Hex(text);
}

std::string VersionRef(const store::VersionRecord& v) {
  return v.environment + "/" + v.project + "/" + v.asset + "@" + v.id;
}

int CurrentApprovals(const store::PromotionRecord& p) {
  std::set<std::string> approvers;
  for (const auto& d : p.decisions) {
    if (d.approve && d.content_hash == p.content_hash && d.approver != p.requester) {
      approvers.insert(d.approver);
    }
  }
  return static_cast<int>(approvers.size());
}

}  // namespace promotion

int Service::ApprovalsNeeded(std::string_view to) const {
  const platform::Environment* env = platform_.Find(to);
  return env == nullptr ? 1 : std::max(1, env->gates.approvals);
}

Result<std::vector<store::VersionRecord>> Service::ResolveBundle(
    const std::vector<std::string>& refs, std::string_view kind, std::string_view to) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (refs.empty()) return InvalidArgument("a promotion needs at least one version");
  if (refs.size() > 64) return InvalidArgument("a promotion bundles at most 64 versions");
  std::vector<store::VersionRecord> bundle;
  std::set<std::string> seen;
  for (const auto& text : refs) {
    SLUICE_ASSIGN_OR_RETURN(catalog::Ref ref, catalog::ParseRef(text));
    SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->Resolve(ref));
    if (seen.insert(v.id).second) bundle.push_back(std::move(v));
  }
  const std::string from = bundle.front().environment;
  for (const auto& v : bundle) {
    if (v.environment != from) {
      return InvalidArgument("a bundle's versions all come from one environment; " + v.id +
                             " is in " + v.environment + ", not " + from);
    }
  }
  const platform::PromotionKind step_kind =
      kind == "release" ? platform::PromotionKind::kInfra : platform::PromotionKind::kData;
  bool step = false;
  for (const auto& s : platform_.promotions) {
    step |= s.from == from && s.kind == step_kind && s.to.size() == 1 && s.to.front() == to;
  }
  if (!step) {
    return InvalidArgument("the ladder has no " + std::string(platform::ToString(step_kind)) +
                           " promotion step from " + from + " to " + std::string(to) +
                           ": promotions go one rung at a time");
  }
  // The lineage gate: every input of every version is in the target
  // environment or above, or in the bundle itself. A copy's source (its
  // promotion provenance, `copy_of`) is not a data input: the rung that
  // copied it checked the source's inputs then.
  const int target_rung = Rung(platform_, to);
  for (const auto& v : bundle) {
    if (v.expires_ms) {
      return FailedPrecondition("lineage gate: version " + v.id.substr(0, 12) +
                                " is a scratch copy that expires; promote the version it was "
                                "copied from, or push the work as a version of its own");
    }
    for (const auto& input_id : v.inputs) {
      if (seen.contains(input_id) || input_id == v.copy_of) continue;
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
  std::sort(bundle.begin(), bundle.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return bundle;
}

Result<store::PromotionRecord> Service::RequestPromotion(const Caller& caller,
                                                         const PromotionAsk& ask) {
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no promotions");
  if (ask.justification.size() < 10 || ask.justification.size() > 2000) {
    return InvalidArgument("a promotion's justification is 10 to 2000 characters");
  }
  SLUICE_RETURN_IF_ERROR(ValidateAliases(ask.aliases));
  if (!ask.aliases.empty() && ask.kind == "release") {
    return InvalidArgument("a release's components take no aliases");
  }
  SLUICE_ASSIGN_OR_RETURN(std::vector<store::VersionRecord> bundle,
                          ResolveBundle(ask.refs, ask.kind, ask.to));
  authz::Facts facts = EnvironmentFacts(ask.to);
  facts.source_environment = bundle.front().environment;
  return Door(
      caller, actions::kRequestPromotion, {"Environment", ask.to},
      [&](nlohmann::json& details) -> Result<store::PromotionRecord> {
        SLUICE_ASSIGN_OR_RETURN(std::string id, RandomHex(12));
        store::PromotionRecord p;
        p.id = id;
        p.kind = ask.kind;
        p.release = ask.release;
        p.from = bundle.front().environment;
        p.to = ask.to;
        for (const auto& v : bundle) p.versions.push_back(v.id);
        p.aliases = ask.aliases;
        std::sort(p.aliases.begin(), p.aliases.end());
        p.aliases.erase(std::unique(p.aliases.begin(), p.aliases.end()), p.aliases.end());
        p.rollback = ask.rollback;
        p.content_hash = promotion::ContentHash(p);
        p.justification = ask.justification;
        p.requester = caller.principal.name;
        p.state = std::string(promotion::kChecking);
        p.created_ms = NowMillis();
        p.updated_ms = p.created_ms;
        SLUICE_RETURN_IF_ERROR(controls_.promotions->CreatePromotion(p));
        details["promotion"] = p.id;
        details["from"] = p.from;
        details["versions"] = p.versions;
        details["aliases"] = p.aliases;
        details["rollback"] = p.rollback;
        details["content_hash"] = p.content_hash;
        return CheckAndStore(p, bundle, promotion::kChecking, details);
      },
      std::move(facts));
}

Result<store::PromotionRecord> Service::AmendPromotion(const Caller& caller, std::string_view id,
                                                       const std::vector<std::string>& refs) {
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no promotions");
  SLUICE_ASSIGN_OR_RETURN(store::PromotionRecord p, controls_.promotions->GetPromotion(id));
  SLUICE_ASSIGN_OR_RETURN(std::vector<store::VersionRecord> bundle,
                          ResolveBundle(refs, p.kind, p.to));
  authz::Facts facts = EnvironmentFacts(p.to);
  facts.source_environment = bundle.front().environment;
  facts.owner = p.requester;
  return Door(
      caller, actions::kRequestPromotion, {"Environment", p.to},
      [&](nlohmann::json& details) -> Result<store::PromotionRecord> {
        details["promotion"] = p.id;
        details["amended"] = true;
        if (caller.principal.name != p.requester) {
          return PermissionDenied("only the requester (" + p.requester + ") amends promotion " +
                                  p.id + "; request a promotion of your own");
        }
        if (p.state != kAwaiting && p.state != kApproved && p.state != promotion::kFailed) {
          return FailedPrecondition("promotion " + p.id + " is " + p.state +
                                    "; only a pending or failed promotion is amended");
        }
        if (bundle.front().environment != p.from) {
          return InvalidArgument("an amended bundle still comes from " + p.from);
        }
        const std::string previous_state = p.state;
        p.versions.clear();
        for (const auto& v : bundle) p.versions.push_back(v.id);
        const std::string old_hash = p.content_hash;
        p.content_hash = promotion::ContentHash(p);
        p.promoted.clear();
        p.message.clear();
        details["versions"] = p.versions;
        details["content_hash"] = p.content_hash;
        details["stale_approvals"] = old_hash != p.content_hash;
        return CheckAndStore(p, bundle, previous_state, details);
      },
      std::move(facts));
}

Result<store::PromotionRecord> Service::RequestRollback(const Caller& caller,
                                                        std::string_view target_asset,
                                                        std::string_view alias,
                                                        std::string_view justification) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no promotions");
  SLUICE_ASSIGN_OR_RETURN(catalog::AssetAddress address, catalog::ParseAddress(target_asset));
  SLUICE_RETURN_IF_ERROR(c->FindEnvironment(address.environment).status());
  // The promotions that put a version of this asset into the target, newest
  // first: the newest is what the target holds; the one before is what a
  // rollback brings back, through the same path (its source versions, one
  // rung below, promoted again).
  SLUICE_ASSIGN_OR_RETURN(std::vector<store::PromotionRecord> all,
                          controls_.promotions->ListPromotions(1000));
  std::vector<const store::PromotionRecord*> into;
  for (const auto& p : all) {
    if (p.state != "promoted" || p.to != address.environment || p.kind != "data") continue;
    for (const auto& id : p.promoted) {
      Result<store::VersionRecord> v = c->GetVersion(id);
      if (v.ok() && v->project == address.project && v->asset == address.asset) {
        into.push_back(&p);
        break;
      }
    }
  }
  if (into.size() < 2) {
    return FailedPrecondition(address.ToString() +
                              " has had fewer than two promotions: there is nothing earlier to "
                              "roll back to");
  }
  // The newest earlier promotion whose content differs from the current one.
  const store::PromotionRecord* previous = nullptr;
  for (std::size_t i = 1; i < into.size() && previous == nullptr; ++i) {
    if (into[i]->versions != into[0]->versions) previous = into[i];
  }
  if (previous == nullptr) {
    return FailedPrecondition("every earlier promotion into " + address.ToString() +
                              " carried the same versions as the current one");
  }
  PromotionAsk ask;
  for (const auto& id : previous->versions) {
    SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->GetVersion(id));
    ask.refs.push_back(promotion::VersionRef(v));
  }
  ask.to = address.environment;
  ask.justification = std::string(justification);
  if (!alias.empty()) ask.aliases = {std::string(alias)};
  ask.rollback = true;
  return RequestPromotion(caller, ask);
}

Result<store::PromotionRecord> Service::DecidePromotion(const Caller& caller, std::string_view id,
                                                        bool approve, std::string_view comment) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no promotions");
  if (comment.size() > 2000) return InvalidArgument("a comment is at most 2000 characters");
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
        SLUICE_RETURN_IF_ERROR(CheckApproverRole(caller, p.to, "promotions into"));
        if (p.state != kAwaiting && p.state != kApproved) {
          return FailedPrecondition("promotion " + p.id + " is " + p.state);
        }
        const std::int64_t now = NowMillis();
        SLUICE_RETURN_IF_ERROR(controls_.promotions->AddPromotionDecision(
            p.id, {caller.principal.name, p.content_hash, approve, std::string(comment), now}));
        SLUICE_ASSIGN_OR_RETURN(p, controls_.promotions->GetPromotion(p.id));
        const std::string was = p.state;
        if (!approve) {
          p.state = "rejected";
          p.message = "rejected by " + caller.principal.name;
        } else if (p.state == kAwaiting &&
                   promotion::CurrentApprovals(p) >= ApprovalsNeeded(p.to)) {
          p.state = std::string(kApproved);
        }
        if (p.state != was) {
          p.updated_ms = now;
          SLUICE_RETURN_IF_ERROR(controls_.promotions->UpdatePromotion(p, was));
        }
        details["state"] = p.state;
        details["approvals"] = promotion::CurrentApprovals(p);
        details["approvals_needed"] = ApprovalsNeeded(p.to);
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
        if (p.state != kAwaiting && p.state != kApproved && p.state != promotion::kFailed) {
          return FailedPrecondition("promotion " + p.id + " is " + p.state);
        }
        const std::string was = p.state;
        p.state = "cancelled";
        p.message = "cancelled by " + caller.principal.name;
        p.updated_ms = NowMillis();
        SLUICE_RETURN_IF_ERROR(controls_.promotions->UpdatePromotion(p, was));
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
