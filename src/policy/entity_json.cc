#include "policy/entity_json.h"

#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "policy/extensions.h"

namespace sluice::policy {

using nlohmann::json;

namespace {

std::string_view JsonKind(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "object";
    case json::value_t::array:
      return "array";
    case json::value_t::string:
      return "string";
    case json::value_t::boolean:
      return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "integer";
    case json::value_t::number_float:
      return "floating-point number";
    default:
      return "unsupported value";
  }
}

Result<EntityUid> UidFields(const json& j) {
  auto t = j.find("type");
  auto i = j.find("id");
  if (t == j.end() || i == j.end() || !t->is_string() || !i->is_string() || j.size() != 2) {
    return InvalidArgument("expected an entity uid {\"type\": string, \"id\": string}");
  }
  return EntityUid{t->get<std::string>(), i->get<std::string>()};
}

Result<Value> ValueAt(const json& j, const SchemaType* type, int depth, const std::string& path);

Result<Value> Escape(const json& j, const SchemaType* type, int depth, const std::string& path,
                     bool* handled) {
  *handled = true;
  if (j.size() == 1 && j.contains("__entity")) {
    auto u = UidFields(j["__entity"]);
    if (!u.ok()) return InvalidArgument(path + ": in __entity: " + u.status().message());
    return Value::Entity(std::move(*u));
  }
  if (j.size() == 1 && j.contains("__extn")) {
    const json& e = j["__extn"];
    if (!e.is_object() || !e.contains("fn") || !e["fn"].is_string()) {
      return InvalidArgument(path + ": __extn needs {\"fn\": string, \"arg\": ...}");
    }
    std::string fn = e["fn"].get<std::string>();
    if (fn == "ipaddr") fn = "ip";
    auto f = ExtFnByName(fn);
    if (!f) return InvalidArgument(path + ": unknown extension function `" + fn + "`");
    std::vector<Value> args;
    if (e.contains("arg") && e.size() == 2) {
      SLUICE_ASSIGN_OR_RETURN(auto v, ValueAt(e["arg"], nullptr, depth + 1, path + ".arg"));
      args.push_back(std::move(v));
    } else if (e.contains("args") && e["args"].is_array() && e.size() == 2) {
      for (const auto& x : e["args"]) {
        SLUICE_ASSIGN_OR_RETURN(auto v, ValueAt(x, nullptr, depth + 1, path + ".args"));
        args.push_back(std::move(v));
      }
    } else {
      return InvalidArgument(path +
                             ": __extn needs {\"fn\": string, \"arg\": value} or "
                             "{\"fn\": string, \"args\": [values]}");
    }
    auto v = CallExtension(*f, args);
    if (!v.ok()) return InvalidArgument(path + ": " + v.status().message());
    return v;
  }
  if (j.contains("__expr")) {
    return InvalidArgument(path + ": the __expr escape is not supported (removed in Cedar 4)");
  }
  if (type != nullptr && type->kind == SchemaType::Kind::kEntity && j.size() == 2 &&
      j.contains("type") && j.contains("id")) {
    auto u = UidFields(j);
    if (!u.ok()) return InvalidArgument(path + ": " + u.status().message());
    return Value::Entity(std::move(*u));
  }
  *handled = false;
  return Value();
}

Result<Value> ValueAt(const json& j, const SchemaType* type, int depth, const std::string& path) {
  if (depth > kMaxJsonDepth) {
    return InvalidArgument(path + ": value nested too deeply (limit " +
                           std::to_string(kMaxJsonDepth) + ")");
  }
  switch (j.type()) {
    case json::value_t::boolean:
      return Value::Bool(j.get<bool>());
    case json::value_t::number_integer:
      return Value::Long(j.get<int64_t>());
    case json::value_t::number_unsigned: {
      uint64_t u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return InvalidArgument(path + ": integer " + std::to_string(u) +
                               " does not fit in 64 bits");
      }
      return Value::Long(static_cast<int64_t>(u));
    }
    case json::value_t::string: {
      if (type != nullptr && type->kind == SchemaType::Kind::kExt) {
        std::string fn = type->name == "ipaddr" ? "ip" : type->name;
        auto v = ConstructExtension(fn, j.get_ref<const std::string&>());
        if (!v.ok()) return InvalidArgument(path + ": " + v.status().message());
        return v;
      }
      return Value::String(j.get<std::string>());
    }
    case json::value_t::array: {
      const SchemaType* el = nullptr;
      if (type != nullptr && type->kind == SchemaType::Kind::kSet) el = &type->element[0];
      std::vector<Value> elems;
      elems.reserve(j.size());
      size_t i = 0;
      for (const auto& x : j) {
        SLUICE_ASSIGN_OR_RETURN(auto v,
                                ValueAt(x, el, depth + 1, path + "[" + std::to_string(i++) + "]"));
        elems.push_back(std::move(v));
      }
      return Value::Set(std::move(elems));
    }
    case json::value_t::object: {
      bool handled = false;
      SLUICE_ASSIGN_OR_RETURN(auto v, Escape(j, type, depth, path, &handled));
      if (handled) return v;
      std::vector<std::pair<std::string, Value>> fields;
      fields.reserve(j.size());
      for (auto it = j.begin(); it != j.end(); ++it) {
        const SchemaType* ft = nullptr;
        if (type != nullptr && type->kind == SchemaType::Kind::kRecord) {
          for (const auto& a : type->attrs) {
            if (a.name == it.key()) ft = &a.type;
          }
        }
        SLUICE_ASSIGN_OR_RETURN(auto fv, ValueAt(it.value(), ft, depth + 1, path + "." + it.key()));
        fields.emplace_back(it.key(), std::move(fv));
      }
      return Value::Record(std::move(fields));
    }
    default:
      return InvalidArgument(path + ": " + std::string(JsonKind(j)) + " is not a Cedar value");
  }
}

