// JSON codec of the HTTP API: strict request parsing and the response
// shapes. The API's wire format lives here and in docs/api.md only.
//
// Strict means: a body must be a JSON object; unknown fields are errors
// (a typo must not silently drop a setting); every error says where.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "access/token.h"
#include "common/status.h"
#include "platform/model.h"
#include "service/service.h"
#include "store/records.h"

namespace sluice::server {

// Parses a request body; InvalidArgument names line and column of a syntax
// error, or says the body is not an object.
Result<nlohmann::json> ParseJsonObject(std::string_view body);

// InvalidArgument naming the first field of `object` not in `allowed`.
Status RejectUnknownFields(const nlohmann::json& object,
                           std::initializer_list<std::string_view> allowed);

// Fields of a request body: InvalidArgument naming the field when it has
// the wrong type (or, for the required ones, is missing or empty).
Result<std::string> RequiredString(const nlohmann::json& body, const char* key);
std::string OptionalString(const nlohmann::json& body, const char* key);  // "" when absent
Result<std::vector<std::string>> StringList(const nlohmann::json& body, const char* key,
                                            bool required);

// {"name","kind","roles":[...],"attributes":{k: string|bool|[strings]}}
Result<service::NewPrincipal> ParseNewPrincipal(const nlohmann::json& body);
// {"expires_in": "30d"} (optional)
Result<std::optional<std::chrono::seconds>> ParseTokenRequest(const nlohmann::json& body);

nlohmann::json PrincipalToJson(const store::Principal& principal);
nlohmann::json EnvironmentToJson(const platform::Environment& environment);
nlohmann::json IssuedTokenToJson(const access::IssuedToken& token);

// The attribute value in JSON: a string, a boolean or an array of strings.
nlohmann::json AttributeToJson(const store::AttributeValue& value);
Result<store::AttributeValue> AttributeFromJson(std::string_view key, const nlohmann::json& value);

}  // namespace sluice::server
