// Query-string parameters of API routes, parsed with errors as values.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "common/status.h"
#include "http/message.h"

namespace sluice::server {

using QueryParams = std::map<std::string, std::string>;

// kInvalidArgument for a malformed query string.
Result<QueryParams> Query(const http::Request& req);
// A non-negative integer parameter, or `fallback` when absent or empty.
Result<std::int64_t> Number(const QueryParams& q, const std::string& key, std::int64_t fallback);
// A parameter's text, "" when absent.
std::string Text(const QueryParams& q, const std::string& key);

}  // namespace sluice::server