// Cedar rejects entity data whose parent relation has a cycle (an entity that
// is its own ancestor, directly or not) when it computes the transitive
// closure; so do we. Iterative depth-first search (hierarchies may be deep).
Status CheckAcyclic(const std::vector<Entity>& list) {
  std::unordered_map<EntityUid, size_t, EntityUidHash> index;
  index.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) index.emplace(list[i].uid, i);
  enum : uint8_t { kNew, kOpen, kDone };
  std::vector<uint8_t> state(list.size(), kNew);
  std::vector<std::pair<size_t, size_t>> stack;  // (entity, next parent to visit)
  for (size_t root = 0; root < list.size(); ++root) {
    if (state[root] != kNew) continue;
    state[root] = kOpen;
    stack.emplace_back(root, 0);
    while (!stack.empty()) {
      const size_t e = stack.back().first;
      const size_t next = stack.back().second++;
      if (next == list[e].parents.size()) {
        state[e] = kDone;
        stack.pop_back();
        continue;
      }
      auto it = index.find(list[e].parents[next]);
      if (it == index.end()) continue;  // a parent not in the data has no parents
      const size_t p = it->second;
      if (state[p] == kOpen) {
        return InvalidArgument("entity hierarchy has a cycle containing " + list[p].uid.ToString());
      }
      if (state[p] == kNew) {
        state[p] = kOpen;
        stack.emplace_back(p, 0);
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<json> ParseJsonText(std::string_view text, std::string_view what) {
  // nlohmann reports syntax errors by exception; keep it inside this function.
  // Duplicate object keys are rejected, as in Cedar.
  try {
    int dup_depth_guard = 0;
    (void)dup_depth_guard;
    std::vector<std::unordered_set<std::string>> keys;
    bool dup = false;
    std::string dup_key;
    json::parser_callback_t cb = [&](int depth, json::parse_event_t ev, json& parsed) {
      (void)depth;
      if (ev == json::parse_event_t::object_start) {
        keys.emplace_back();
      } else if (ev == json::parse_event_t::object_end) {
        if (!keys.empty()) keys.pop_back();
      } else if (ev == json::parse_event_t::key && !keys.empty()) {
        std::string k = parsed.get<std::string>();
        if (!keys.back().insert(k).second && !dup) {
          dup = true;
          dup_key = k;
        }
      }
      return true;
    };
    json j = json::parse(text.begin(), text.end(), cb);
    if (dup) return InvalidArgument(std::string(what) + ": duplicate key \"" + dup_key + "\"");
    return j;
  } catch (const json::exception& e) {
    return InvalidArgument(std::string(what) + ": invalid JSON: " + e.what());
  }
}

Result<EntityUid> EntityUidFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("expected an entity uid object");
  if (j.size() == 1 && j.contains("__entity")) return UidFields(j["__entity"]);
  return UidFields(j);
}

Result<Value> ValueFromJson(const json& j, const SchemaType* type) {
  return ValueAt(j, type, 0, "value");
}

Result<std::vector<Entity>> EntitiesFromJson(const json& j, const Schema* schema) {
  if (!j.is_array()) return InvalidArgument("entities: expected a JSON array of entities");
  std::vector<Entity> out;
  out.reserve(j.size());
  size_t idx = 0;
  for (const auto& ej : j) {
    std::string where = "entities[" + std::to_string(idx++) + "]";
    if (!ej.is_object()) return InvalidArgument(where + ": expected an object");
    for (auto it = ej.begin(); it != ej.end(); ++it) {
      if (it.key() != "uid" && it.key() != "attrs" && it.key() != "parents" && it.key() != "tags") {
        return InvalidArgument(where + ": unexpected field \"" + it.key() + "\"");
      }
    }
    Entity e;
    if (!ej.contains("uid")) return InvalidArgument(where + ": missing \"uid\"");
    auto uid = EntityUidFromJson(ej["uid"]);
    if (!uid.ok()) return InvalidArgument(where + ".uid: " + uid.status().message());
    e.uid = std::move(*uid);
    const EntityTypeDecl* decl = schema ? schema->FindEntityType(e.uid.type) : nullptr;
    if (ej.contains("attrs")) {
      const json& a = ej["attrs"];
      if (!a.is_object()) return InvalidArgument(where + ".attrs: expected an object");
      SLUICE_ASSIGN_OR_RETURN(e.attrs,
                              ValueAt(a, decl ? &decl->shape : nullptr, 1, where + ".attrs"));
      if (!e.attrs.is_record()) return InvalidArgument(where + ".attrs: expected a record");
    }
    if (ej.contains("parents")) {
      const json& ps = ej["parents"];
      if (!ps.is_array()) return InvalidArgument(where + ".parents: expected an array");
      for (const auto& p : ps) {
        auto pu = EntityUidFromJson(p);
        if (!pu.ok()) return InvalidArgument(where + ".parents: " + pu.status().message());
        e.parents.push_back(std::move(*pu));
      }
    }
    if (ej.contains("tags")) {
      const json& t = ej["tags"];
      if (!t.is_object()) return InvalidArgument(where + ".tags: expected an object");
      std::vector<std::pair<std::string, Value>> tags;
      const SchemaType* tt = decl && decl->tags ? &*decl->tags : nullptr;
      for (auto it = t.begin(); it != t.end(); ++it) {
        SLUICE_ASSIGN_OR_RETURN(auto v, ValueAt(it.value(), tt, 2, where + ".tags." + it.key()));
        tags.emplace_back(it.key(), std::move(v));
      }
      e.tags = Value::Record(std::move(tags));
    }
    out.push_back(std::move(e));
  }
  if (schema != nullptr) {
    // The schema is the source of truth for actions and their hierarchy.
    std::unordered_map<EntityUid, size_t, EntityUidHash> pos;
    for (size_t i = 0; i < out.size(); ++i) pos[out[i].uid] = i;
    for (auto& a : schema->ActionEntities()) {
      auto it = pos.find(a.uid);
      if (it != pos.end()) {
        out[it->second].parents = a.parents;
      } else {
        out.push_back(std::move(a));
      }
    }
  }
  SLUICE_RETURN_IF_ERROR(CheckAcyclic(out));
  return out;
}

Result<EntityStore> ParseEntitiesJson(std::string_view text, const Schema* schema) {
  SLUICE_ASSIGN_OR_RETURN(auto j, ParseJsonText(text, "entities"));
  SLUICE_ASSIGN_OR_RETURN(auto list, EntitiesFromJson(j, schema));
  return EntityStore::Make(std::move(list));
}

Result<Value> ContextFromJson(const json& j, const Schema* schema, const EntityUid& action) {
  if (!j.is_object()) return InvalidArgument("context: expected a JSON object");
  const SchemaType* t = nullptr;
  if (schema != nullptr) {
    if (const ActionDecl* a = schema->FindAction(action)) t = &a->context;
  }
  SLUICE_ASSIGN_OR_RETURN(auto v, ValueAt(j, t, 0, "context"));
  if (!v.is_record()) return InvalidArgument("context: expected a record");
  return v;
}

Result<Request> RequestFromJson(const json& j, const Schema* schema) {
  if (!j.is_object()) return InvalidArgument("request: expected a JSON object");
  Request r;
  for (const char* f : {"principal", "action", "resource"}) {
    if (!j.contains(f)) return InvalidArgument(std::string("request: missing \"") + f + "\"");
    auto u = EntityUidFromJson(j[f]);
    if (!u.ok()) return InvalidArgument(std::string("request.") + f + ": " + u.status().message());
    EntityUid& dst = f[0] == 'p' ? r.principal : (f[0] == 'a' ? r.action : r.resource);
    dst = std::move(*u);
  }
  if (j.contains("context")) {
    SLUICE_ASSIGN_OR_RETURN(r.context, ContextFromJson(j["context"], schema, r.action));
  }
  return r;
}

}  // namespace sluice::policy
