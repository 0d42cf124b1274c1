// Infra release trains (issue 7): components (tool and image versions) are
// built in the infra track's first rung, released together under a name,
// promoted one rung up the infra track through that rung's gates and
// approvals, then rolled into every production-data environment the
// platform's release train reaches at once: all or nothing, so no
// environment runs a release another lacks.
#include <algorithm>
#include <map>
#include <set>

#include "service/actions.h"
#include "service/door.h"
#include "service/promotion_internal.h"

namespace sluice::service {
namespace {

constexpr std::string_view kCurrentAlias = "current";

Status ValidateReleaseName(std::string_view name) {
  const bool ok =
      !name.empty() && name.size() <= 64 && std::isalnum(static_cast<unsigned char>(name[0])) &&
      std::all_of(name.begin(), name.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.';
      });
  if (!ok) return InvalidArgument("a release name is [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  return Status::Ok();
}

}  // namespace

Result<store::ReleaseRecord> Service::CreateRelease(const Caller& caller, std::string_view name,
                                                    const std::vector<std::string>& refs,
                                                    std::string_view justification) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no releases");
  SLUICE_RETURN_IF_ERROR(ValidateReleaseName(name));
  if (justification.size() < 10 || justification.size() > 2000) {
    return InvalidArgument("a release's justification is 10 to 2000 characters");
  }
  if (refs.empty() || refs.size() > 64) return InvalidArgument("a release has 1 to 64 components");
  std::vector<store::VersionRecord> components;
  for (const auto& text : refs) {
    SLUICE_ASSIGN_OR_RETURN(catalog::Ref ref, catalog::ParseRef(text));
    SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->Resolve(ref));
    components.push_back(std::move(v));
  }
  const std::string from = components.front().environment;
  const platform::Environment* env = platform_.Find(from);
  if (env == nullptr || env->track != platform::Track::kInfra) {
    return InvalidArgument("a release's components come from the infra track, not " + from);
  }
  std::set<std::string> assets;
  for (const auto& v : components) {
    if (v.environment != from) {
      return InvalidArgument("a release's components all come from one environment; " + v.id +
                             " is in " + v.environment);
    }
    if (!assets.insert(v.project + "/" + v.asset).second) {
      return InvalidArgument("a release holds one version of each component; " + v.project + "/" +
                             v.asset + " is named twice");
    }
  }
  return Door(
      caller, actions::kCreateRelease, {"Environment", from},
      [&](nlohmann::json& details) -> Result<store::ReleaseRecord> {
        store::ReleaseRecord r;
        r.name = std::string(name);
        for (const auto& v : components) r.components.push_back(v.id);
        r.creator = caller.principal.name;
        r.justification = std::string(justification);
        r.created_ms = NowMillis();
        SLUICE_RETURN_IF_ERROR(controls_.promotions->CreateRelease(r));
        details["release"] = r.name;
        details["components"] = r.components;
        return r;
      },
      EnvironmentFacts(from));
}

Result<std::vector<store::ReleaseRecord>> Service::ListReleases(const Caller& caller) {
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no releases");
  return Door(caller, actions::kReadRelease, {"Platform", platform_.name},
              [&](nlohmann::json&) { return controls_.promotions->ListReleases(200); });
}

Result<store::PromotionRecord> Service::PromoteRelease(const Caller& caller, std::string_view name,
                                                       std::string_view justification) {
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no releases");
  SLUICE_ASSIGN_OR_RETURN(store::ReleaseRecord r, controls_.promotions->GetRelease(name));
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord first, c->GetVersion(r.components.front()));
  std::string to;
  for (const auto& step : platform_.promotions) {
    if (step.kind == platform::PromotionKind::kInfra && step.from == first.environment &&
        step.to.size() == 1) {
      to = step.to.front();
    }
  }
  if (to.empty()) {
    return FailedPrecondition("release " + r.name + " is in " + first.environment +
                              ", where the infra track has no step to a single next rung; roll "
                              "it instead once it is at the release train's start");
  }
  PromotionAsk ask;
  ask.kind = "release";
  ask.release = r.name;
  for (const auto& id : r.components) {
    SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->GetVersion(id));
    ask.refs.push_back(promotion::VersionRef(v));
  }
  ask.to = to;
  ask.justification = justification.empty() ? r.justification : std::string(justification);
  return RequestPromotion(caller, ask);
}

