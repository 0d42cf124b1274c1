#include "server/audit_json.h"

#include "auditlog/hash.h"
#include "auditlog/merkle.h"

namespace sluice::server {

nlohmann::json VerifyReportToJson(const auditlog::VerifyReport& r) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : r.problems) {
    problems.push_back(
        {{"kind", auditlog::ProblemKindName(p.kind)}, {"index", p.index}, {"message", p.message}});
  }
  return {{"ok", r.ok()},
          {"events", r.events},
          {"root", auditlog::HashHex(r.root)},
          {"checkpoints", r.checkpoints},
          {"external_checkpoints", r.external_checkpoints},
          {"verified_size", r.verified_size},
          {"problems", problems}};
}

nlohmann::json StoredEventToJson(const auditlog::StoredEvent& e) {
  auto text = auditlog::CanonicalEvent(e.event, e.seq, e.prev);
  if (!text.ok()) return {{"seq", e.seq}, {"error", text.status().message()}};
  return nlohmann::json::parse(*text, nullptr, false);
}

nlohmann::json InclusionProofToJson(const service::InclusionProof& p) {
  nlohmann::json path = nlohmann::json::array();
  for (const auto& h : p.path) path.push_back(auditlog::HashHex(h));
  return {{"seq", p.seq},
          {"size", p.size},
          {"event", p.event},
          {"leaf_hash", auditlog::HashHex(auditlog::LeafHash(p.event))},
          {"path", path},
          {"root", auditlog::HashHex(p.root)},
          {"checkpoint", p.checkpoint}};
}

}  // namespace sluice::server
