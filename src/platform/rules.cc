#include "platform/rules.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace sluice::platform {
namespace {

std::string At(SourcePos pos) {
  return "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column);
}

class Checker {
 public:
  Checker(const Platform& platform, std::string_view file, Coverage coverage)
      : p_(platform), file_(file), coverage_(coverage) {
    // Indexes keep large (or hostile) files linear-ish; the first of duplicate names wins, as
    // in Platform::Find.
    for (size_t i = 0; i < p_.environments.size(); ++i) {
      envs_.emplace(p_.environments[i].name, Indexed{&p_.environments[i], i});
    }
    for (const PromotionStep& step : p_.promotions) steps_from_[step.from].push_back(&step);
  }

  std::vector<Diagnostic> Run() && {
    CheckNames();
    CheckEnvironments();
    CheckStorageDomains();
    for (const PromotionStep& step : p_.promotions) CheckStep(step);
    CheckCycles();
    CheckReleaseTrain();
    CheckAutomationGate();
    CheckGatesReachable();
    return std::move(out_);
  }

 private:
  struct Indexed {
    const Environment* env;
    size_t ladder_index;
  };

  const Environment* Env(std::string_view name) const {
    auto it = envs_.find(name);
    return it == envs_.end() ? nullptr : it->second.env;
  }

  const std::vector<const PromotionStep*>& StepsFrom(std::string_view name) const {
    static const std::vector<const PromotionStep*> kNone;
    auto it = steps_from_.find(name);
    return it == steps_from_.end() ? kNone : it->second;
  }

  void Add(SourcePos pos, std::string_view rule, std::string message) {
    // One past the cap, so the caller's sink knows it truncated.
    if (out_.size() > kMaxDiagnostics) return;
    out_.push_back(
        {std::string(file_), pos.line, pos.column, std::string(rule), std::move(message)});
  }

  // Target position i of a step, falling back to the step's own position for steps built in code.
  static SourcePos ToPos(const PromotionStep& step, size_t i) {
    return i < step.pos.to.size() ? step.pos.to[i] : step.pos.entry;
  }

  void AddNameFormat(std::string_view what, std::string_view name, SourcePos pos) {
    if (auto d = CheckNameFormat(what, name, pos, file_)) Add(pos, d->rule, std::move(d->message));
  }

  void CheckNames() {
    // Under kPartial an empty name is one the parser could not read, and has reported already.
    const bool name_unread = coverage_ == Coverage::kPartial && p_.name.empty();
    if (!name_unread) AddNameFormat("platform name", p_.name, p_.pos.name);
    std::map<std::string_view, const Environment*> seen;
    for (const Environment& env : p_.environments) {
      AddNameFormat("environment name", env.name, env.pos.name);
      auto [it, inserted] = seen.emplace(env.name, &env);
      if (!inserted) {
        Add(env.pos.name, "name-unique",
            "environment name " + Quoted(env.name) + " is already used at " +
                At(it->second->pos.name));
      }
    }
  }

  void CheckEnvironments() {
    bool any_production = false;
    for (const Environment& env : p_.environments) {
      if (env.data == DataClass::kProduction) any_production = true;
      if (env.track == Track::kInfra && env.data == DataClass::kProduction) {
        Add(env.pos.data, "infra-production-data",
            "environment " + Quoted(env.name) +
                " is on the infra track and cannot hold production data; infra environments "
                "use synthetic data only");
      }
    }
    if (!any_production && coverage_ == Coverage::kComplete) {
      Add(p_.pos.environments, "production-required",
          "no environment holds production data; a platform needs at least one environment with "
          "\"data: production\"");
    }
  }

  void CheckStorageDomains() {
    std::map<std::string_view, const Environment*> first_by_domain;
    for (const Environment& env : p_.environments) {
      const SourcePos pos = env.pos.storage_domain.line > 0 ? env.pos.storage_domain : env.pos.name;
      if (env.storage_domain != env.name) AddNameFormat("storage domain", env.storage_domain, pos);
      auto [it, inserted] = first_by_domain.emplace(env.storage_domain, &env);
      if (!inserted && it->second->data != env.data) {
        Add(pos, "storage-domain-shared",
            "environment " + Quoted(env.name) + " (" + std::string(ToString(env.data)) +
                " data) shares storage domain " + Quoted(env.storage_domain) + " with " +
                Quoted(it->second->name) + " (" + std::string(ToString(it->second->data)) +
                " data); production and synthetic data never share a domain");
      }
    }
  }

