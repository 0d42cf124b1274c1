#include "server/json_codec.h"

#include <algorithm>

#include "common/clock.h"

namespace sluice::server {
namespace {

// Line and column (1-based) of byte `offset` in `text`.
std::pair<int, int> LineColumn(std::string_view text, std::size_t offset) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

std::string_view TypeName(const nlohmann::json& j) {
  return j.type_name();
}

}  // namespace

Result<nlohmann::json> ParseJsonObject(std::string_view body) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    auto [line, column] = LineColumn(body, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    std::size_t colon = what.rfind(": ");
    std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
    return InvalidArgument("malformed JSON body at line " + std::to_string(line) + ", column " +
                           std::to_string(column) + ": " + reason);
  }
  if (!doc.is_object()) {
    return InvalidArgument("the request body must be a JSON object, not " +
                           std::string(TypeName(doc)));
  }
  return doc;
}

Status RejectUnknownFields(const nlohmann::json& object,
                           std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string known;
      for (auto a : allowed) known.append(known.empty() ? "" : ", ").append(a);
      return InvalidArgument("unknown field \"" + key + "\" (known fields: " + known + ")");
    }
  }
  return Status::Ok();
}

Result<store::AttributeValue> AttributeFromJson(std::string_view key, const nlohmann::json& value) {
  if (value.is_string()) return store::AttributeValue(value.get<std::string>());
  if (value.is_boolean()) return store::AttributeValue(value.get<bool>());
  if (value.is_array()) {
    std::vector<std::string> set;
    for (const auto& element : value) {
      if (!element.is_string() || element.get_ref<const std::string&>().empty()) {
        return InvalidArgument("attribute \"" + std::string(key) +
                               "\": a set may hold only non-empty strings");
      }
      set.push_back(element.get<std::string>());
    }
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    return store::AttributeValue(std::move(set));
  }
  return InvalidArgument("attribute \"" + std::string(key) +
                         "\" must be a string, a boolean or an array of strings, not " +
                         std::string(TypeName(value)));
}

nlohmann::json AttributeToJson(const store::AttributeValue& value) {
  return std::visit([](const auto& v) { return nlohmann::json(v); }, value);
}

Result<service::NewPrincipal> ParseNewPrincipal(const nlohmann::json& body) {
  SLUICE_RETURN_IF_ERROR(RejectUnknownFields(body, {"name", "kind", "roles", "attributes"}));
  service::NewPrincipal out;
  if (!body.contains("name") || !body["name"].is_string()) {
    return InvalidArgument("field \"name\" (a string) is required");
  }
  out.name = body["name"].get<std::string>();
  if (!body.contains("kind") || !body["kind"].is_string()) {
    return InvalidArgument("field \"kind\" (\"user\" or \"service\") is required");
  }
  SLUICE_ASSIGN_OR_RETURN(out.kind, store::ParsePrincipalKind(body["kind"].get<std::string>()));
  if (body.contains("roles")) {
    const auto& roles = body["roles"];
    if (!roles.is_array()) return InvalidArgument("field \"roles\" must be an array of strings");
    for (const auto& role : roles) {
      if (!role.is_string()) return InvalidArgument("field \"roles\" must hold only strings");
      out.roles.push_back(role.get<std::string>());
    }
  }
  if (body.contains("attributes")) {
    const auto& attributes = body["attributes"];
    if (!attributes.is_object()) return InvalidArgument("field \"attributes\" must be an object");
    for (const auto& [key, value] : attributes.items()) {
      SLUICE_ASSIGN_OR_RETURN(out.attributes[key], AttributeFromJson(key, value));
    }
  }
  return out;
}

Result<std::optional<std::chrono::seconds>> ParseTokenRequest(const nlohmann::json& body) {
  SLUICE_RETURN_IF_ERROR(RejectUnknownFields(body, {"expires_in"}));
  if (!body.contains("expires_in") || body["expires_in"].is_null()) {
    return std::optional<std::chrono::seconds>{};
  }
  if (!body["expires_in"].is_string()) {
    return InvalidArgument("field \"expires_in\" must be a duration like \"30d\"");
  }
  SLUICE_ASSIGN_OR_RETURN(std::chrono::seconds ttl,
                          access::ParseTtl(body["expires_in"].get<std::string>()));
  return std::optional<std::chrono::seconds>(ttl);
}

nlohmann::json PrincipalToJson(const store::Principal& p) {
  nlohmann::json attributes = nlohmann::json::object();
  for (const auto& [key, value] : p.attributes) attributes[key] = AttributeToJson(value);
  return {{"name", p.name},
          {"kind", store::ToString(p.kind)},
          {"roles", p.roles},
          {"attributes", attributes},
          {"created", FormatRfc3339Millis(p.created_ms)}};
}

nlohmann::json EnvironmentToJson(const platform::Environment& e) {
  nlohmann::json retention = nullptr;
  if (e.copy_retention) retention = e.copy_retention->count();
  return {{"name", e.name},
          {"track", platform::ToString(e.track)},
          {"data", platform::ToString(e.data)},
          {"mode", platform::ToString(e.mode)},
          {"storage_domain", e.storage_domain},
          {"copy_retention_seconds", retention},
          {"description", e.description}};
}

nlohmann::json IssuedTokenToJson(const access::IssuedToken& t) {
  nlohmann::json expires = nullptr;
  if (t.record.expires_ms) expires = FormatRfc3339Millis(*t.record.expires_ms);
  return {{"id", t.record.id},
          {"principal", t.record.principal},
          {"token", t.plaintext},
          {"created", FormatRfc3339Millis(t.record.created_ms)},
          {"expires", expires}};
}

Result<std::string> RequiredString(const nlohmann::json& body, const char* key) {
  if (!body.contains(key) || !body[key].is_string() || body[key].get<std::string>().empty()) {
    return InvalidArgument(std::string("\"") + key + "\" must be a non-empty string");
  }
  return body[key].get<std::string>();
}

Result<std::vector<std::string>> StringList(const nlohmann::json& body, const char* key,
                                            bool required) {
  std::vector<std::string> out;
  if (!body.contains(key)) {
    if (required)
      return InvalidArgument(std::string("\"") + key + "\" (a list of strings) is missing");
    return out;
  }
  if (!body[key].is_array())
    return InvalidArgument(std::string("\"") + key + "\" is a list of strings");
  for (const auto& r : body[key]) {
    if (!r.is_string()) return InvalidArgument(std::string("each of \"") + key + "\" is a string");
    out.push_back(r.get<std::string>());
  }
  return out;
}

std::string OptionalString(const nlohmann::json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
}

}  // namespace sluice::server
