// The JSON schema format (Schema::ParseJson). Builds the same model as the
// human-readable parser in schema.cc; names are resolved by Schema::Resolve.
#include <algorithm>

#include "policy/entity_json.h"
#include "policy/schema.h"

namespace sluice::policy {

using nlohmann::json;

class SchemaJsonParser {
 public:
  SchemaJsonParser(std::string_view filename, Schema* out) : filename_(filename), s_(out) {}

  Status Run(const json& root) {
    if (!root.is_object()) return Err("", "expected an object of namespaces");
    for (auto it = root.begin(); it != root.end(); ++it) {
      SLUICE_RETURN_IF_ERROR(Namespace(it.key(), it.value()));
    }
    return Status::Ok();
  }

 private:
  Status Err(const std::string& path, std::string_view what) const {
    return InvalidArgument(filename_ + ": " + (path.empty() ? "" : path + ": ") +
                           std::string(what));
  }
  static std::string Qualify(const std::string& ns, const std::string& name) {
    return ns.empty() ? name : ns + "::" + name;
  }
  static std::string QualifyRef(const std::string& ns, const std::string& name) {
    return name.find("::") == std::string::npos ? Qualify(ns, name) : name;
  }

  Status Namespace(const std::string& ns, const json& j) {
    std::string where = ns.empty() ? "\"\"" : ns;
    if (!j.is_object()) return Err(where, "expected an object");
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& k = it.key();
      if (k != "entityTypes" && k != "actions" && k != "commonTypes" && k != "annotations") {
        return Err(where, "unexpected field \"" + k + "\"");
      }
    }
    if (j.contains("commonTypes")) {
      const json& ct = j["commonTypes"];
      if (!ct.is_object()) return Err(where + ".commonTypes", "expected an object");
      for (auto it = ct.begin(); it != ct.end(); ++it) {
        SLUICE_ASSIGN_OR_RETURN(auto t,
                                Type(ns, it.value(), where + ".commonTypes." + it.key(), 0));
        s_->common_types_[Qualify(ns, it.key())] = std::move(t);
      }
    }
    if (j.contains("entityTypes")) {
      const json& et = j["entityTypes"];
      if (!et.is_object()) return Err(where + ".entityTypes", "expected an object");
      for (auto it = et.begin(); it != et.end(); ++it) {
        std::string p = where + ".entityTypes." + it.key();
        const json& d = it.value();
        if (!d.is_object()) return Err(p, "expected an object");
        EntityTypeDecl decl;
        decl.name = Qualify(ns, it.key());
        decl.shape.kind = SchemaType::Kind::kRecord;
        if (d.contains("memberOfTypes")) {
          if (!d["memberOfTypes"].is_array()) return Err(p, "memberOfTypes: expected an array");
          for (const auto& m : d["memberOfTypes"]) {
            if (!m.is_string()) return Err(p, "memberOfTypes: expected strings");
            decl.member_of.push_back(QualifyRef(ns, m.get<std::string>()));
          }
        }
        if (d.contains("shape")) {
          SLUICE_ASSIGN_OR_RETURN(decl.shape, Type(ns, d["shape"], p + ".shape", 0));
        }
        if (d.contains("tags")) {
          SLUICE_ASSIGN_OR_RETURN(auto t, Type(ns, d["tags"], p + ".tags", 0));
          decl.tags = std::move(t);
        }
        if (d.contains("enum")) {
          if (!d["enum"].is_array()) return Err(p, "enum: expected an array of strings");
          for (const auto& e : d["enum"]) {
            if (!e.is_string()) return Err(p, "enum: expected strings");
            decl.enum_ids.push_back(e.get<std::string>());
          }
        }
        s_->entity_types_[decl.name] = std::move(decl);
      }
    }
    if (j.contains("actions")) {
      const json& as = j["actions"];
      if (!as.is_object()) return Err(where + ".actions", "expected an object");
      for (auto it = as.begin(); it != as.end(); ++it) {
        std::string p = where + ".actions." + it.key();
        const json& d = it.value();
        if (!d.is_object()) return Err(p, "expected an object");
        ActionDecl a;
        a.uid = EntityUid{Qualify(ns, "Action"), it.key()};
        a.context.kind = SchemaType::Kind::kRecord;
        if (d.contains("memberOf")) {
          if (!d["memberOf"].is_array()) return Err(p, "memberOf: expected an array");
          for (const auto& m : d["memberOf"]) {
            if (!m.is_object() || !m.contains("id") || !m["id"].is_string()) {
              return Err(p, "memberOf: expected {\"id\": string, \"type\"?: string}");
            }
            std::string type = Qualify(ns, "Action");
            if (m.contains("type")) {
              if (!m["type"].is_string()) return Err(p, "memberOf.type: expected a string");
              type = QualifyRef(ns, m["type"].get<std::string>());
            }
            a.member_of.push_back(EntityUid{type, m["id"].get<std::string>()});
          }
        }
        if (d.contains("appliesTo") && !d["appliesTo"].is_null()) {
          const json& at = d["appliesTo"];
          if (!at.is_object()) return Err(p, "appliesTo: expected an object");
          a.has_applies_to = true;
          for (const char* f : {"principalTypes", "resourceTypes"}) {
            if (!at.contains(f)) continue;
            if (!at[f].is_array()) return Err(p, std::string(f) + ": expected an array");
            auto& dst = f[0] == 'p' ? a.principals : a.resources;
            for (const auto& t : at[f]) {
              if (!t.is_string()) return Err(p, std::string(f) + ": expected strings");
              dst.push_back(QualifyRef(ns, t.get<std::string>()));
            }
          }
          if (at.contains("context")) {
            SLUICE_ASSIGN_OR_RETURN(a.context, Type(ns, at["context"], p + ".context", 0));
          }
        }
        s_->actions_.push_back(std::move(a));
      }
    }
    return Status::Ok();
  }