  void CheckStep(const PromotionStep& step) {
    const Environment* from = Env(step.from);
    bool known = true;
    if (from == nullptr) {
      Add(step.pos.from, "path-unknown-env",
          "promotion from unknown environment " + Quoted(step.from));
      known = false;
    }
    if (step.to.empty()) {
      Add(step.pos.entry, "path-unknown-env",
          "promotion from " + Quoted(step.from) + " names no target environment");
      return;
    }
    for (size_t i = 0; i < step.to.size(); ++i) {
      if (Env(step.to[i]) == nullptr) {
        Add(ToPos(step, i), "path-unknown-env",
            "promotion to unknown environment " + Quoted(step.to[i]));
        known = false;
      }
    }
    if (!known) return;

    if (step.kind == PromotionKind::kInfra && from->track != Track::kInfra) {
      Add(step.pos.from, "path-kind",
          "infra step starts in " + Quoted(from->name) +
              ", a data-track environment; infra releases start on the infra track");
    }
    if (step.kind == PromotionKind::kData && from->track != Track::kData) {
      Add(step.pos.from, "path-kind",
          "data step starts in " + Quoted(from->name) +
              ", an infra-track environment; data steps stay on the data track");
    }
    const Environment& first_target = *Env(step.to.front());
    std::set<std::string_view> targets;
    for (size_t i = 0; i < step.to.size(); ++i) {
      const Environment& to = *Env(step.to[i]);
      const SourcePos pos = ToPos(step, i);
      if (!targets.insert(to.name).second) {
        Add(pos, "path-duplicate", "target " + Quoted(to.name) + " is listed twice");
        continue;
      }
      if (auto [it, inserted] = edges_.emplace(Edge(from->name, to.name), pos); !inserted) {
        Add(pos, "path-duplicate",
            "step " + Quoted(from->name) + " -> " + Quoted(to.name) + " is already declared at " +
                At(it->second));
        continue;
      }
      CheckKind(step, to, first_target, pos);
      CheckDirection(*from, to, pos);
    }
  }

  void CheckKind(const PromotionStep& step, const Environment& to, const Environment& first_target,
                 SourcePos pos) {
    if (step.kind == PromotionKind::kData && to.track != Track::kData) {
      Add(pos, "path-kind",
          "data step goes to " + Quoted(to.name) +
              ", an infra-track environment; data steps stay on the data track");
    }
    if (step.kind == PromotionKind::kInfra && to.track != first_target.track) {
      Add(pos, "path-kind",
          "infra step mixes infra-track and data-track targets; a step goes either along the "
          "infra track or, as the release train, to the data track");
    }
  }

  void CheckDirection(const Environment& from, const Environment& to, SourcePos pos) {
    if (envs_.at(to.name).ladder_index <= envs_.at(from.name).ladder_index) {
      Add(pos, "path-order",
          "step " + Quoted(from.name) + " -> " + Quoted(to.name) +
              " goes down the ladder; promotions go to an environment listed later");
    }
    if (from.data == DataClass::kProduction && to.data == DataClass::kSynthetic) {
      Add(pos, "path-less-restrictive",
          "step " + Quoted(from.name) + " -> " + Quoted(to.name) +
              " moves from production data to synthetic data; production data never moves down");
    }
    if (from.track == to.track && from.mode == Mode::kAutomation && to.mode == Mode::kInteractive) {
      Add(pos, "path-less-restrictive",
          "step " + Quoted(from.name) + " -> " + Quoted(to.name) +
              " moves from automation mode to interactive mode; controls only grow stricter up "
              "the ladder");
    }
  }

  // One path-cycle per strongly connected component (Tarjan). The cycle is reported at the step
  // into the component's lowest environment: that step goes down the ladder, so it is the one
  // to remove, and where the position helps most.
  void CheckCycles() {
    struct NodeState {
      size_t index = 0;
      size_t low = 0;
      bool visited = false;
      bool on_stack = false;
    };
    std::map<std::string_view, NodeState> nodes;
    std::vector<std::string_view> stack;
    size_t next_index = 0;
    auto connect = [&](auto& self, std::string_view env) -> void {
      NodeState& node = nodes[env];
      node.index = node.low = next_index++;
      node.visited = node.on_stack = true;
      stack.push_back(env);
      for (std::string_view next : Successors(env)) {
        NodeState& succ = nodes[next];
        if (!succ.visited) {
          self(self, next);
          nodes[env].low = std::min(nodes[env].low, nodes[next].low);
        } else if (succ.on_stack) {
          nodes[env].low = std::min(nodes[env].low, succ.index);
        }
      }
      if (nodes[env].low != nodes[env].index) return;
      std::set<std::string_view> component;
      std::string_view member;
      do {
        member = stack.back();
        stack.pop_back();
        nodes[member].on_stack = false;
        component.insert(member);
      } while (member != env);
      ReportCycle(component);
    };
    for (const Environment& env : p_.environments) {
      if (!nodes[env.name].visited) connect(connect, env.name);
    }
  }

