// Validators for credentials: AWS access key ids, PEM private key headers, and JWTs (whose
// header and payload must decode to JSON objects). validators.h states each rule.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "scan/text.h"
#include "scan/validators.h"

namespace sluice::scan {

namespace {

bool IsBase32Upper(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
}

bool IsUpperAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || IsDigit(c);
}

bool IsBase64Url(char c) {
  return IsAlnum(c) || c == '-' || c == '_';
}

// Decodes base64url without padding; nullopt on a bad character or length.
std::optional<std::string> DecodeBase64Url(std::string_view in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (IsDigit(c))
      v = c - '0' + 52;
    else if (c == '-')
      v = 62;
    else if (c == '_')
      v = 63;
    else
      return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace

bool IsAwsAccessKeyId(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() != 20 || !(s.starts_with("AKIA") || s.starts_with("ASIA"))) return false;
  for (size_t i = 4; i < 20; ++i) {
    if (!IsBase32Upper(s[i])) return false;
  }
  return true;
}

bool ContainsAwsAccessKeyId(std::string_view text) {
  for (size_t i = 0; i + 20 <= text.size(); ++i) {
    if (text[i] != 'A' || (text[i + 1] != 'K' && text[i + 1] != 'S')) continue;
    if (i > 0 && IsUpperAlnum(text[i - 1])) continue;
    if (i + 20 < text.size() && IsUpperAlnum(text[i + 20])) continue;
    if (IsAwsAccessKeyId(text.substr(i, 20))) return true;
  }
  return false;
}

bool ContainsPrivateKeyHeader(std::string_view text) {
  static constexpr std::string_view kBegin = "-----BEGIN ";
  static constexpr std::string_view kKinds[] = {"",     "RSA ",     "EC ",
                                                "DSA ", "OPENSSH ", "ENCRYPTED "};
  for (size_t at = text.find(kBegin); at != std::string_view::npos;
       at = text.find(kBegin, at + 1)) {
    std::string_view rest = text.substr(at + kBegin.size());
    if (rest.starts_with("PGP PRIVATE KEY BLOCK-----")) return true;
    for (std::string_view kind : kKinds) {
      if (rest.starts_with(kind) && rest.substr(kind.size()).starts_with("PRIVATE KEY-----")) {
        return true;
      }
    }
  }
  return false;
}

bool IsJwt(std::string_view token) {
  std::string_view s = TrimAscii(token);
  if (s.size() > 16384) return false;
  size_t dot1 = s.find('.');
  if (dot1 == std::string_view::npos) return false;
  size_t dot2 = s.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || s.find('.', dot2 + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view header = s.substr(0, dot1);
  std::string_view payload = s.substr(dot1 + 1, dot2 - dot1 - 1);
  std::string_view signature = s.substr(dot2 + 1);
  if (header.size() < 8 || header.size() > 2048 || payload.empty()) return false;
  for (char c : signature) {
    if (!IsBase64Url(c)) return false;
  }
  auto decoded_header = DecodeBase64Url(header);
  if (!decoded_header) return false;
  nlohmann::json h = nlohmann::json::parse(*decoded_header, nullptr, false);
  if (h.is_discarded() || !h.is_object()) return false;
  auto alg = h.find("alg");
  if (alg == h.end() || !alg->is_string()) return false;
  auto decoded_payload = DecodeBase64Url(payload);
  if (!decoded_payload) return false;
  nlohmann::json p = nlohmann::json::parse(*decoded_payload, nullptr, false);
  return !p.is_discarded() && p.is_object();
}

bool ContainsJwt(std::string_view text) {
  int examined = 0;
  for (size_t at = text.find("eyJ"); at != std::string_view::npos && examined < 16;
       at = text.find("eyJ", at + 1)) {
    if (at > 0 && (IsBase64Url(text[at - 1]) || text[at - 1] == '.')) continue;
    ++examined;
    size_t end = at;
    while (end < text.size() && (IsBase64Url(text[end]) || text[end] == '.')) ++end;
    if (IsJwt(text.substr(at, end - at))) return true;
  }
  return false;
}

}  // namespace sluice::scan
