#include "auditlog/jcs_reader.h"

#include <array>
#include <charconv>
#include <cstring>
#include <system_error>

#include "auditlog/jcs.h"
#include "auditlog/utf8.h"

namespace sluice::auditlog {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Bytes a canonical string holds as themselves, needing no further look:
// printable ASCII other than `"` and `\`.
constexpr std::array<bool, 256> kPlainByte = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

bool IsPlain(char c) {
  return kPlainByte[static_cast<unsigned char>(c)];
}

// The number of plain bytes at the start of [p, p + n): eight at a time
// while whole words are plain (the common case: most of an event is plain
// ASCII inside strings), then one at a time.
std::size_t PlainRun(const char* p, std::size_t n) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHighs = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    // Any byte >= 0x80, < 0x20, '"' or '\\' ends the run.
    const std::uint64_t special = (w & kHighs) | ((w - kOnes * 0x20) & ~w & kHighs) |
                                  has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\'));
    if (special != 0) break;
  }
  while (i < n && IsPlain(p[i])) ++i;
  return i;
}

int LowerHexValue(char h) {
  return h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1;
}

}  // namespace

bool JcsReader::FailAt(std::size_t at, std::string_view what) {
  if (error_.empty()) {
    error_at_ = at;
    error_ = std::string(what);
  }
  return false;
}

bool JcsReader::Fail(std::string_view what) {
  return FailAt(pos_, what);
}

Status JcsReader::status() const {
  if (error_.empty()) return Status::Ok();
  return InvalidArgument("not canonical JSON at byte " + std::to_string(error_at_) + ": " + error_);
}

bool JcsReader::ExpectFailed(std::string_view literal) {
  return Fail("expected `" + std::string(literal) + "`");
}

bool JcsReader::ReadString(std::string* out) {
  const char* const data = text_.data();
  const std::size_t n = text_.size();
  std::size_t p = pos_;
  if (p >= n || data[p] != '"') return Fail("expected a string");
  ++p;
  if (out != nullptr) out->clear();
  while (true) {
    const std::size_t run = p;
    p += PlainRun(data + p, n - p);
    if (out != nullptr) out->append(data + run, p - run);
    if (p >= n) {
      pos_ = p;
      return Fail("unterminated string");
    }
    const unsigned char c = static_cast<unsigned char>(data[p]);
    if (c == '"') {
      pos_ = p + 1;
      return true;
    }
    if (c < 0x20) return FailAt(p, "unescaped control character in a string");
    if (c >= 0x80) {
      const std::size_t len = Utf8SequenceLength(text_, p);
      if (len == 0) return FailAt(p, "invalid UTF-8");
      if (out != nullptr) out->append(data + p, len);
      p += len;
      continue;
    }
    // A backslash: only the escapes RFC 8785 writes are canonical.
    if (p + 1 >= n) return FailAt(p, "unterminated escape");
    char decoded = 0;
    std::size_t length = 2;
    switch (data[p + 1]) {
      case '"':
        decoded = '"';
        break;
      case '\\':
        decoded = '\\';
        break;
      case 'b':
        decoded = '\b';
        break;
      case 't':
        decoded = '\t';
        break;
      case 'n':
        decoded = '\n';
        break;
      case 'f':
        decoded = '\f';
        break;
      case 'r':
        decoded = '\r';
        break;
      case 'u': {
        if (p + 6 > n || data[p + 2] != '0' || data[p + 3] != '0' ||
            LowerHexValue(data[p + 4]) < 0 || LowerHexValue(data[p + 5]) < 0) {
          return FailAt(p, "\\u escape other than \\u00xx (lowercase) of a control character");
        }
        const int v = LowerHexValue(data[p + 4]) * 16 + LowerHexValue(data[p + 5]);
        if (v >= 0x20 || JcsShortEscape(static_cast<unsigned char>(v)) != 0) {
          return FailAt(p, "\\u escape of a character that is written otherwise");
        }
        decoded = static_cast<char>(v);
        length = 6;
        break;
      }
      default:
        return FailAt(p, "escape that canonical JSON does not use");
    }
    if (out != nullptr) out->push_back(decoded);
    p += length;
  }
}

bool JcsReader::ReadPlainString(std::string_view* out) {
  const char* const data = text_.data();
  const std::size_t n = text_.size();
  if (pos_ >= n || data[pos_] != '"') return Fail("expected a string");
  const std::size_t start = pos_ + 1;
  const std::size_t end = start + PlainRun(data + start, n - start);
  if (end >= n) return FailAt(end, "unterminated string");
  if (data[end] != '"') return FailAt(end, "expected a plain ASCII string");
  *out = text_.substr(start, end - start);
  pos_ = end + 1;
  return true;
}

bool JcsReader::ReadUint64(std::uint64_t* out) {
  const std::size_t start = pos_;
  std::size_t end = start;
  while (end < text_.size() && IsDigit(text_[end])) ++end;
  if (end == start) return Fail("expected an unsigned integer");
  if (text_[start] == '0' && end - start > 1) return Fail("leading zero");
  auto [ptr, ec] = std::from_chars(text_.data() + start, text_.data() + end, *out);
  if (ec != std::errc() || ptr != text_.data() + end) return Fail("integer out of range");
  pos_ = end;
  return true;
}