  // Known targets of the steps from `env`, in file order.
  std::vector<std::string_view> Successors(std::string_view env) const {
    std::vector<std::string_view> out;
    for (const PromotionStep* step : StepsFrom(env)) {
      for (const std::string& to : step->to) {
        if (Env(to) != nullptr) out.push_back(to);
      }
    }
    return out;
  }

  void ReportCycle(const std::set<std::string_view>& component) {
    std::string_view lowest = *component.begin();
    for (std::string_view env : component) {
      if (envs_.at(env).ladder_index < envs_.at(lowest).ladder_index) lowest = env;
    }
    // The first step (file order) from inside the component into its lowest environment.
    for (const PromotionStep& step : p_.promotions) {
      if (component.count(step.from) == 0) continue;
      for (size_t i = 0; i < step.to.size(); ++i) {
        if (step.to[i] != lowest) continue;
        if (step.from == lowest) {
          Add(ToPos(step, i), "path-cycle",
              "promotion cycle: " + std::string(lowest) + " -> " + std::string(lowest));
          return;
        }
        if (component.size() < 2) continue;
        Add(ToPos(step, i), "path-cycle",
            "promotion cycle: " + PathWithin(component, lowest, step.from) + " -> " +
                std::string(lowest));
        return;
      }
    }
  }

  // "a -> b -> c": a shortest path from `from` to `to` inside a strongly connected component.
  std::string PathWithin(const std::set<std::string_view>& component, std::string_view from,
                         std::string_view to) const {
    std::map<std::string_view, std::string_view> parent{{from, from}};
    std::vector<std::string_view> queue{from};
    for (size_t head = 0; head < queue.size() && parent.count(to) == 0; ++head) {
      for (std::string_view next : Successors(queue[head])) {
        if (component.count(next) > 0 && parent.emplace(next, queue[head]).second) {
          queue.push_back(next);
        }
      }
    }
    std::vector<std::string_view> path{to};
    while (path.back() != from) path.push_back(parent.at(path.back()));
    std::string out;
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      out += (out.empty() ? "" : " -> ") + std::string(*it);
    }
    return out;
  }

  void CheckReleaseTrain() {
    const PromotionStep* train = nullptr;
    for (const PromotionStep& step : p_.promotions) {
      if (step.kind != PromotionKind::kInfra || step.to.empty()) continue;
      const Environment* from = Env(step.from);
      const Environment* target = Env(step.to.front());
      // A data-track source is a path-kind error, not a second release train.
      if (from == nullptr || target == nullptr || from->track != Track::kInfra ||
          target->track != Track::kData) {
        continue;
      }
      if (train != nullptr) {
        Add(step.pos.entry, "release-train",
            "a second release train; the platform has one, declared at " + At(train->pos.entry));
        continue;
      }
      train = &step;
      for (const PromotionStep* onward : StepsFrom(from->name)) {
        const Environment* next = onward->to.empty() ? nullptr : Env(onward->to.front());
        if (onward->kind == PromotionKind::kInfra && next != nullptr &&
            next->track == Track::kInfra) {
          Add(step.pos.from, "release-train",
              "the release train starts in " + Quoted(from->name) +
                  ", which is not the top of the "
                  "infra track (it promotes on to " +
                  Quoted(next->name) + "); releases leave from the last infra environment");
          break;
        }
      }
      std::string missing;
      for (const Environment& env : p_.environments) {
        if (env.data != DataClass::kProduction || env.track != Track::kData) continue;
        if (std::find(step.to.begin(), step.to.end(), env.name) == step.to.end()) {
          missing += (missing.empty() ? "" : ", ") + Quoted(env.name);
        }
      }
      if (!missing.empty()) {
        Add(step.pos.entry, "release-train",
            "the release train must reach every production-data environment at once; missing " +
                missing);
      }
    }
    const bool has_infra =
        std::any_of(p_.environments.begin(), p_.environments.end(),
                    [](const Environment& e) { return e.track == Track::kInfra; });
    const bool has_production =
        std::any_of(p_.environments.begin(), p_.environments.end(),
                    [](const Environment& e) { return e.data == DataClass::kProduction; });
    if (train == nullptr && has_infra && has_production && coverage_ == Coverage::kComplete) {
      Add(p_.pos.promotions, "release-train",
          "the platform has an infra track but no release train: add an infra step from the last "
          "infra environment to all production-data environments");
    }
  }

