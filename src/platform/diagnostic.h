// Diagnostics: the errors found in a platform file, each tied to a file, a 1-based line and
// column, and a stable rule id (the ids are listed in docs/platform-file.md; scripts match on
// them, so never rename one).
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/model.h"

namespace sluice::platform {

// Parsing and checking stop collecting after this many diagnostics (and say so), so a hostile
// file cannot make us build millions of messages.
inline constexpr size_t kMaxDiagnostics = 100;

struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string rule;
  std::string message;

  // "five.yaml:12:11: error [name-format]: environment name ..." (the compiler format editors
  // understand); "five.yaml: error [file-read]: ..." when there is no line (line 0).
  std::string ToString() const;
};

struct ParseOutcome {
  // Set exactly when `diagnostics` is empty.
  std::optional<Platform> platform;
  // In file order (by line, then column).
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return diagnostics.empty() && platform.has_value(); }
};

// `text` in double quotes for a message, cut to about 64 bytes (at a UTF-8 character boundary),
// control characters replaced by spaces and malformed UTF-8 by '?': names in messages come from
// untrusted files, and a message must stay on one line and be valid UTF-8.
std::string Quoted(std::string_view text);

// All diagnostics, one ToString() per line, newline-terminated.
std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace sluice::platform
