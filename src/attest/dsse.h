// DSSE primitives (https://github.com/secure-systems-lab/dsse, protocol
// v1.0.0): the Pre-Authentication Encoding that is signed, and the base64
// decoding a DSSE verifier must accept.
//
// PAE binds the payload type to the payload: a signature over one type can
// never verify as a signature over another, and the lengths make the split
// between type and body unambiguous.
//
// Thread-safety: stateless.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::attest {

// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, where
// SP is one space (0x20) and LEN is the byte length in decimal ASCII with no
// leading zeros. E.g. PreAuthEncoding("http://example.com/HelloWorld",
// "hello world") is "DSSEv1 29 http://example.com/HelloWorld 11 hello world".
std::string PreAuthEncoding(std::string_view payload_type, std::string_view payload);

// Decodes base64 as DSSE requires verifiers to: the standard alphabet
// (RFC 4648 section 4) or the URL-safe one (section 5), padding optional.
// Otherwise strict, as auditlog::Base64Decode: no whitespace, no mixing of
// the two alphabets, zero unused bits. kInvalidArgument, saying why, when
// `text` is not base64.
Result<std::string> DecodeDsseBase64(std::string_view text);

}  // namespace sluice::attest