  void CheckAutomationGate() {
    if (!p_.require_automation) return;
    for (const PromotionStep& step : p_.promotions) {
      const Environment* from = Env(step.from);
      if (from == nullptr || from->mode == Mode::kAutomation) continue;
      for (size_t i = 0; i < step.to.size(); ++i) {
        const Environment* to = Env(step.to[i]);
        if (to == nullptr || !IsFinal(*to)) continue;
        Add(ToPos(step, i), "path-skips-automation",
            "step " + Quoted(from->name) + " -> " + Quoted(to->name) +
                " enters final environment " + Quoted(to->name) + " from interactive " +
                Quoted(from->name) +
                "; require_automation asks for an automation-mode environment before it");
      }
    }
  }

  // Gates run on promotions into their environment; declared where no step enters, they would
  // never run, and were almost certainly meant for another environment.
  void CheckGatesReachable() {
    // A step left out for a structural error might have entered the environment.
    if (coverage_ != Coverage::kComplete) return;
    std::set<std::string_view> entered;
    for (const PromotionStep& step : p_.promotions) entered.insert(step.to.begin(), step.to.end());
    for (const Environment& env : p_.environments) {
      if (!DeclaresGates(env) || entered.count(env.name) > 0) continue;
      Add(env.gates.pos.line > 0 ? env.gates.pos : env.pos.entry, "gates-unreachable",
          "gates on " + Quoted(env.name) +
              ", which no promotion step enters; they would never run (remove them, or add a "
              "step into " +
              Quoted(env.name) + ")");
    }
  }

  // Written in the file, or (for a platform built in code) set to anything but the defaults.
  static bool DeclaresGates(const Environment& env) {
    const GateSettings& g = env.gates;
    const GateSettings defaults;
    return g.pos.line > 0 || g.schema_compatibility != defaults.schema_compatibility ||
           g.expectations != defaults.expectations || !g.metrics.empty() ||
           g.champion_alias != defaults.champion_alias ||
           g.classification_declared != defaults.classification_declared || !g.webhooks.empty() ||
           !g.commands.empty() || g.approvals != defaults.approvals || !g.approver_roles.empty() ||
           g.rollback_fast_path != defaults.rollback_fast_path;
  }

  // A final environment is the top of the data track: it holds production data and no data
  // step leaves it.
  bool IsFinal(const Environment& env) const {
    if (env.track != Track::kData || env.data != DataClass::kProduction) return false;
    for (const PromotionStep* step : StepsFrom(env.name)) {
      if (step->kind == PromotionKind::kData) return false;
    }
    return true;
  }

  const Platform& p_;
  std::string_view file_;
  Coverage coverage_;
  std::map<std::string_view, Indexed> envs_;
  std::map<std::string_view, std::vector<const PromotionStep*>> steps_from_;
  using Edge = std::pair<std::string_view, std::string_view>;  // (from, to), views of env names
  std::map<Edge, SourcePos> edges_;
  std::vector<Diagnostic> out_;
};

}  // namespace

std::optional<Diagnostic> CheckNameFormat(std::string_view what, std::string_view name,
                                          SourcePos pos, std::string_view file_name) {
  if (IsValidName(name)) return std::nullopt;
  return Diagnostic{std::string(file_name), pos.line, pos.column, "name-format",
                    std::string(what) + " " + Quoted(name) +
                        " must be a lowercase DNS label ([a-z0-9-], 1-63 chars, starting with a "
                        "letter, not ending with '-')"};
}

bool IsValidName(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  if (name.front() < 'a' || name.front() > 'z' || name.back() == '-') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::vector<Diagnostic> CheckPlatform(const Platform& platform, std::string_view file_name,
                                      Coverage coverage) {
  return Checker(platform, file_name, coverage).Run();
}

}  // namespace sluice::platform
