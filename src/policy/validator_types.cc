#include "policy/validator_types.h"

#include <algorithm>
#include <utility>

namespace sluice::policy {

VType VType::Bool(BoolType b) {
  VType t;
  t.kind = Kind::kBool;
  t.b = b;
  return t;
}

VType VType::Long() {
  VType t;
  t.kind = Kind::kLong;
  return t;
}

VType VType::String() {
  VType t;
  t.kind = Kind::kString;
  return t;
}

VType VType::Entity(std::string type) {
  VType t;
  t.kind = Kind::kEntity;
  t.name = std::move(type);
  return t;
}

VType VType::Ext(std::string name) {
  VType t;
  t.kind = Kind::kExt;
  t.name = std::move(name);
  return t;
}

VType VType::Set(VType elem) {
  VType t;
  t.kind = Kind::kSet;
  t.elem = std::make_shared<const VType>(std::move(elem));
  return t;
}

VType VType::Record(std::vector<VAttr> fields) {
  std::sort(fields.begin(), fields.end(),
            [](const VAttr& x, const VAttr& y) { return x.name < y.name; });
  VType t;
  t.kind = Kind::kRecord;
  t.attrs = std::make_shared<const std::vector<VAttr>>(std::move(fields));
  return t;
}

VType VType::FromSchema(const SchemaType& t) {
  switch (t.kind) {
    case SchemaType::Kind::kBool:
      return Bool(BoolType::kAny);
    case SchemaType::Kind::kLong:
      return Long();
    case SchemaType::Kind::kString:
      return String();
    case SchemaType::Kind::kEntity:
    case SchemaType::Kind::kRef:  // Schema resolves refs; an unresolved one names an entity type
      return Entity(t.name);
    case SchemaType::Kind::kExt:
      return Ext(t.name);
    case SchemaType::Kind::kSet:
      return Set(t.element.empty() ? Bool(BoolType::kAny) : FromSchema(t.element[0]));
    case SchemaType::Kind::kRecord: {
      std::vector<VAttr> attrs;
      attrs.reserve(t.attrs.size());
      for (const auto& a : t.attrs) attrs.push_back({a.name, FromSchema(a.type), a.required});
      return Record(std::move(attrs));
    }
  }
  return Bool(BoolType::kAny);
}

const VAttr* VType::FindAttr(const std::string& a) const {
  auto it = std::lower_bound(attrs->begin(), attrs->end(), a,
                             [](const VAttr& x, const std::string& n) { return x.name < n; });
  return it != attrs->end() && it->name == a ? &*it : nullptr;
}

std::string VType::ToString() const {
  switch (kind) {
    case Kind::kBool:
      return b == BoolType::kTrue ? "True" : b == BoolType::kFalse ? "False" : "Bool";
    case Kind::kLong:
      return "Long";
    case Kind::kString:
      return "String";
    case Kind::kEntity:
    case Kind::kExt:
      return name;
    case Kind::kSet:
      return "Set<" + elem->ToString() + ">";
    case Kind::kRecord: {
      std::string s = "{";
      for (const auto& a : *attrs) {
        if (s.size() > 1) s += ", ";
        s += a.name + (a.required ? ": " : "?: ") + a.type.ToString();
      }
      return s + "}";
    }
  }
  return "?";
}

bool TypeEquals(const VType& a, const VType& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case VType::Kind::kBool:
      return a.b == b.b;
    case VType::Kind::kLong:
    case VType::Kind::kString:
      return true;
    case VType::Kind::kEntity:
    case VType::Kind::kExt:
      return a.name == b.name;
    case VType::Kind::kSet:
      return TypeEquals(*a.elem, *b.elem);
    case VType::Kind::kRecord:
      if (a.attrs->size() != b.attrs->size()) return false;
      for (size_t i = 0; i < a.attrs->size(); ++i) {
        const VAttr& x = (*a.attrs)[i];
        const VAttr& y = (*b.attrs)[i];
        if (x.name != y.name || x.required != y.required || !TypeEquals(x.type, y.type)) {
          return false;
        }
      }
      return true;
  }
  return false;
}

