#include "auditlog/signing_key.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "auditlog/file_io.h"

namespace sluice::auditlog {
namespace {

std::shared_ptr<EVP_PKEY> Own(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// The OpenSSL error queue is per thread; leave it empty after a failure so a
// later, unrelated OpenSSL caller does not see our error.
Status OpenSslError(const std::string& what) {
  const unsigned long code = ERR_get_error();
  char text[256] = "unknown error";
  if (code != 0) ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  return InvalidArgument(what + " (" + text + ")");
}

std::string ToPem(EVP_PKEY* key, bool private_key) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return "";
  const int ok = private_key
                     ? PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr)
                     : PEM_write_bio_PUBKEY(bio, key);
  std::string out;
  if (ok == 1) {
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    if (len > 0) out.assign(data, static_cast<std::size_t>(len));
  }
  BIO_free(bio);
  ERR_clear_error();
  return out;
}

// Never prompt for a passphrase: an encrypted key file is simply refused.
int NoPassphrase(char*, int, int, void*) {
  return -1;
}

std::string ParentOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string ModeText(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

}  // namespace

// ---------------------------------------------------------------------------
// VerifyingKey

Result<VerifyingKey> VerifyingKey::FromKey(std::shared_ptr<EVP_PKEY> key) {
  if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    return InvalidArgument("not an Ed25519 key");
  }
  std::array<char, kEd25519PublicKeySize> raw{};
  std::size_t len = raw.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(raw.data()), &len) !=
          1 ||
      len != raw.size()) {
    return OpenSslError("cannot read the Ed25519 public key");
  }
  // Keep only the public half, so a VerifyingKey never carries a secret.
  EVP_PKEY* pub = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  if (pub == nullptr) return OpenSslError("cannot build the Ed25519 public key");
  return VerifyingKey(Own(pub), raw);
}

Result<VerifyingKey> VerifyingKey::FromPem(std::string_view pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return Internal("out of memory");
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, NoPassphrase, nullptr);
  BIO_free(bio);
  if (key == nullptr) return OpenSslError("not a PEM public key");
  return FromKey(Own(key));
}

Result<VerifyingKey> VerifyingKey::FromRaw(std::string_view raw) {
  if (raw.size() != kEd25519PublicKeySize) {
    return InvalidArgument("an Ed25519 public key is 32 bytes, got " + std::to_string(raw.size()));
  }
  EVP_PKEY* key = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  if (key == nullptr) return OpenSslError("not an Ed25519 public key");
  return FromKey(Own(key));
}

Result<VerifyingKey> VerifyingKey::LoadPemFile(const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(std::string pem, ReadWholeFile(path));
  Result<VerifyingKey> key = FromPem(pem);
  if (!key.ok()) return InvalidArgument(path + ": " + key.status().message());
  return key;
}

bool VerifyingKey::Verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != kEd25519SignatureSize) return false;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return false;
  const bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key_.get()) == 1 &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  ERR_clear_error();
  return ok;
}

std::string VerifyingKey::Pem() const {
  return ToPem(key_.get(), /*private_key=*/false);
}

// ---------------------------------------------------------------------------
// SigningKey

Result<SigningKey> SigningKey::FromKey(std::shared_ptr<EVP_PKEY> key) {
  SLUICE_ASSIGN_OR_RETURN(VerifyingKey verifying, VerifyingKey::FromKey(key));
  return SigningKey(std::move(key), std::move(verifying));
}

Result<SigningKey> SigningKey::Generate() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (key == nullptr) return OpenSslError("cannot generate an Ed25519 key");
  return FromKey(Own(key));
}

Result<SigningKey> SigningKey::FromSeed(std::string_view seed) {
  if (seed.size() != 32) return InvalidArgument("an Ed25519 seed is 32 bytes");
  EVP_PKEY* key = EVP_PKEY_new_raw_private_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.data()), seed.size());
  if (key == nullptr) return OpenSslError("cannot build an Ed25519 key");
  return FromKey(Own(key));
}

Result<SigningKey> SigningKey::FromPrivatePem(std::string_view pem, const std::string& origin) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return Internal("out of memory");
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, NoPassphrase, nullptr);
  BIO_free(bio);
  if (key == nullptr) {
    Status s = OpenSslError(origin + " holds no unencrypted PEM private key");
    return FailedPrecondition(s.message());
  }
  Result<SigningKey> signing = FromKey(Own(key));
  if (!signing.ok()) return FailedPrecondition(origin + ": " + signing.status().message());
  return signing;
}

Result<SigningKey> SigningKey::LoadOrCreate(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    SLUICE_RETURN_IF_ERROR(MakeDirectory(ParentOf(path), 0700));
    SLUICE_ASSIGN_OR_RETURN(SigningKey created, Generate());
    const std::string pem = ToPem(created.key_.get(), /*private_key=*/true);
    if (pem.empty()) return Internal("cannot encode the new key as PEM");
    // Written under a temporary name and linked into place, so a concurrent
    // creator cannot be overwritten and a crash leaves no partial key file.
    const std::string temp = path + ".new";
    ::unlink(temp.c_str());
    const int out = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) return ErrnoStatus("cannot create " + temp);
    Status status = WriteAll(out, pem, temp);
    if (status.ok() && ::fsync(out) != 0) status = ErrnoStatus("cannot fsync " + temp);
    ::close(out);
    if (status.ok() && ::link(temp.c_str(), path.c_str()) != 0 && errno != EEXIST) {
      status = ErrnoStatus("cannot create " + path);
    }
    ::unlink(temp.c_str());
    SLUICE_RETURN_IF_ERROR(status);
    SLUICE_RETURN_IF_ERROR(SyncDirectory(ParentOf(path)));
    fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  }
  if (fd < 0) {
    if (errno == ELOOP) return FailedPrecondition("key file " + path + " is a symbolic link");
    return ErrnoStatus("cannot open key file " + path);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    Status s = ErrnoStatus("cannot stat " + path);
    ::close(fd);
    return s;
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return FailedPrecondition("key file " + path + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return FailedPrecondition("key file " + path + " has mode " + ModeText(st.st_mode) +
                              "; group and others must have no access (chmod 600 " + path + ")");
  }
  if (st.st_uid != ::geteuid()) {
    ::close(fd);
    return FailedPrecondition("key file " + path + " is owned by uid " + std::to_string(st.st_uid) +
                              ", not by this user");
  }
  std::string pem;
  char buf[4096];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status s = ErrnoStatus("cannot read " + path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    pem.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return FromPrivatePem(pem, "key file " + path);
}

Result<std::string> SigningKey::Sign(std::string_view message) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return Internal("out of memory");
  std::string signature(kEd25519SignatureSize, '\0');
  std::size_t len = signature.size();
  const bool ok =
      EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key_.get()) == 1 &&
      EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok || len != kEd25519SignatureSize) {
    Status s = OpenSslError("Ed25519 signing failed");
    return Internal(s.message());
  }
  return signature;
}

}  // namespace sluice::auditlog
