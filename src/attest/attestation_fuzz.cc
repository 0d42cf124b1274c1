// libFuzzer target: VerifyEnvelope and ParseStatement must never crash on
// any input, and must agree with SignEnvelope:
//   - an envelope that verifies re-signs to an envelope that verifies with
//     the same payload (canonical form is a fixed point);
//   - a statement ParseStatement accepts can be signed, and the envelope
//     verifies back to an equal statement (so the canonical check never
//     refuses what Sluice itself signs).
// Seed corpus: tests/fuzz/attestation/, signed with testing::FuzzKey().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "attest/envelope.h"
#include "attest/statement.h"
#include "attest/test_util.h"

namespace {

const sluice::auditlog::SigningKey& Key() {
  static const sluice::auditlog::SigningKey key = sluice::attest::testing::FuzzKey();
  return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sluice::attest;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  auto verified = VerifyEnvelope(text, Key().verifying_key());
  if (verified.ok()) {
    auto again = SignEnvelope(verified->statement.json, Key());
    if (!again.ok()) __builtin_trap();
    auto reverified = VerifyEnvelope(*again, Key().verifying_key());
    if (!reverified.ok() || reverified->payload != verified->payload) __builtin_trap();
  }

  auto parsed = ParseStatement(text);
  // Statements too large for an envelope are refused when signing, rightly.
  if (parsed.ok() && size <= kMaxEnvelopeBytes / 2) {
    auto envelope = SignEnvelope(parsed->json, Key());
    if (!envelope.ok()) __builtin_trap();
    auto back = VerifyEnvelope(*envelope, Key().verifying_key());
    if (!back.ok()) __builtin_trap();
    if (!(back->statement.predicate == parsed->predicate) ||
        !(back->statement.subjects == parsed->subjects)) {
      __builtin_trap();
    }
  }
  return 0;
}
