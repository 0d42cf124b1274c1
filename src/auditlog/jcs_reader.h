// JcsReader: reads text that must already be in the canonical form of RFC
// 8785 (jcs.h), byte for byte, and rejects everything else: whitespace,
// unsorted or duplicate keys, other escapes or number spellings, invalid
// UTF-8. Canonical text has exactly one spelling per value, so "the reader
// accepts it" means "re-encoding what it read gives the same bytes", and
// the check costs one pass without building a document.
//
// Each Read/Expect returns true on success; on the first failure it returns
// false and status() says what was not canonical, at which byte. (Errors are
// rare and the reader runs once per stored event, so the success path builds
// no Status.)
//
// Thread-safety: a cursor over caller-owned text; one per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::auditlog {

class JcsReader {
 public:
  explicit JcsReader(std::string_view text) : text_(text) {}

  std::size_t position() const { return pos_; }
  bool AtEnd() const { return pos_ == text_.size(); }

  // The next bytes must be exactly `literal`. Inline: called with constant
  // literals, the comparison compiles to a few word compares.
  bool Expect(std::string_view literal) {
    if (text_.size() - pos_ >= literal.size() &&
        std::memcmp(text_.data() + pos_, literal.data(), literal.size()) == 0) {
      pos_ += literal.size();
      return true;
    }
    return ExpectFailed(literal);
  }
  // Consumes `literal` if the next bytes are exactly it; never fails.
  bool TryConsume(std::string_view literal) {
    if (text_.size() - pos_ >= literal.size() &&
        std::memcmp(text_.data() + pos_, literal.data(), literal.size()) == 0) {
      pos_ += literal.size();
      return true;
    }
    return false;
  }
  // A canonical string; its decoded value goes to `*out` unless null.
  bool ReadString(std::string* out);
  // A canonical string of printable ASCII without escapes; `*out` views its
  // bytes in the text.
  bool ReadPlainString(std::string_view* out);
  // A canonical unsigned integer (no sign, no leading zero, fits 64 bits).
  bool ReadUint64(std::uint64_t* out);
  // A canonical array of strings.
  bool ReadStringArray(std::vector<std::string>* out);
  // Any canonical value (nested at most kMaxJcsDepth deep); `*span` (unless
  // null) views its bytes in the text.
  bool ReadValue(std::string_view* span);

  // Records a failure at byte `at` (the current position by default), for
  // callers that check more than the syntax. Returns false.
  bool Fail(std::string_view what);
  bool FailAt(std::size_t at, std::string_view what);
  // OK until a method failed; then kInvalidArgument naming the byte.
  Status status() const;

 private:
  bool ExpectFailed(std::string_view literal);
  bool ReadValueAt(int depth);
  bool ReadNumber();
  bool ReadObject(int depth);
  bool ReadArray(int depth);
  // A key: `*key` views the text when the key has no escapes, else the
  // decoded copy in `*storage`.
  bool ReadKey(std::string_view* key, std::string* storage);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t error_at_ = 0;
  std::string error_;  // empty while no method failed
};

}  // namespace sluice::auditlog