bool JcsReader::ReadStringArray(std::vector<std::string>* out) {
  if (!Expect("[")) return false;
  if (out != nullptr) out->clear();
  if (pos_ < text_.size() && text_[pos_] == ']') {
    ++pos_;
    return true;
  }
  while (true) {
    if (out != nullptr) out->emplace_back();
    if (!ReadString(out != nullptr ? &out->back() : nullptr)) return false;
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    return Expect("]");
  }
}

bool JcsReader::ReadValue(std::string_view* span) {
  const std::size_t start = pos_;
  if (!ReadValueAt(1)) return false;
  if (span != nullptr) *span = text_.substr(start, pos_ - start);
  return true;
}

bool JcsReader::ReadValueAt(int depth) {
  if (depth > kMaxJcsDepth) return Fail("nested too deeply");
  if (pos_ >= text_.size()) return Fail("expected a value");
  switch (text_[pos_]) {
    case '{':
      return ReadObject(depth);
    case '[':
      return ReadArray(depth);
    case '"':
      return ReadString(nullptr);
    case 't':
      return Expect("true");
    case 'f':
      return Expect("false");
    case 'n':
      return Expect("null");
    default:
      return ReadNumber();
  }
}

bool JcsReader::ReadKey(std::string_view* key, std::string* storage) {
  // Most keys are plain ASCII: compare them where they lie.
  const std::size_t start = pos_ + 1;
  const std::size_t end =
      start < text_.size() ? start + PlainRun(text_.data() + start, text_.size() - start) : start;
  if (pos_ < text_.size() && text_[pos_] == '"' && end < text_.size() && text_[end] == '"') {
    *key = text_.substr(start, end - start);
    pos_ = end + 1;
    return true;
  }
  if (!ReadString(storage)) return false;
  *key = *storage;
  return true;
}

bool JcsReader::ReadObject(int depth) {
  ++pos_;  // '{'
  if (pos_ < text_.size() && text_[pos_] == '}') {
    ++pos_;
    return true;
  }
  // Two buffers, so the previous key stays valid while the next is read.
  std::string storage[2];
  std::string_view previous;
  for (int i = 0;; ++i) {
    const std::size_t key_at = pos_;
    std::string_view key;
    if (!ReadKey(&key, &storage[i % 2])) return false;
    if (i > 0 && CompareUtf16(previous, key) >= 0) {
      return FailAt(key_at, "object keys not in strictly increasing UTF-16 order");
    }
    previous = key;
    if (!Expect(":") || !ReadValueAt(depth + 1)) return false;
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    return Expect("}");
  }
}

bool JcsReader::ReadArray(int depth) {
  ++pos_;  // '['
  if (pos_ < text_.size() && text_[pos_] == ']') {
    ++pos_;
    return true;
  }
  while (true) {
    if (!ReadValueAt(depth + 1)) return false;
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    return Expect("]");
  }
}

bool JcsReader::ReadNumber() {
  // The JSON number grammar first: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  const std::size_t start = pos_;
  std::size_t p = pos_;
  auto digits = [&] {
    const std::size_t from = p;
    while (p < text_.size() && IsDigit(text_[p])) ++p;
    return p - from;
  };
  if (p < text_.size() && text_[p] == '-') ++p;
  const std::size_t int_start = p;
  const std::size_t int_digits = digits();
  if (int_digits == 0) return Fail("expected a value");
  if (text_[int_start] == '0' && int_digits > 1) return Fail("leading zero");
  bool integer = true;
  if (p < text_.size() && text_[p] == '.') {
    ++p;
    if (digits() == 0) return FailAt(p, "digit expected after the decimal point");
    integer = false;
  }
  if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
    ++p;
    if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) ++p;
    if (digits() == 0) return FailAt(p, "digit expected in the exponent");
    integer = false;
  }
  const std::string_view literal = text_.substr(start, p - start);
  if (integer) {
    // Exact 64-bit integers are written as plain decimal (see the header).
    if (literal == "-0") return Fail("-0 is written 0");
    std::int64_t signed_value;
    std::uint64_t unsigned_value;
    const char* b = literal.data();
    const char* e = b + literal.size();
    if (literal[0] == '-' ? std::from_chars(b, e, signed_value).ec == std::errc()
                          : std::from_chars(b, e, unsigned_value).ec == std::errc()) {
      pos_ = p;
      return true;
    }
  }
  // Otherwise the literal must be what ECMAScript prints for its double.
  double value = 0;
  auto [ptr, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
  if (ec != std::errc() || ptr != literal.data() + literal.size()) {
    return Fail("number out of the range of a double");
  }
  std::string canonical;
  if (!AppendJcsDouble(value, canonical).ok() || canonical != literal) {
    return Fail("number not in ECMAScript form (" + canonical + ")");
  }
  pos_ = p;
  return true;
}

}  // namespace sluice::auditlog
