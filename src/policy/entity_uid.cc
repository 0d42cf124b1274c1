#include "policy/entity_uid.h"

#include <cstdio>

namespace sluice::policy {

std::string EscapeCedarString(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (char c : s) {
    auto uc = static_cast<unsigned char>(c);
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\0':
        out += "\\0";
        break;
      default:
        if (uc < 0x20 || uc == 0x7f) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "\\u{%x}", uc);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string EntityUid::ToString() const {
  return type + "::\"" + EscapeCedarString(id) + "\"";
}

}  // namespace sluice::policy