  Result<SchemaType> Type(const std::string& ns, const json& j, const std::string& p, int depth) {
    if (depth > 64) return Err(p, "type nested too deeply");
    if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) {
      return Err(p, "expected a type object {\"type\": ...}");
    }
    std::string t = j["type"].get<std::string>();
    SchemaType out;
    if (t == "Long") {
      out.kind = SchemaType::Kind::kLong;
    } else if (t == "String") {
      out.kind = SchemaType::Kind::kString;
    } else if (t == "Boolean") {
      out.kind = SchemaType::Kind::kBool;
    } else if (t == "Set") {
      if (!j.contains("element")) return Err(p, "Set needs \"element\"");
      out.kind = SchemaType::Kind::kSet;
      SLUICE_ASSIGN_OR_RETURN(auto el, Type(ns, j["element"], p + ".element", depth + 1));
      out.element.push_back(std::move(el));
    } else if (t == "Record") {
      out.kind = SchemaType::Kind::kRecord;
      if (j.contains("additionalAttributes") && j["additionalAttributes"].is_boolean()) {
        out.additional_attrs = j["additionalAttributes"].get<bool>();
      }
      if (j.contains("attributes")) {
        const json& as = j["attributes"];
        if (!as.is_object()) return Err(p, "attributes: expected an object");
        for (auto it = as.begin(); it != as.end(); ++it) {
          SchemaAttr a;
          a.name = it.key();
          SLUICE_ASSIGN_OR_RETURN(a.type, Type(ns, it.value(), p + "." + it.key(), depth + 1));
          if (it.value().contains("required") && it.value()["required"].is_boolean()) {
            a.required = it.value()["required"].get<bool>();
          }
          out.attrs.push_back(std::move(a));
        }
        std::sort(out.attrs.begin(), out.attrs.end(),
                  [](const SchemaAttr& x, const SchemaAttr& y) { return x.name < y.name; });
      }
    } else if (t == "Entity" || t == "Extension" || t == "EntityOrCommon") {
      if (!j.contains("name") || !j["name"].is_string()) return Err(p, t + " needs \"name\"");
      std::string name = j["name"].get<std::string>();
      if (t == "Extension") {
        out.kind = SchemaType::Kind::kExt;
        out.name = name;
      } else {
        out.kind = SchemaType::Kind::kRef;
        out.name = name;
        out.ns = ns;
        out.entity_only = t == "Entity";
      }
    } else {
      // A common type reference written as {"type": "Name"}.
      out.kind = SchemaType::Kind::kRef;
      out.name = t;
      out.ns = ns;
    }
    return out;
  }

  std::string filename_;
  Schema* s_;
};

Result<Schema> Schema::ParseJson(std::string_view text, std::string_view filename) {
  SLUICE_ASSIGN_OR_RETURN(auto j, ParseJsonText(text, filename));
  Schema s;
  SchemaJsonParser p(filename, &s);
  SLUICE_RETURN_IF_ERROR(p.Run(j));
  SLUICE_RETURN_IF_ERROR(s.Resolve());
  return s;
}

}  // namespace sluice::policy
