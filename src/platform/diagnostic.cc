#include "platform/diagnostic.h"

#include <algorithm>

#include "platform/utf8.h"

namespace sluice::platform {

std::string Diagnostic::ToString() const {
  // Appends rather than `":" + std::to_string(...)`, which trips GCC 12's false -Wrestrict.
  std::string out = file;
  if (line > 0) {
    out.append(":").append(std::to_string(line)).append(":").append(std::to_string(column));
  }
  out.append(": error [").append(rule).append("]: ").append(message);
  return out;
}

std::string Quoted(std::string_view text) {
  constexpr size_t kMaxShown = 64;
  size_t shown = std::min(text.size(), kMaxShown);
  // Never cut a UTF-8 sequence in half: back up over continuation bytes.
  while (shown > 0 && shown < text.size() &&
         (static_cast<unsigned char>(text[shown]) & 0xC0) == 0x80) {
    --shown;
  }
  std::string out(1, '"');
  // Messages must stay valid UTF-8 whatever the file holds.
  for (char c : ToValidUtf8(text.substr(0, shown))) {
    out.push_back((static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c);
  }
  if (text.size() > shown) out.append("...");
  out.push_back('"');
  return out;
}

std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) text += d.ToString() + "\n";
  return text;
}

}  // namespace sluice::platform
