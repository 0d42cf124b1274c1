#include "scan/value_shape.h"

#include <array>

namespace sluice::scan {
namespace {

// Each byte adds one to its class's 6-bit field of a 64-bit accumulator: one table load and
// one add per byte, with no store-to-load dependency between bytes of the same class.
enum Class : int {
  kDigit,
  kHexLetter,
  kLetter,
  kDash,
  kSpace,
  kDot,
  kColon,
  kPlus,
  kParen,
  kOther
};

constexpr std::array<uint64_t, 256> MakeIncrements() {
  std::array<uint64_t, 256> t{};
  auto one = [](Class c) { return uint64_t{1} << (6 * c); };
  for (auto& x : t) x = one(kOther);
  for (int c = '0'; c <= '9'; ++c) t[c] = one(kDigit);
  for (int c = 'a'; c <= 'z'; ++c) t[c] = one(c <= 'f' ? kHexLetter : kLetter);
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = one(c <= 'F' ? kHexLetter : kLetter);
  t['-'] = one(kDash);
  t[' '] = one(kSpace);
  t['.'] = one(kDot);
  t[':'] = one(kColon);
  t['+'] = one(kPlus);
  t['('] = one(kParen);
  t[')'] = one(kParen);
  return t;
}
constexpr std::array<uint64_t, 256> kIncrements = MakeIncrements();

}  // namespace

ValueShape ShapeOf(std::string_view value) {
  uint64_t acc = 0;
  for (char c : value) acc += kIncrements[static_cast<unsigned char>(c)];
  auto field = [acc](Class c) { return static_cast<uint8_t>((acc >> (6 * c)) & 63); };
  ValueShape s;
  s.length = static_cast<uint8_t>(value.size());
  s.digits = field(kDigit);
  s.hex_letters = field(kHexLetter);
  s.letters = static_cast<uint8_t>(field(kLetter) + s.hex_letters);
  s.dashes = field(kDash);
  s.spaces = field(kSpace);
  s.dots = field(kDot);
  s.colons = field(kColon);
  s.plus = field(kPlus);
  s.parens = field(kParen);
  s.others = field(kOther);
  return s;
}

}  // namespace sluice::scan
