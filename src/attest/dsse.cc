#include "attest/dsse.h"

#include "auditlog/base64.h"

namespace sluice::attest {

std::string PreAuthEncoding(std::string_view payload_type, std::string_view payload) {
  std::string out = "DSSEv1 ";
  out += std::to_string(payload_type.size());
  out += ' ';
  out += payload_type;
  out += ' ';
  out += std::to_string(payload.size());
  out += ' ';
  out += payload;
  return out;
}

Result<std::string> DecodeDsseBase64(std::string_view text) {
  const bool url_safe = text.find_first_of("-_") != std::string_view::npos;
  if (url_safe && text.find_first_of("+/") != std::string_view::npos) {
    return InvalidArgument("base64 mixes the standard and URL-safe alphabets");
  }
  // Map onto the standard alphabet with padding, then decode strictly. The
  // signature covers the decoded bytes, so accepting several spellings of
  // them cannot let a changed payload pass.
  std::string standard(text);
  if (url_safe) {
    for (char& c : standard) {
      if (c == '-') c = '+';
      if (c == '_') c = '/';
    }
  }
  if (standard.find('=') == std::string::npos) {
    if (standard.size() % 4 == 1) return InvalidArgument("base64 has a dangling character");
    while (standard.size() % 4 != 0) standard.push_back('=');
  }
  return auditlog::Base64Decode(standard);
}

}  // namespace sluice::attest