std::optional<VType> Lub(const VType& a, const VType& b) {
  if (a.kind != b.kind) return std::nullopt;
  switch (a.kind) {
    case VType::Kind::kBool:
      return VType::Bool(a.b == b.b ? a.b : BoolType::kAny);
    case VType::Kind::kSet: {
      auto e = Lub(*a.elem, *b.elem);
      if (!e) return std::nullopt;
      return VType::Set(std::move(*e));
    }
    case VType::Kind::kRecord: {
      if (a.attrs->size() != b.attrs->size()) return std::nullopt;
      std::vector<VAttr> out;
      out.reserve(a.attrs->size());
      for (size_t i = 0; i < a.attrs->size(); ++i) {
        const VAttr& x = (*a.attrs)[i];
        const VAttr& y = (*b.attrs)[i];
        if (x.name != y.name || x.required != y.required) return std::nullopt;
        auto t = Lub(x.type, y.type);
        if (!t) return std::nullopt;
        out.push_back({x.name, std::move(*t), x.required});
      }
      return VType::Record(std::move(out));
    }
    default:
      if (TypeEquals(a, b)) return a;
      return std::nullopt;
  }
}

ValidatorSchema::ValidatorSchema(const Schema& schema) {
  for (const auto& [name, d] : schema.entity_types()) {
    EntityInfo& e = entities[name];
    e.attrs = VType::FromSchema(d.shape);
    if (e.attrs.kind != VType::Kind::kRecord) e.attrs = VType::Record({});
    if (d.tags) e.tags = VType::FromSchema(*d.tags);
    e.enum_ids.insert(d.enum_ids.begin(), d.enum_ids.end());
  }
  // Transitive ancestor types: iterate to a fixed point (schemas are small).
  std::map<std::string, std::set<std::string>> direct;
  for (const auto& [name, d] : schema.entity_types()) {
    direct[name].insert(d.member_of.begin(), d.member_of.end());
  }
  for (auto& [name, e] : entities) {
    std::vector<std::string> todo(direct[name].begin(), direct[name].end());
    while (!todo.empty()) {
      std::string t = std::move(todo.back());
      todo.pop_back();
      if (!e.ancestors.insert(t).second) continue;
      auto it = direct.find(t);
      if (it != direct.end()) todo.insert(todo.end(), it->second.begin(), it->second.end());
    }
  }
  std::map<EntityUid, std::vector<EntityUid>> act_direct;
  for (const auto& a : schema.actions()) {
    ActionInfo& info = actions[a.uid];
    info.principals = a.principals;
    info.resources = a.resources;
    info.context = VType::FromSchema(a.context);
    if (info.context.kind != VType::Kind::kRecord) info.context = VType::Record({});
    act_direct[a.uid] = a.member_of;
    action_types.insert(a.uid.type);
  }
  for (auto& [uid, info] : actions) {
    std::vector<EntityUid> todo = act_direct[uid];
    while (!todo.empty()) {
      EntityUid u = std::move(todo.back());
      todo.pop_back();
      if (!info.ancestors.insert(u).second) continue;
      auto it = act_direct.find(u);
      if (it != act_direct.end()) todo.insert(todo.end(), it->second.begin(), it->second.end());
    }
  }
}

bool ValidatorSchema::IsValidUid(const EntityUid& uid) const {
  if (actions.count(uid)) return true;
  auto it = entities.find(uid.type);
  if (it == entities.end()) return false;
  return it->second.enum_ids.empty() || it->second.enum_ids.count(uid.id) > 0;
}

bool ValidatorSchema::TypeDescendentOf(const std::string& a, const std::string& b) const {
  if (a == b) return true;
  auto it = entities.find(a);
  if (it != entities.end()) return it->second.ancestors.count(b) > 0;
  for (const auto& [uid, info] : actions) {
    if (uid.type != a) continue;
    for (const auto& anc : info.ancestors) {
      if (anc.type == b) return true;
    }
  }
  return false;
}

bool ValidatorSchema::ActionDescendentOf(const EntityUid& a, const EntityUid& b) const {
  if (a == b) return true;
  auto it = actions.find(a);
  return it != actions.end() && it->second.ancestors.count(b) > 0;
}

}  // namespace sluice::policy
