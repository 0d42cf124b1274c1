// IpAddr: the value of Cedar's `ipaddr` extension type, i.e. what `ip("...")`
// evaluates to: an IPv4 or IPv6 address together with a CIDR prefix length.
//
// Accepted text (Cedar 4.x, checked against the Rust implementation and the
// Lean specification):
//   IPv4  four dot-separated decimal octets, each 0-255 written with 1-3 digits
//         and no leading zeros ("10.0.0.1"; "010.0.0.1" is rejected).
//   IPv6  eight colon-separated groups of 1-4 hex digits (either case), where
//         one "::" may stand for one or more zero groups ("::1", "fe80::").
//         Dotted-quad tails ("::ffff:1.2.3.4") are rejected: Cedar refuses
//         IPv4-embedded notation (write "::ffff:102:304" instead); zone ids
//         ("fe80::1%eth0") are rejected.
//   CIDR  either form followed by "/" and a prefix length: decimal, no sign,
//         no leading zeros ("/08" is rejected), at most 32 (IPv4) or 128
//         (IPv6). Without "/N" the prefix is 32 or 128, so ip("10.0.0.1") is
//         the range 10.0.0.1/32.
//   No surrounding whitespace; at most 43 bytes.
//
// Invariants: prefix_length() <= 32 for IPv4 and <= 128 for IPv6; IPv4
// addresses use only the low 32 bits. The address is kept as written: host
// bits are NOT masked off, so ip("10.0.0.1/24") != ip("10.0.0.0/24"), as in
// Cedar, where equality compares address and prefix.
//
// Ordering (operator<=>) is a total order for containers, matching the Lean
// spec's IPNet.lt: every IPv4 value before every IPv6 value, then by address,
// then by prefix. Cedar has no ordering operators on ipaddr.
//
// Thread-safety: immutable value; thread-compatible.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::policy::ext {

class IpAddr {
 public:
  // Parses Cedar's ip() argument; InvalidArgument quoting `text` on failure.
  static Result<IpAddr> Parse(std::string_view text);

  bool IsV4() const { return !v6_; }
  bool IsV6() const { return v6_; }
  // The CIDR prefix length (32/128 for a single address).
  int prefix_length() const { return prefix_; }

  // Cedar isLoopback(): the whole range lies in 127.0.0.0/8, or is ::1/128.
  bool IsLoopback() const;
  // Cedar isMulticast(): the whole range lies in 224.0.0.0/4 or ff00::/8.
  bool IsMulticast() const;
  // Cedar isInRange(this, range): every address of this range lies in `range`.
  // Always false across families (an IPv4 value is never in an IPv6 range,
  // including IPv4-mapped ones such as ::ffff:0:0/96).
  bool IsInRange(const IpAddr& range) const;

  // "address/prefix" with the address as written (host bits kept): IPv4
  // dotted decimal, IPv6 in RFC 5952 form (lowercase, longest run of two or
  // more zero groups compressed, leftmost on a tie; never dotted-quad, so the
  // result always parses back to an equal value). E.g. "10.0.0.1/32",
  // "2001:db8::1/64".
  std::string ToString() const;
  // A Cedar expression that evaluates to this value: ip("<ToString()>").
  std::string ToCedarExpr() const;

  bool operator==(const IpAddr&) const = default;
  std::strong_ordering operator<=>(const IpAddr&) const = default;
  std::size_t Hash() const;

 private:
  IpAddr(bool v6, std::uint64_t hi, std::uint64_t lo, std::uint8_t prefix)
      : v6_(v6), hi_(hi), lo_(lo), prefix_(prefix) {}

  // Member order defines operator<=>.
  bool v6_;
  std::uint64_t hi_;  // high 64 bits of an IPv6 address; 0 for IPv4
  std::uint64_t lo_;  // low 64 bits of IPv6, or the IPv4 address
  std::uint8_t prefix_;
};

}  // namespace sluice::policy::ext

template <>
struct std::hash<sluice::policy::ext::IpAddr> {
  std::size_t operator()(const sluice::policy::ext::IpAddr& v) const { return v.Hash(); }
};
