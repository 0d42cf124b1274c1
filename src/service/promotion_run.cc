// Running an approved promotion (issue 7): automation materialises the
// bundle into the target (chunks copied across storage domains, verified
// on the way out and in), moves the aliases the promotion names, and signs
// an attestation of what passed which gates with whose approvals.
#include "attest/envelope.h"
#include "attest/statement.h"
#include "common/crypto.h"
#include "platform/render.h"
#include "service/actions.h"
#include "service/door.h"
#include "service/promotion_internal.h"

namespace sluice::service {
namespace {

using promotion::kApproved;

// Removes what a failed run placed, so a failure leaves the target as it
// was. Best effort: the run is reported failed either way.
void Unplace(catalog::Catalog& c, const std::vector<store::VersionRecord>& placed) {
  for (const auto& v : placed) {
    catalog::Ref ref;
    ref.address = {v.environment, v.project, v.asset};
    ref.form = catalog::Ref::Form::kIdPrefix;
    ref.selector = v.id;
    c.Purge(ref, /*cascade=*/false, /*dry_run=*/false).status().IgnoreError();
  }
}

}  // namespace

Result<std::vector<store::VersionRecord>> Service::Materialise(
    const std::vector<std::string>& source_ids, std::string_view to, std::string_view runner,
    std::int64_t now_ms) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  std::vector<store::VersionRecord> placed;
  for (const auto& source_id : source_ids) {
    Result<store::VersionRecord> copied = [&]() -> Result<store::VersionRecord> {
      SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->GetVersion(source_id));
      // The target project appears with the first promotion into it.
      Result<store::ProjectRecord> project = c->CreateProject(to, v.project, runner, 0, now_ms);
      if (!project.ok() && project.status().code() != StatusCode::kAlreadyExists) {
        return project.status();
      }
      catalog::Ref source;
      source.address = {v.environment, v.project, v.asset};
      source.form = catalog::Ref::Form::kIdPrefix;
      source.selector = v.id;
      SLUICE_ASSIGN_OR_RETURN(catalog::CopyResult done,
                              c->Copy(source, {std::string(to), v.project, v.asset}, std::nullopt,
                                      runner, now_ms, catalog::Catalog::CopyPurpose::kPromotion));
      return done.version;
    }();
    if (!copied.ok()) {
      Unplace(*c, placed);
      return Status(copied.status().code(), "placing " + source_id.substr(0, 12) + " in " +
                                                std::string(to) + ": " + copied.status().message());
    }
    placed.push_back(std::move(copied).value());
  }
  return placed;
}

Status Service::MoveAliases(const std::vector<store::VersionRecord>& placed,
                            const std::vector<std::string>& aliases) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  for (const auto& v : placed) {
    for (const auto& alias : aliases) {
      catalog::Ref ref;
      ref.address = {v.environment, v.project, v.asset};
      ref.form = catalog::Ref::Form::kIdPrefix;
      ref.selector = v.id;
      SLUICE_RETURN_IF_ERROR(c->SetAlias(ref, alias));
    }
  }
  return Status::Ok();
}

Result<std::string> Service::Attest(const store::PromotionRecord& p,
                                    const std::vector<store::VersionRecord>& placed) {
  if (controls_.signing_key == nullptr) return std::string();
  std::vector<attest::Subject> subjects;
  for (const auto& v : placed) {
    subjects.push_back(
        {v.environment + "/" + v.project + "/" + v.asset + "@" + v.id, {{"sha256", v.id}}});
  }
  attest::PromotionPredicate predicate;
  predicate.promotion_id = p.id;
  predicate.from = p.from;
  predicate.to = p.to;
  predicate.requester = p.requester;
  predicate.runner = p.runner;
  predicate.justification = p.justification;
  predicate.content_hash = p.content_hash;
  predicate.promoted_ms = p.updated_ms;
  nlohmann::json gate_results = nlohmann::json::parse(p.gates, nullptr, false);
  if (gate_results.is_array()) {
    for (auto& g : gate_results) predicate.gates.push_back(std::move(g));
  }
  for (const auto& d : p.decisions) {
    if (!d.approve || d.content_hash != p.content_hash) continue;
    predicate.approvals.push_back({{"approver", d.approver},
                                   {"decided_ms", d.decided_ms},
                                   {"content_hash", d.content_hash},
                                   {"comment", d.comment}});
  }
  predicate.platform = platform_.name;
  predicate.platform_digest = Sha256Hex(platform::ToJson(platform_).dump());
  predicate.policy_version = controls_.authorizer != nullptr ? controls_.authorizer->version() : 0;
  predicate.rollback = p.rollback;
  return attest::SignEnvelope(attest::MakeStatement(subjects, predicate), *controls_.signing_key);
}

Result<store::PromotionRecord> Service::RunPromotion(const Caller& caller, std::string_view id) {
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
        const int approvals = promotion::CurrentApprovals(p);
        if (approvals < ApprovalsNeeded(p.to)) {
          return FailedPrecondition("promotion " + p.id + " has " + std::to_string(approvals) +
                                    " approvals of its current content; it needs " +
                                    std::to_string(ApprovalsNeeded(p.to)));
        }
        // The bundle must still be what was approved.
        if (promotion::ContentHash(p) != p.content_hash) {
          return FailedPrecondition("promotion " + p.id + "'s content changed since approval");
        }
        const std::int64_t now = NowMillis();
        p.runner = caller.principal.name;
        p.updated_ms = now;
        Result<std::vector<store::VersionRecord>> placed =
            Materialise(p.versions, p.to, caller.principal.name, now);
        Status moved = placed.ok() ? MoveAliases(*placed, p.aliases) : placed.status();
        if (!moved.ok()) {
          if (placed.ok()) {
            SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
            Unplace(*c, *placed);
          }
          p.state = std::string(promotion::kFailed);
          p.message = "run failed: " + std::string(moved.message());
          controls_.promotions->UpdatePromotion(p, kApproved).IgnoreError();
          return moved;
        }
        p.promoted.clear();
        for (const auto& v : *placed) p.promoted.push_back(v.id);
        p.state = std::string(promotion::kPromoted);
        SLUICE_ASSIGN_OR_RETURN(p.attestation, Attest(p, *placed));
        SLUICE_RETURN_IF_ERROR(controls_.promotions->UpdatePromotion(p, kApproved));
        details["promoted"] = p.promoted;
        details["aliases"] = p.aliases;
        details["rollback"] = p.rollback;
        details["attested"] = !p.attestation.empty();
        return controls_.promotions->GetPromotion(p.id);
      },
      std::move(facts));
}

Result<std::string> Service::GetAttestation(const Caller& caller, std::string_view id) {
  SLUICE_ASSIGN_OR_RETURN(store::PromotionRecord p, GetPromotion(caller, id));
  if (p.attestation.empty()) {
    return NotFound("promotion " + p.id + " has no attestation (it is " + p.state + ")");
  }
  return p.attestation;
}

}  // namespace sluice::service
