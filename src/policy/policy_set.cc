#include "policy/policy_set.h"

#include "policy/parser.h"

namespace sluice::policy {

Result<PolicySet> PolicySet::Parse(std::string_view text, std::string_view filename) {
  SLUICE_ASSIGN_OR_RETURN(auto parsed, ParsePolicies(text, filename));
  PolicySet ps;
  for (auto& p : parsed) SLUICE_RETURN_IF_ERROR(ps.Add(std::move(p)));
  return ps;
}

Status PolicySet::Add(std::unique_ptr<Policy> p) {
  if (by_id_.count(p->id)) return AlreadyExists("duplicate policy id `" + p->id + "`");
  by_id_[p->id] = p.get();
  if (p->IsTemplate()) {
    templates_.push_back(std::move(p));
  } else {
    index_.Add(*p, static_cast<uint32_t>(policies_.size()));
    policies_.push_back(std::move(p));
  }
  return Status::Ok();
}

Status PolicySet::Link(std::string_view template_id, std::string_view new_id,
                       const std::optional<EntityUid>& principal,
                       const std::optional<EntityUid>& resource) {
  const Policy* t = nullptr;
  for (const auto& x : templates_) {
    if (x->id == template_id) t = x.get();
  }
  if (t == nullptr) return NotFound("no template with id `" + std::string(template_id) + "`");
  if (t->principal.slot != principal.has_value()) {
    return InvalidArgument(principal ? "template has no ?principal slot"
                                     : "template needs a value for ?principal");
  }
  if (t->resource.slot != resource.has_value()) {
    return InvalidArgument(resource ? "template has no ?resource slot"
                                    : "template needs a value for ?resource");
  }
  auto p = t->Clone();
  p->id = std::string(new_id);
  if (principal) {
    p->principal.slot = false;
    p->principal.uids = {*principal};
  }
  if (resource) {
    p->resource.slot = false;
    p->resource.uids = {*resource};
  }
  return Add(std::move(p));
}

const Policy* PolicySet::Find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : it->second;
}

}  // namespace sluice::policy
