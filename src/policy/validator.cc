#include "policy/validator.h"

#include <set>
#include <utility>

#include "policy/typecheck.h"
#include "policy/validator_types.h"

namespace sluice::policy {

std::string ValidationError::ToString() const {
  std::string s = policy_id;
  if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(column);
  return s + ": " + message;
}

namespace {

class PolicyValidator {
 public:
  PolicyValidator(const ValidatorSchema& vs, std::vector<RequestEnv> envs, ValidationResult* out)
      : vs_(vs), envs_(std::move(envs)), out_(out) {}

  void Check(const Policy& p) {
    policy_ = &p;
    seen_.clear();
    CheckScopeNames(p.principal, false);
    CheckScopeNames(p.action, true);
    CheckScopeNames(p.resource, false);
    for (const auto& c : p.conditions) CheckNames(*c.expr);
    CheckActionApplication(p);
    bool all_false = true;
    for (const auto& env : envs_) {
      Typechecker tc(vs_, env);
      auto t = tc.TypePolicy(p);
      if (!t) {
        all_false = false;
        Report(tc.error().message, tc.error().loc);
      } else if (!t->IsBool(BoolType::kFalse)) {
        all_false = false;
      }
    }
    if (all_false) {
      out_->warnings.push_back({p.id, "impossible policy: it is false in every request environment",
                                static_cast<int>(p.loc.line), static_cast<int>(p.loc.col)});
    }
  }

 private:
  void Report(std::string msg, SourceLoc loc) {
    if (!seen_.insert(msg).second) return;
    out_->errors.push_back(
        {policy_->id, std::move(msg), static_cast<int>(loc.line), static_cast<int>(loc.col)});
  }

  void CheckUid(const EntityUid& uid, SourceLoc loc) {
    if (vs_.IsValidUid(uid)) return;
    if (vs_.action_types.count(uid.type) && !vs_.entities.count(uid.type)) {
      Report("unknown action `" + uid.ToString() + "`", loc);
    } else if (vs_.entities.count(uid.type)) {
      Report(
          "`" + uid.ToString() + "` is not a declared value of enumerated type `" + uid.type + "`",
          loc);
    } else {
      Report("unknown entity type `" + uid.type + "`", loc);
    }
  }

  void CheckType(const std::string& type, SourceLoc loc) {
    if (!vs_.entities.count(type)) Report("unknown entity type `" + type + "`", loc);
  }

  void CheckScopeNames(const ScopeConstraint& sc, bool action) {
    for (const auto& u : sc.uids) CheckUid(u, policy_->loc);
    if (!action &&
        (sc.kind == ScopeConstraint::Kind::kIs || sc.kind == ScopeConstraint::Kind::kIsIn)) {
      CheckType(sc.entity_type, policy_->loc);
    }
  }

  void CheckValueNames(const Value& v, SourceLoc loc) {
    if (v.is_entity()) {
      CheckUid(v.as_entity(), loc);
    } else if (v.is_set()) {
      for (const auto& x : v.as_set().elems) CheckValueNames(x, loc);
    } else if (v.is_record()) {
      for (const auto& [k, x] : v.as_record().fields) CheckValueNames(x, loc);
    }
  }

  void CheckNames(const Expr& e) {
    if (e.kind == ExprKind::kLit) CheckValueNames(e.lit, e.loc);
    if (e.kind == ExprKind::kIs || e.kind == ExprKind::kIsIn) CheckType(e.name, e.loc);
    for (const auto& k : e.kids) CheckNames(*k);
  }

  // Entity types a principal/resource scope constraint admits; nullopt: any.
  std::optional<std::set<std::string>> ScopeTypes(const ScopeConstraint& sc) const {
    using K = ScopeConstraint::Kind;
    if (sc.kind == K::kAny || (sc.slot && sc.kind != K::kIsIn)) return std::nullopt;
    std::set<std::string> out;
    switch (sc.kind) {
      case K::kEq:
        out.insert(sc.uids[0].type);
        break;
      case K::kIn:
        for (const auto& [t, info] : vs_.entities) {
          if (vs_.TypeDescendentOf(t, sc.uids[0].type)) out.insert(t);
        }
        out.insert(sc.uids[0].type);
        break;
      case K::kIs:
        out.insert(sc.entity_type);
        break;
      case K::kIsIn:
        if (sc.slot || vs_.TypeDescendentOf(sc.entity_type, sc.uids[0].type)) {
          out.insert(sc.entity_type);
        }
        break;
      default:
        break;
    }
    return out;
  }

  // Cedar's action application check: some action the scope names applies to
  // a principal type and a resource type the scope admits.
  void CheckActionApplication(const Policy& p) {
    auto ps = ScopeTypes(p.principal);
    auto rs = ScopeTypes(p.resource);
    auto admits = [](const std::optional<std::set<std::string>>& s,
                     const std::vector<std::string>& types) {
      for (const auto& t : types) {
        if (!s || s->count(t)) return true;
      }
      return false;
    };
    for (const auto& [uid, info] : vs_.actions) {
      bool named = p.action.kind == ScopeConstraint::Kind::kAny;
      for (const auto& u : p.action.uids) {
        named =
            named || (p.action.kind == ScopeConstraint::Kind::kEq ? uid == u
                                                                  : vs_.ActionDescendentOf(uid, u));
      }
      if (named && admits(ps, info.principals) && admits(rs, info.resources)) return;
    }
    Report("the policy's scope matches no action's principal and resource types (appliesTo)",
           p.loc);
  }

  const ValidatorSchema& vs_;
  std::vector<RequestEnv> envs_;
  ValidationResult* out_;
  const Policy* policy_ = nullptr;
  std::set<std::string> seen_;
};

}  // namespace

ValidationResult Validate(const PolicySet& policies, const Schema& schema) {
  ValidatorSchema vs(schema);
  std::vector<RequestEnv> envs;
  for (const auto& [uid, info] : vs.actions) {
    for (const auto& p : info.principals) {
      for (const auto& r : info.resources) envs.push_back({p, uid, r, info.context});
    }
  }
  ValidationResult out;
  PolicyValidator v(vs, std::move(envs), &out);
  for (const auto& t : policies.templates()) v.Check(*t);
  for (const auto& p : policies.policies()) v.Check(*p);
  return out;
}

}  // namespace sluice::policy
