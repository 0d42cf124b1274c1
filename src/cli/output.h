// Output helpers shared by the CLI commands: JSON for scripts (--json),
// aligned tables for people, and error reporting with the exit code that
// matches the error.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"

namespace sluice::cli {

// Prints `doc` as indented JSON on stdout.
void PrintJson(const nlohmann::json& doc);

// Prints rows as a table with a header row, columns padded to fit.
void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);

// Prints "sluice: error: <message>" on stderr and returns the exit code for
// the status: 3 for kUnauthenticated/kPermissionDenied, else 1.
int ReportError(const Status& status);

// A local file's bytes; kNotFound naming it when it cannot be read.
Result<std::string> ReadLocalFile(const std::string& path);

// The string member `key` of a JSON object, or "-" when it is missing or not
// a string (for printing server answers).
std::string Str(const nlohmann::json& j, const char* key);

// "a, b" for a list; "-" when empty.
std::string JoinOrDash(const std::vector<std::string>& items);

}  // namespace sluice::cli
