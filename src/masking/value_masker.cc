#include "masking/value_masker.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "scan/masking.h"

namespace sluice::masking {
namespace {

constexpr size_t kTokenBytes = 12;
constexpr size_t kSha256Block = 64;

std::string TokenText(const unsigned char* mac, unsigned int mac_len) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token = "tok_";
  for (size_t i = 0; i < kTokenBytes && i < mac_len; ++i) {
    token += kHex[mac[i] >> 4];
    token += kHex[mac[i] & 0xf];
  }
  return token;
}

struct CtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Ctx = std::unique_ptr<EVP_MD_CTX, CtxFree>;

bool Digits(std::string_view text, size_t from, size_t count) {
  if (from + count > text.size()) return false;
  for (size_t i = from; i < from + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

bool IsDateSeparator(char c) {
  return c == '-' || c == '/' || c == '.';
}

// The year of YYYY-MM-DD[...] or (M)M/(D)D/YYYY, the separators '-', '/' or '.'.
std::optional<std::string_view> YearOf(std::string_view value) {
  if (Digits(value, 0, 4) && value.size() >= 8 && IsDateSeparator(value[4])) {
    return value.substr(0, 4);
  }
  // (M)M/(D)D/YYYY: two one-or-two-digit parts, then four digits ending the value.
  size_t i = 0;
  for (int part = 0; part < 2; ++part) {
    const size_t start = i;
    while (i < value.size() && i - start < 2 && std::isdigit(static_cast<unsigned char>(value[i])))
      ++i;
    if (i == start || i >= value.size() || !IsDateSeparator(value[i])) return std::nullopt;
    ++i;
  }
  if (value.size() - i == 4 && Digits(value, i, 4)) return value.substr(i);
  return std::nullopt;
}

}  // namespace

// HMAC (RFC 2104) as SHA-256 over (K ^ opad) || SHA-256((K ^ ipad) || value), with the two
// key blocks already hashed.
struct ValueMasker::Precomputed {
  Ctx inner;
  Ctx outer;
};

ValueMasker::ValueMasker(std::string key) : key_(std::move(key)) {
  unsigned char block[kSha256Block] = {};
  if (key_.size() > kSha256Block) {
    unsigned int n = 0;
    EVP_Digest(key_.data(), key_.size(), block, &n, EVP_sha256(), nullptr);
  } else {
    std::copy(key_.begin(), key_.end(), block);
  }
  unsigned char ipad[kSha256Block];
  unsigned char opad[kSha256Block];
  for (size_t i = 0; i < kSha256Block; ++i) {
    ipad[i] = block[i] ^ 0x36;
    opad[i] = block[i] ^ 0x5c;
  }
  auto p = std::make_unique<Precomputed>();
  p->inner.reset(EVP_MD_CTX_new());
  p->outer.reset(EVP_MD_CTX_new());
  if (p->inner && p->outer && EVP_DigestInit_ex(p->inner.get(), EVP_sha256(), nullptr) == 1 &&
      EVP_DigestUpdate(p->inner.get(), ipad, sizeof ipad) == 1 &&
      EVP_DigestInit_ex(p->outer.get(), EVP_sha256(), nullptr) == 1 &&
      EVP_DigestUpdate(p->outer.get(), opad, sizeof opad) == 1) {
    hmac_ = std::move(p);
  }
}

ValueMasker::ValueMasker(ValueMasker&&) noexcept = default;
ValueMasker& ValueMasker::operator=(ValueMasker&&) noexcept = default;
ValueMasker::~ValueMasker() = default;

std::string ValueMasker::Token(std::string_view value) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (hmac_) {
    // One scratch context per thread: the copies below reuse its memory.
    thread_local Ctx ctx(EVP_MD_CTX_new());
    unsigned char inner[EVP_MAX_MD_SIZE];
    unsigned int inner_len = 0;
    if (ctx && EVP_MD_CTX_copy_ex(ctx.get(), hmac_->inner.get()) == 1 &&
        EVP_DigestUpdate(ctx.get(), value.data(), value.size()) == 1 &&
        EVP_DigestFinal_ex(ctx.get(), inner, &inner_len) == 1 &&
        EVP_MD_CTX_copy_ex(ctx.get(), hmac_->outer.get()) == 1 &&
        EVP_DigestUpdate(ctx.get(), inner, inner_len) == 1 &&
        EVP_DigestFinal_ex(ctx.get(), mac, &mac_len) == 1) {
      return TokenText(mac, mac_len);
    }
  }
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(value.data()), value.size(), mac, &mac_len);
  return TokenText(mac, mac_len);
}

std::string ValueMasker::Mask(std::string_view value, platform::MaskMethod method) const {
  if (value.empty()) return {};
  switch (method) {
    case platform::MaskMethod::kRedact:
      return std::string(kRedacted);
    case platform::MaskMethod::kTokenize:
      return Token(value);
    case platform::MaskMethod::kPartial:
      return scan::MaskValue(value, scan::MaskStyle::kKeepLast4);
    case platform::MaskMethod::kYear:
      if (std::optional<std::string_view> year = YearOf(value)) return std::string(*year);
      return std::string(kRedacted);
  }
  return std::string(kRedacted);
}

}  // namespace sluice::masking
