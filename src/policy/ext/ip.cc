#include "policy/ext/ip.h"

#include <array>
#include <functional>
#include <optional>
#include <string>

#include "policy/ext/error_text.h"

namespace sluice::policy::ext {
namespace {

__extension__ typedef unsigned __int128 U128;

constexpr std::size_t kMaxTextBytes = 43;  // "xxxx:...:xxxx/128"

Status IpError(std::string_view text, std::string_view reason) {
  return internal::ParseError("ip address", text, reason);
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decimal number of 1..max_digits digits without leading zeros ("0" is fine).
std::optional<unsigned> ParseDecimalField(std::string_view s, std::size_t max_digits) {
  if (s.empty() || s.size() > max_digits) return std::nullopt;
  if (s.size() > 1 && s[0] == '0') return std::nullopt;
  unsigned v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v;
}

std::optional<std::uint32_t> ParseV4(std::string_view s) {
  std::uint32_t addr = 0;
  for (int i = 0; i < 4; ++i) {
    const std::size_t dot = s.find('.');
    if ((i < 3) != (dot != std::string_view::npos)) return std::nullopt;
    const std::string_view octet = i < 3 ? s.substr(0, dot) : s;
    const auto v = ParseDecimalField(octet, 3);
    if (!v || *v > 255) return std::nullopt;
    addr = (addr << 8) | *v;
    if (i < 3) s.remove_prefix(dot + 1);
  }
  return addr;
}

// Colon-separated groups of 1-4 hex digits; "" is zero groups. Appends to
// `groups`; fails on more than `max_groups` groups.
bool ParseV6Groups(std::string_view s, std::size_t max_groups, std::array<std::uint16_t, 8>& groups,
                   std::size_t& count) {
  if (s.empty()) return true;
  while (true) {
    const std::size_t colon = s.find(':');
    const std::string_view g = s.substr(0, colon);
    if (g.empty() || g.size() > 4 || count >= max_groups) return false;
    unsigned v = 0;
    for (char c : g) {
      const int h = HexValue(c);
      if (h < 0) return false;
      v = v * 16 + static_cast<unsigned>(h);
    }
    groups[count++] = static_cast<std::uint16_t>(v);
    if (colon == std::string_view::npos) return true;
    s.remove_prefix(colon + 1);
  }
}

std::optional<U128> ParseV6(std::string_view s) {
  std::array<std::uint16_t, 8> head{};
  std::array<std::uint16_t, 8> tail{};
  std::size_t head_n = 0;
  std::size_t tail_n = 0;
  const std::size_t gap = s.find("::");
  if (gap == std::string_view::npos) {
    if (!ParseV6Groups(s, 8, head, head_n) || head_n != 8) return std::nullopt;
  } else {
    const std::string_view left = s.substr(0, gap);
    const std::string_view right = s.substr(gap + 2);
    if (right.find("::") != std::string_view::npos) return std::nullopt;
    // "::" stands for at least one zero group, so at most 7 explicit groups.
    if (!ParseV6Groups(left, 7, head, head_n)) return std::nullopt;
    if (!ParseV6Groups(right, 7 - head_n, tail, tail_n)) return std::nullopt;
  }
  U128 v = 0;
  for (std::size_t i = 0; i < head_n; ++i) v = (v << 16) | head[i];
  for (std::size_t i = head_n; i < 8 - tail_n; ++i) v <<= 16;
  for (std::size_t i = 0; i < tail_n; ++i) v = (v << 16) | tail[i];
  return v;
}

std::size_t CountChar(std::string_view s, char c) {
  std::size_t n = 0;
  for (char x : s) n += x == c ? 1 : 0;
  return n;
}

// [first, last] address of a range, as 128-bit numbers; `bits` is 32 or 128.
struct Span {
  U128 first;
  U128 last;
};

Span RangeOf(U128 addr, int prefix, int bits) {
  const int host_bits = bits - prefix;
  const U128 host_mask = host_bits >= 128 ? ~U128{0} : ((U128{1} << host_bits) - 1);
  return {addr & ~host_mask, addr | host_mask};
}

}  // namespace

Result<IpAddr> IpAddr::Parse(std::string_view text) {
  if (text.size() > kMaxTextBytes) {
    return IpError(text, "longer than " + std::to_string(kMaxTextBytes) + " bytes");
  }
  if (CountChar(text, ':') >= 2 && CountChar(text, '.') >= 2) {
    return IpError(text, "IPv4-embedded IPv6 notation is not supported (write the IPv6 in hex)");
  }
  const std::size_t slash = text.find('/');
  const std::string_view addr_text = text.substr(0, slash);

  bool v6 = false;
  U128 addr = 0;
  if (const auto v4 = ParseV4(addr_text)) {
    addr = *v4;
  } else if (const auto a6 = ParseV6(addr_text)) {
    v6 = true;
    addr = *a6;
  } else {
    return IpError(text, "not an IPv4 or IPv6 address");
  }

  const int max_prefix = v6 ? 128 : 32;
  int prefix = max_prefix;
  if (slash != std::string_view::npos) {
    const auto p = ParseDecimalField(text.substr(slash + 1), v6 ? 3 : 2);
    if (!p || static_cast<int>(*p) > max_prefix) {
      return IpError(text, "prefix length must be a number from 0 to " +
                               std::to_string(max_prefix) + " without leading zeros");
    }
    prefix = static_cast<int>(*p);
  }
  return IpAddr(v6, static_cast<std::uint64_t>(addr >> 64), static_cast<std::uint64_t>(addr),
                static_cast<std::uint8_t>(prefix));
}

bool IpAddr::IsLoopback() const {
  if (v6_) return prefix_ == 128 && hi_ == 0 && lo_ == 1;
  return prefix_ >= 8 && (lo_ >> 24) == 127;
}

bool IpAddr::IsMulticast() const {
  if (v6_) return prefix_ >= 8 && (hi_ >> 56) == 0xff;
  return prefix_ >= 4 && (lo_ >> 28) == 0xe;
}

bool IpAddr::IsInRange(const IpAddr& range) const {
  if (v6_ != range.v6_) return false;
  const int bits = v6_ ? 128 : 32;
  const Span inner = RangeOf((U128{hi_} << 64) | lo_, prefix_, bits);
  const Span outer = RangeOf((U128{range.hi_} << 64) | range.lo_, range.prefix_, bits);
  return outer.first <= inner.first && inner.last <= outer.last;
}

std::string IpAddr::ToString() const {
  std::string out;
  if (!v6_) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      out += std::to_string((lo_ >> shift) & 0xff);
      if (shift > 0) out += '.';
    }
  } else {
    std::array<unsigned, 8> g{};
    for (int i = 0; i < 4; ++i) {
      g[i] = static_cast<unsigned>((hi_ >> (48 - 16 * i)) & 0xffff);
      g[i + 4] = static_cast<unsigned>((lo_ >> (48 - 16 * i)) & 0xffff);
    }
    // Longest run of >= 2 zero groups; the first one wins a tie.
    int best_start = -1;
    int best_len = 1;
    for (int i = 0; i < 8;) {
      if (g[i] != 0) {
        ++i;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) ++j;
      if (j - i > best_len) {
        best_start = i;
        best_len = j - i;
      }
      i = j;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    auto append_group = [&](unsigned v) {
      bool started = false;
      for (int shift = 12; shift >= 0; shift -= 4) {
        const unsigned nibble = (v >> shift) & 0xf;
        if (nibble != 0 || started || shift == 0) {
          out += kHex[nibble];
          started = true;
        }
      }
    };
    for (int i = 0; i < 8; ++i) {
      if (i == best_start) {
        out += "::";
        i += best_len - 1;
        continue;
      }
      if (i > 0 && !(best_start >= 0 && i == best_start + best_len)) out += ':';
      append_group(g[i]);
    }
  }
  out += '/';
  out += std::to_string(prefix_);
  return out;
}

std::string IpAddr::ToCedarExpr() const {
  return "ip(\"" + ToString() + "\")";
}

std::size_t IpAddr::Hash() const {
  std::size_t h = std::hash<std::uint64_t>{}(hi_);
  h ^= std::hash<std::uint64_t>{}(lo_) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= std::hash<unsigned>{}(prefix_ | (v6_ ? 0x100u : 0u)) + 0x9e3779b97f4a7c15ULL + (h << 6) +
       (h >> 2);
  return h;
}

}  // namespace sluice::policy::ext
