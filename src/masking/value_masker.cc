#include "masking/value_masker.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <optional>

#include "scan/masking.h"

namespace sluice::masking {
namespace {

constexpr size_t kTokenBytes = 12;

std::string Token(std::string_view key, std::string_view value) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(value.data()), value.size(), mac, &mac_len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token = "tok_";
  for (size_t i = 0; i < kTokenBytes && i < mac_len; ++i) {
    token += kHex[mac[i] >> 4];
    token += kHex[mac[i] & 0xf];
  }
  return token;
}

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

std::string ValueMasker::Mask(std::string_view value, platform::MaskMethod method) const {
  if (value.empty()) return {};
  switch (method) {
    case platform::MaskMethod::kRedact:
      return std::string(kRedacted);
    case platform::MaskMethod::kTokenize:
      return Token(key_, value);
    case platform::MaskMethod::kPartial:
      return scan::MaskValue(value, scan::MaskStyle::kKeepLast4);
    case platform::MaskMethod::kYear:
      if (std::optional<std::string_view> year = YearOf(value)) return std::string(*year);
      return std::string(kRedacted);
  }
  return std::string(kRedacted);
}

}  // namespace sluice::masking
