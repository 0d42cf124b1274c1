#include "policy/schema_check.h"

#include <algorithm>
#include <string>

#include "policy/extension_value.h"

namespace sluice::policy {

namespace {
std::string TypeText(const SchemaType& t) {
  switch (t.kind) {
    case SchemaType::Kind::kBool:
      return "Bool";
    case SchemaType::Kind::kLong:
      return "Long";
    case SchemaType::Kind::kString:
      return "String";
    case SchemaType::Kind::kEntity:
      return "entity " + t.name;
    case SchemaType::Kind::kSet:
      return "Set<" + TypeText(t.element[0]) + ">";
    case SchemaType::Kind::kRecord:
      return "record";
    case SchemaType::Kind::kExt:
      return t.name;
    case SchemaType::Kind::kRef:
      return t.name;
  }
  return "?";
}

Status Mismatch(std::string_view path, const SchemaType& t, const Value& v) {
  return InvalidArgument(std::string(path) + ": expected " + TypeText(t) + ", got " + v.TypeName());
}

Status CheckEnum(const Schema& schema, const EntityUid& uid, std::string_view what) {
  const EntityTypeDecl* d = schema.FindEntityType(uid.type);
  if (d == nullptr || d->enum_ids.empty()) return Status::Ok();
  if (std::find(d->enum_ids.begin(), d->enum_ids.end(), uid.id) == d->enum_ids.end()) {
    return InvalidArgument(std::string(what) + " " + uid.ToString() +
                           " is not one of the enumerated ids of " + uid.type);
  }
  return Status::Ok();
}
}  // namespace

Status CheckValue(const Value& v, const SchemaType& t, std::string_view path) {
  switch (t.kind) {
    case SchemaType::Kind::kBool:
      if (!v.is_bool()) return Mismatch(path, t, v);
      return Status::Ok();
    case SchemaType::Kind::kLong:
      if (!v.is_long()) return Mismatch(path, t, v);
      return Status::Ok();
    case SchemaType::Kind::kString:
      if (!v.is_string()) return Mismatch(path, t, v);
      return Status::Ok();
    case SchemaType::Kind::kEntity:
      if (!v.is_entity() || v.as_entity().type != t.name) return Mismatch(path, t, v);
      return Status::Ok();
    case SchemaType::Kind::kExt:
      if (!v.is_ext() || ExtTypeName(v.as_ext()) != t.name) return Mismatch(path, t, v);
      return Status::Ok();
    case SchemaType::Kind::kSet:
      if (!v.is_set()) return Mismatch(path, t, v);
      for (const auto& e : v.as_set().elems) {
        SLUICE_RETURN_IF_ERROR(CheckValue(e, t.element[0], std::string(path) + "[]"));
      }
      return Status::Ok();
    case SchemaType::Kind::kRecord: {
      if (!v.is_record()) return Mismatch(path, t, v);
      for (const auto& a : t.attrs) {
        const Value* f = v.FindField(a.name);
        if (f == nullptr) {
          if (a.required) {
            return InvalidArgument(std::string(path) + ": missing required attribute `" + a.name +
                                   "`");
          }
          continue;
        }
        SLUICE_RETURN_IF_ERROR(CheckValue(*f, a.type, std::string(path) + "." + a.name));
      }
      if (!t.additional_attrs) {
        for (const auto& field : v.as_record().fields) {
          const std::string& k = field.first;
          bool declared = std::any_of(t.attrs.begin(), t.attrs.end(),
                                      [&](const SchemaAttr& a) { return a.name == k; });
          if (!declared) {
            return InvalidArgument(std::string(path) + ": attribute `" + k +
                                   "` is not declared in the schema");
          }
        }
      }
      return Status::Ok();
    }
    case SchemaType::Kind::kRef:
      return InvalidArgument(std::string(path) + ": unresolved schema type " + t.name);
  }
  return Status::Ok();
}

Status ValidateEntities(const Schema& schema, const EntityStore& store) {
  for (const auto& [uid, e] : store.all()) {
    if (const ActionDecl* a = schema.FindAction(uid)) {
      (void)a;
      continue;
    }
    const EntityTypeDecl* d = schema.FindEntityType(uid.type);
    if (d == nullptr) {
      return InvalidArgument("entity " + uid.ToString() + ": type " + uid.type +
                             " is not declared in the schema");
    }
    SLUICE_RETURN_IF_ERROR(CheckEnum(schema, uid, "entity"));
    SLUICE_RETURN_IF_ERROR(CheckValue(e.attrs, d->shape, uid.ToString() + ".attrs"));
    for (const auto& p : e.parents) {
      if (std::find(d->member_of.begin(), d->member_of.end(), p.type) == d->member_of.end()) {
        return InvalidArgument("entity " + uid.ToString() + ": parent " + p.ToString() +
                               " has a type the schema does not allow as a parent");
      }
    }
    const auto& tags = e.tags.as_record().fields;
    if (!tags.empty()) {
      if (!d->tags) {
        return InvalidArgument("entity " + uid.ToString() + ": has tags, but type " + uid.type +
                               " declares none");
      }
      for (const auto& [k, v] : tags) {
        SLUICE_RETURN_IF_ERROR(CheckValue(v, *d->tags, uid.ToString() + ".tags." + k));
      }
    }
  }
  return Status::Ok();
}

Status ValidateRequest(const Schema& schema, const Request& req) {
  const ActionDecl* a = schema.FindAction(req.action);
  if (a == nullptr) {
    return InvalidArgument("request: action " + req.action.ToString() +
                           " is not declared in the schema");
  }
  auto applies = [](const std::vector<std::string>& types, const EntityUid& u) {
    return std::find(types.begin(), types.end(), u.type) != types.end();
  };
  if (!applies(a->principals, req.principal)) {
    return InvalidArgument("request: principal type " + req.principal.type +
                           " is not valid for action " + req.action.ToString());
  }
  if (!applies(a->resources, req.resource)) {
    return InvalidArgument("request: resource type " + req.resource.type +
                           " is not valid for action " + req.action.ToString());
  }
  SLUICE_RETURN_IF_ERROR(CheckEnum(schema, req.principal, "principal"));
  SLUICE_RETURN_IF_ERROR(CheckEnum(schema, req.resource, "resource"));
  return CheckValue(req.context, a->context, "context");
}

}  // namespace sluice::policy
