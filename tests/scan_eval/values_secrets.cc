// Secret values of the evaluation set: AWS access key ids, PEM private keys of four kinds, signed
// JWTs; and their decoy, public keys (PEM and OpenSSH) that look like key material and are not
// secrets.
#include <cstdint>
#include <string>
#include <string_view>

#include "scan_eval/values.h"

namespace sluice::scan_eval {
namespace values {

namespace {

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64Url(std::string_view bytes) {
  std::string out;
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  auto put = [&](unsigned v) {
    char c = kBase64[v & 63];
    out += c == '+' ? '-' : c == '/' ? '_' : c;
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    unsigned v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    put(v >> 18), put(v >> 12), put(v >> 6), put(v);
  }
  if (bytes.size() - i == 1) {
    unsigned v = at(i) << 16;
    put(v >> 18), put(v >> 12);
  } else if (bytes.size() - i == 2) {
    unsigned v = (at(i) << 16) | (at(i + 1) << 8);
    put(v >> 18), put(v >> 12), put(v >> 6);
  }
  return out;  // unpadded, as JWTs are
}

std::string RandomBase64(Rng& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += kBase64[Below(r, 64)];
  return s;
}

std::string Pem(Rng& r, std::string_view label, std::string_view body_start, int lines) {
  std::string body =
      std::string(body_start) +
      RandomBase64(r, 64 * lines - static_cast<int>(body_start.size()) - Between(r, 4, 40));
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (std::size_t i = 0; i < body.size(); i += 64) out += body.substr(i, 64) + "\n";
  return out + "-----END " + std::string(label) + "-----";
}

}  // namespace

std::string PrivateKey(Rng& r) {
  int lines = Between(r, 3, 6);
  switch (Below(r, 4)) {
    case 0:
      return Pem(r, "RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA", lines);
    case 1:
      return Pem(r, "PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", lines);
    case 2:
      return Pem(r, "EC PRIVATE KEY", "MHcCAQEEI", lines);
    default:
      return Pem(r, "OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAA", lines);
  }
}

std::string PublicKey(Rng& r) {
  if (Below(r, 2) == 0) {
    return Pem(r, "PUBLIC KEY", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", Between(r, 3, 6));
  }
  return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + RandomBase64(r, 300) + " " +
         Lower(FirstName(r)) + "@build-" + std::to_string(Between(r, 1, 40));
}

std::string Jwt(Rng& r) {
  static const std::string kHeader = Base64Url(R"({"alg":"HS256","typ":"JWT"})");
  std::uint64_t iat = 1700000000 + Below(r, 60000000);
  std::string payload = R"({"sub":"user_)" + std::to_string(Below(r, 1000000)) + R"(","name":")" +
                        FirstName(r) + " " + LastName(r) + R"(","iat":)" + std::to_string(iat) +
                        R"(,"exp":)" + std::to_string(iat + 3600) + "}";
  std::string signature;
  for (int i = 0; i < 32; ++i) signature += static_cast<char>(Below(r, 256));
  return kHeader + "." + Base64Url(payload) + "." + Base64Url(signature);
}

std::string AwsKey(Rng& r) {
  static constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string s = "AKIA";
  for (int i = 0; i < 16; ++i) s += kBase32[Below(r, 32)];
  return s;
}

}  // namespace values

}  // namespace sluice::scan_eval
