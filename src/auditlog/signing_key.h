// Ed25519 keys for signing checkpoints (OpenSSL EVP_PKEY_ED25519).
//
// SigningKey is the log's private key. On disk it is one PEM file (PKCS#8,
// unencrypted: the server signs unattended), created with mode 0600 and
// refused when group or others may read or write it, or when another user
// owns it: a key others can read signs nothing trustworthy. Keep it out of
// the audit directory (docs/audit-format.md): the directory's bytes are
// what it vouches for.
//
// VerifyingKey is the public half, what an auditor pins (as a PEM file or a
// C2SP note verifier key, see note.h) to check checkpoints offline.
//
// Ownership: both are cheap to copy; copies share one immutable OpenSSL key.
// Thread-safety: const methods are thread-safe (OpenSSL keys are safe to
// use concurrently once built).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace sluice::auditlog {

inline constexpr std::size_t kEd25519PublicKeySize = 32;
inline constexpr std::size_t kEd25519SignatureSize = 64;

class VerifyingKey {
 public:
  // A "BEGIN PUBLIC KEY" PEM (SubjectPublicKeyInfo) of an Ed25519 key.
  static Result<VerifyingKey> FromPem(std::string_view pem);
  // The 32 raw bytes of an Ed25519 public key.
  static Result<VerifyingKey> FromRaw(std::string_view raw);
  // FromPem of a file's contents.
  static Result<VerifyingKey> LoadPemFile(const std::string& path);

  // True when `signature` is a valid Ed25519 signature of `message`.
  bool Verify(std::string_view message, std::string_view signature) const;

  // The 32 raw public key bytes.
  std::string_view raw() const { return {raw_.data(), raw_.size()}; }
  std::string Pem() const;

  friend bool operator==(const VerifyingKey& a, const VerifyingKey& b) { return a.raw_ == b.raw_; }

 private:
  VerifyingKey(std::shared_ptr<evp_pkey_st> key, const std::array<char, 32>& raw)
      : key_(std::move(key)), raw_(raw) {}
  static Result<VerifyingKey> FromKey(std::shared_ptr<evp_pkey_st> key);

  std::shared_ptr<evp_pkey_st> key_;  // immutable once built
  std::array<char, kEd25519PublicKeySize> raw_;

  friend class SigningKey;
};

class SigningKey {
 public:
  // Loads the key at `path`, or creates it (mode 0600, in a new directory of
  // mode 0700 if the parent is missing) when the file does not exist.
  // kFailedPrecondition when the file is not a regular file owned by this
  // user with no group/other permission bits, or holds no Ed25519 key.
  static Result<SigningKey> LoadOrCreate(const std::string& path);
  // A fresh key that lives only in memory (tests, benchmarks).
  static Result<SigningKey> Generate();
  // The key whose RFC 8032 private seed is these 32 bytes (deterministic
  // keys for tests and fuzzing).
  static Result<SigningKey> FromSeed(std::string_view seed);

  // The 64-byte Ed25519 signature of `message`.
  Result<std::string> Sign(std::string_view message) const;

  const VerifyingKey& verifying_key() const { return public_; }
  std::string PublicKeyPem() const { return public_.Pem(); }

 private:
  SigningKey(std::shared_ptr<evp_pkey_st> key, VerifyingKey verifying)
      : key_(std::move(key)), public_(std::move(verifying)) {}
  static Result<SigningKey> FromKey(std::shared_ptr<evp_pkey_st> key);
  static Result<SigningKey> FromPrivatePem(std::string_view pem, const std::string& origin);

  std::shared_ptr<evp_pkey_st> key_;  // immutable once built
  VerifyingKey public_;
};

}  // namespace sluice::auditlog
