#include "auditlog/hash.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace sluice::auditlog {
namespace {

const EVP_MD* Sha256Algorithm() {
  // Fetched once and kept for the life of the process.
  static const EVP_MD* const md = [] {
    const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched != nullptr ? fetched : EVP_sha256();
  }();
  return md;
}

// One digest context per thread, freed when the thread exits.
class ThreadDigest {
 public:
  ThreadDigest() : ctx_(EVP_MD_CTX_new()) {}
  ThreadDigest(const ThreadDigest&) = delete;
  ThreadDigest& operator=(const ThreadDigest&) = delete;
  ~ThreadDigest() { EVP_MD_CTX_free(ctx_); }
  EVP_MD_CTX* get() { return ctx_; }

 private:
  EVP_MD_CTX* ctx_;
};

constexpr char kHexDigits[] = "0123456789abcdef";

// Value of a lowercase hex digit, or -1.
constexpr std::array<std::int8_t, 256> kHexValue = [] {
  std::array<std::int8_t, 256> value{};
  value.fill(-1);
  for (int c = '0'; c <= '9'; ++c)
    value[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c)
    value[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - 'a' + 10);
  return value;
}();

int HexValue(char c) {
  return kHexValue[static_cast<unsigned char>(c)];
}

}  // namespace

Hash Sha256(std::initializer_list<std::string_view> parts) {
  thread_local ThreadDigest digest;
  EVP_MD_CTX* ctx = digest.get();
  Hash out{};
  // SHA-256 over memory cannot fail short of memory corruption or an
  // unusable OpenSSL; returning a wrong digest would be worse than stopping.
  if (ctx == nullptr || EVP_DigestInit_ex2(ctx, Sha256Algorithm(), nullptr) != 1) std::abort();
  for (std::string_view part : parts) {
    if (EVP_DigestUpdate(ctx, part.data(), part.size()) != 1) std::abort();
  }
  if (EVP_DigestFinal_ex(ctx, out.data(), nullptr) != 1) std::abort();
  return out;
}

void AppendHashHex(const Hash& hash, std::string& out) {
  const std::size_t start = out.size();
  out.resize(start + 2 * kHashSize);
  char* p = out.data() + start;
  for (std::uint8_t b : hash) {
    *p++ = kHexDigits[b >> 4];
    *p++ = kHexDigits[b & 0xf];
  }
}

std::string HashHex(const Hash& hash) {
  std::string out;
  AppendHashHex(hash, out);
  return out;
}

Result<Hash> HashFromHex(std::string_view hex) {
  if (hex.size() != 2 * kHashSize) {
    return InvalidArgument("a hash is 64 lowercase hex digits, got " + std::to_string(hex.size()) +
                           " characters");
  }
  Hash out{};
  for (std::size_t i = 0; i < kHashSize; ++i) {
    const int hi = HexValue(hex[2 * i]);
    const int lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return InvalidArgument("a hash is 64 lowercase hex digits");
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

Result<Hash> HashFromBytes(std::string_view bytes) {
  if (bytes.size() != kHashSize) {
    return InvalidArgument("a hash is 32 bytes, got " + std::to_string(bytes.size()));
  }
  Hash out{};
  for (std::size_t i = 0; i < kHashSize; ++i) out[i] = static_cast<std::uint8_t>(bytes[i]);
  return out;
}

}  // namespace sluice::auditlog
