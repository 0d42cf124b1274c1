// Declassification (issue 8, docs/declassification.md): taking a label off
// a version's classification is a decision with the weight of a promotion.
// Someone cleared for the label asks, with a reason; approvers who neither
// asked nor wrote the version agree, as many as the environment's gates
// require; only then does the label come off. Every step is an audit event.
#include <algorithm>
#include <set>

#include "catalog/ref.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "service/actions.h"
#include "service/door.h"

namespace sluice::service {
namespace {

constexpr std::string_view kAwaiting = "awaiting-approval";

int Approvals(const store::DeclassificationRecord& r) {
  return static_cast<int>(std::count_if(r.decisions.begin(), r.decisions.end(),
                                        [](const auto& d) { return d.approve; }));
}

nlohmann::json Summary(const store::DeclassificationRecord& r) {
  return {{"declassification", r.id}, {"version", r.version}, {"labels", r.labels}};
}

}  // namespace

Result<store::DeclassificationRecord> Service::RequestDeclassification(
    const Caller& caller, std::string_view ref_text, const std::vector<std::string>& labels,
    std::string_view justification) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(catalog::Ref ref, catalog::ParseRef(ref_text));
  if (justification.size() < 10 || justification.size() > 2000) {
    return InvalidArgument("a declassification needs a justification of 10 to 2000 characters");
  }
  if (labels.empty()) return InvalidArgument("name at least one label to remove (--label PII)");
  const auto known = platform::MaskableTags();
  std::set<std::string> unique;
  for (const auto& label : labels) {
    if (std::find(known.begin(), known.end(), label) == known.end()) {
      return InvalidArgument("\"" + label.substr(0, 64) +
                             "\" is not a label (PII, PHI, PCI, credential)");
    }
    unique.insert(label);
  }
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->Resolve(ref));
  const std::vector<std::string> current = c->EffectiveClassification(v);
  for (const auto& label : unique) {
    if (std::find(current.begin(), current.end(), label) == current.end()) {
      return InvalidArgument("version " + v.id + " is not labelled " + label);
    }
  }
  // Deciding on a label takes being cleared for it: the request is a
  // data-access on the labels it removes.
  authz::Facts facts = EnvironmentFacts(v.environment);
  facts.classification.assign(unique.begin(), unique.end());
  return Door(
      caller, actions::kRequestDeclassification,
      {"Asset", v.environment + "/" + v.project + "/" + v.asset},
      [&](nlohmann::json& details) -> Result<store::DeclassificationRecord> {
        store::DeclassificationRecord r;
        SLUICE_ASSIGN_OR_RETURN(std::string suffix, RandomHex(8));
        r.id = "dcl-" + suffix;
        r.version = v.id;
        r.environment = v.environment;
        r.labels.assign(unique.begin(), unique.end());
        r.justification = std::string(justification);
        r.requester = caller.principal.name;
        r.state = std::string(kAwaiting);
        r.created_ms = r.updated_ms = NowMillis();
        SLUICE_RETURN_IF_ERROR(c->CreateDeclassification(r));
        details.update(Summary(r));
        details["justification"] = r.justification;
        details["approvals_needed"] = ApprovalsNeeded(v.environment);
        return r;
      },
      std::move(facts));
}

Result<store::DeclassificationRecord> Service::DecideDeclassification(const Caller& caller,
                                                                      std::string_view id,
                                                                      bool approve,
                                                                      std::string_view comment) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (comment.size() > 2000) return InvalidArgument("a comment is at most 2000 characters");
  SLUICE_ASSIGN_OR_RETURN(store::DeclassificationRecord r, c->GetDeclassification(id));
  Result<store::VersionRecord> v = c->GetVersion(r.version);
  const bool author = v.ok() && v->author == caller.principal.name;
  authz::Facts facts = EnvironmentFacts(r.environment);
  facts.owner = r.requester;
  facts.approver_is_author = author;
  facts.approver_is_requester = r.requester == caller.principal.name;
  return Door(
      caller, actions::kApproveDeclassification, {"Declassification", r.id},
      [&](nlohmann::json& details) -> Result<store::DeclassificationRecord> {
        details.update(Summary(r));
        details["decision"] = approve ? "approve" : "reject";
        if (author || r.requester == caller.principal.name) {
          return PermissionDenied("approvers are never the requester or the version's author");
        }
        SLUICE_RETURN_IF_ERROR(CheckApproverRole(caller, r.environment, "declassifications in"));
        if (r.state != kAwaiting) {
          return FailedPrecondition("declassification " + r.id + " is " + r.state);
        }
        for (const auto& d : r.decisions) {
          if (d.approver == caller.principal.name) {
            return FailedPrecondition(caller.principal.name + " has already decided on " + r.id);
          }
        }
        const std::int64_t now = NowMillis();
        r.decisions.push_back({caller.principal.name, approve, std::string(comment), now});
        if (!approve) {
          r.state = "rejected";
        } else if (Approvals(r) >= ApprovalsNeeded(r.environment)) {
          r.state = "approved";
        }
        r.updated_ms = now;
        SLUICE_RETURN_IF_ERROR(c->UpdateDeclassification(r, kAwaiting));
        details["state"] = r.state;
        details["approvals"] = Approvals(r);
        details["approvals_needed"] = ApprovalsNeeded(r.environment);
        return r;
      },
      std::move(facts));
}

Result<store::DeclassificationRecord> Service::GetDeclassification(const Caller& caller,
                                                                   std::string_view id) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(store::DeclassificationRecord r, c->GetDeclassification(id));
  authz::Facts facts = EnvironmentFacts(r.environment);
  facts.owner = r.requester;
  return Door(
      caller, actions::kReadDeclassification, {"Declassification", r.id},
      [&](nlohmann::json&) -> Result<store::DeclassificationRecord> { return r; },
      std::move(facts));
}

Result<std::vector<store::DeclassificationRecord>> Service::ListDeclassifications(
    const Caller& caller) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  return Door(caller, actions::kReadDeclassification, {"Platform", platform_.name},
              [&](nlohmann::json&) { return c->ListDeclassifications(""); });
}

}  // namespace sluice::service