Result<store::ReleaseRoll> Service::RollRelease(const Caller& caller, std::string_view name,
                                                bool rollback) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no releases");
  const platform::PromotionStep* train = platform_.ReleaseTrain();
  if (train == nullptr)
    return FailedPrecondition("platform " + platform_.name + " has no release train");
  std::string release(name);
  if (rollback) {
    if (!release.empty()) return InvalidArgument("a rollback rolls the release before the latest");
    SLUICE_ASSIGN_OR_RETURN(std::vector<store::ReleaseRoll> rolls,
                            controls_.promotions->ListReleaseRolls(1000));
    for (const auto& roll : rolls) {
      if (!rolls.empty() && roll.release != rolls.front().release) {
        release = roll.release;
        break;
      }
    }
    if (release.empty()) return FailedPrecondition("no earlier release has been rolled");
  }
  SLUICE_ASSIGN_OR_RETURN(store::ReleaseRecord r, controls_.promotions->GetRelease(release));
  // What rolls is what passed the train's first rung: the components as
  // promoted there, through that rung's gates and approvals.
  SLUICE_ASSIGN_OR_RETURN(std::vector<store::PromotionRecord> all,
                          controls_.promotions->ListPromotions(1000));
  const store::PromotionRecord* tested = nullptr;
  for (const auto& p : all) {
    if (p.kind == "release" && p.release == r.name && p.state == promotion::kPromoted &&
        p.to == train->from) {
      tested = &p;
      break;
    }
  }
  authz::Facts facts;
  facts.source_environment = train->from;
  return Door(
      caller, actions::kRollRelease, {"Platform", platform_.name},
      [&](nlohmann::json& details) -> Result<store::ReleaseRoll> {
        details["release"] = r.name;
        details["rollback"] = rollback;
        details["environments"] = train->to;
        if (caller.principal.kind != store::PrincipalKind::kService) {
          return PermissionDenied("releases are rolled by automation (a service token), not by " +
                                  caller.principal.name);
        }
        if (tested == nullptr) {
          return FailedPrecondition("release " + r.name + " has not been promoted to " +
                                    train->from + " (sluice release promote " + r.name + ")");
        }
        const std::int64_t now = NowMillis();
        store::ReleaseRoll roll;
        roll.release = r.name;
        roll.runner = caller.principal.name;
        roll.rolled_ms = now;
        roll.rollback = rollback;
        // Place everywhere first; only then move the `current` aliases, so
        // a failure anywhere leaves every environment on what it ran.
        std::vector<store::VersionRecord> everywhere;
        auto undo = [&] {
          for (const auto& v : everywhere) {
            catalog::Ref ref;
            ref.address = {v.environment, v.project, v.asset};
            ref.form = catalog::Ref::Form::kIdPrefix;
            ref.selector = v.id;
            c->Purge(ref, false, false).status().IgnoreError();
          }
        };
        for (const auto& env : train->to) {
          Result<std::vector<store::VersionRecord>> placed =
              Materialise(tested->promoted, env, caller.principal.name, now);
          if (!placed.ok()) {
            undo();
            details["failed_environment"] = env;
            return Status(placed.status().code(),
                          "release " + r.name + " did not roll (no environment changed): " + env +
                              ": " + placed.status().message());
          }
          std::vector<std::string> ids;
          for (const auto& v : *placed) ids.push_back(v.id);
          roll.placed.emplace_back(env, std::move(ids));
          everywhere.insert(everywhere.end(), placed->begin(), placed->end());
        }
        if (Status moved = MoveAliases(everywhere, {std::string(kCurrentAlias)}); !moved.ok()) {
          undo();
          return moved;
        }
        SLUICE_ASSIGN_OR_RETURN(roll.seq, controls_.promotions->AddReleaseRoll(roll));
        details["roll"] = roll.seq;
        return roll;
      },
      std::move(facts));
}

Result<ReleaseStatus> Service::GetReleaseStatus(const Caller& caller) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  if (controls_.promotions == nullptr) return FailedPrecondition("this server keeps no releases");
  const platform::PromotionStep* train = platform_.ReleaseTrain();
  if (train == nullptr)
    return FailedPrecondition("platform " + platform_.name + " has no release train");
  return Door(caller, actions::kReadRelease, {"Platform", platform_.name},
              [&](nlohmann::json&) -> Result<ReleaseStatus> {
                SLUICE_ASSIGN_OR_RETURN(std::vector<store::ReleaseRoll> rolls,
                                        controls_.promotions->ListReleaseRolls(1000));
                // Which release placed each version, and every component
                // asset any roll placed.
                std::map<std::string, std::string> placed_by;
                std::set<std::string> assets;
                for (const auto& roll : rolls) {
                  for (const auto& [env, ids] : roll.placed) {
                    for (const auto& id : ids) {
                      placed_by.emplace(id, roll.release);
                      Result<store::VersionRecord> v = c->GetVersion(id);
                      if (v.ok()) assets.insert(v->project + "/" + v->asset);
                    }
                  }
                }
                ReleaseStatus status;
                if (!rolls.empty()) status.latest_release = rolls.front().release;
                for (const auto& env : train->to) {
                  ReleaseStatus::Environment e{env, {}};
                  for (const auto& asset : assets) {
                    Result<catalog::Ref> ref =
                        catalog::ParseRef(env + "/" + asset + ":" + std::string(kCurrentAlias));
                    if (!ref.ok()) continue;
                    Result<store::VersionRecord> v = c->Resolve(*ref);
                    if (!v.ok()) {
                      if (!status.latest_release.empty()) {
                        status.drift.push_back(env + ": " + asset + " is missing");
                      }
                      continue;
                    }
                    auto by = placed_by.find(v->id);
                    const std::string release = by == placed_by.end() ? "" : by->second;
                    if (release != status.latest_release) {
                      status.drift.push_back(
                          env + ": " + asset + " runs " +
                          (release.empty() ? "a version no release placed" : "release " + release) +
                          ", not " + status.latest_release);
                    }
                    e.components.push_back({asset, v->id, release});
                  }
                  status.environments.push_back(std::move(e));
                }
                return status;
              });
}

}  // namespace sluice::service
