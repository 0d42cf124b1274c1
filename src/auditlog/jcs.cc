#include "auditlog/jcs.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <system_error>
#include <utility>

#include "auditlog/utf8.h"

namespace sluice::auditlog {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

Status AppendValue(const nlohmann::json& value, std::string& out, int depth) {
  if (depth > kMaxJcsDepth) {
    return InvalidArgument("JSON nested deeper than " + std::to_string(kMaxJcsDepth));
  }
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::null:
      out += "null";
      return Status::Ok();
    case Type::boolean:
      out += value.get<bool>() ? "true" : "false";
      return Status::Ok();
    case Type::number_integer: {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value.get<std::int64_t>());
      out.append(buf, end);
      return Status::Ok();
    }
    case Type::number_unsigned: {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value.get<std::uint64_t>());
      out.append(buf, end);
      return Status::Ok();
    }
    case Type::number_float:
      return AppendJcsDouble(value.get<double>(), out);
    case Type::string:
      AppendJcsString(value.get_ref<const std::string&>(), out);
      return Status::Ok();
    case Type::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& element : value) {
        if (!first) out.push_back(',');
        first = false;
        SLUICE_RETURN_IF_ERROR(AppendValue(element, out, depth + 1));
      }
      out.push_back(']');
      return Status::Ok();
    }
    case Type::object: {
      // nlohmann orders keys by bytes; RFC 8785 orders them by UTF-16 code
      // units, which differ for supplementary characters, and invalid UTF-8
      // is replaced before it is written. So sort the written keys.
      std::vector<std::pair<std::string, const nlohmann::json*>> members;
      members.reserve(value.size());
      for (auto it = value.begin(); it != value.end(); ++it) {
        members.emplace_back(SanitizeUtf8(it.key()), &it.value());
      }
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return CompareUtf16(a.first, b.first) < 0; });
      out.push_back('{');
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i > 0) {
          if (members[i].first == members[i - 1].first) {
            return InvalidArgument("two keys are equal once invalid UTF-8 is replaced");
          }
          out.push_back(',');
        }
        AppendJcsString(members[i].first, out);
        out.push_back(':');
        SLUICE_RETURN_IF_ERROR(AppendValue(*members[i].second, out, depth + 1));
      }
      out.push_back('}');
      return Status::Ok();
    }
    case Type::binary:
      return InvalidArgument("binary values have no JSON form");
    case Type::discarded:
      break;
  }
  return InvalidArgument("a discarded JSON value cannot be written");
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

char JcsShortEscape(unsigned char c) {
  switch (c) {
    case '\b':
      return 'b';
    case '\t':
      return 't';
    case '\n':
      return 'n';
    case '\f':
      return 'f';
    case '\r':
      return 'r';
    default:
      return 0;
  }
}

void AppendJcsString(std::string_view value, std::string& out) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < value.size()) {
    // Copy the longest run that needs no escaping in one append.
    std::size_t run = i;
    while (run < value.size()) {
      const unsigned char c = static_cast<unsigned char>(value[run]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++run;
    }
    out.append(value.data() + i, run - i);
    i = run;
    if (i == value.size()) break;
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c < 0x20) {
      out.push_back('\\');
      if (char e = JcsShortEscape(c); e != 0) {
        out.push_back(e);
      } else {
        out += "u00";
        out.push_back(kHexDigits[c >> 4]);
        out.push_back(kHexDigits[c & 0xf]);
      }
      ++i;
    } else {
      const std::size_t n = Utf8SequenceLength(value, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        ++i;
      } else {
        out.append(value.data() + i, n);
        i += n;
      }
    }
  }
  out.push_back('"');
}

Status AppendJcsDouble(double value, std::string& out) {
  if (!std::isfinite(value)) return InvalidArgument("NaN and infinity have no JSON form");
  if (value == 0) {  // +0 and -0
    out.push_back('0');
    return Status::Ok();
  }
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // The shortest digits that round-trip, in scientific form "d.ddde[+-]x":
  // exactly ECMAScript's k digits of s and exponent n - 1.
  char buf[40];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  if (ec != std::errc()) return Internal("cannot format a double");
  std::string digits;
  const char* p = buf;
  for (; p < end && *p != 'e'; ++p) {
    if (IsDigit(*p)) digits.push_back(*p);
  }
  int exponent = 0;
  std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exponent);
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    out.push_back(n - 1 < 0 ? '-' : '+');
    out += std::to_string(n - 1 < 0 ? 1 - n : n - 1);
  }
  return Status::Ok();
}

Status AppendJcsValue(const nlohmann::json& value, std::string& out) {
  return AppendValue(value, out, 1);
}

int CompareUtf16(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const unsigned char ca = static_cast<unsigned char>(a[i]);
    const unsigned char cb = static_cast<unsigned char>(b[j]);
    if (ca < 0x80 && cb < 0x80) {  // the common case: ASCII
      if (ca != cb) return ca < cb ? -1 : 1;
      ++i, ++j;
      continue;
    }
    std::size_t na = Utf8SequenceLength(a, i);
    std::size_t nb = Utf8SequenceLength(b, j);
    // Invalid bytes (not expected: callers pass valid UTF-8) compare as
    // themselves, one at a time, so the order stays total.
    const std::uint32_t cpa = na == 0 ? ca : DecodeUtf8(a, i, na);
    const std::uint32_t cpb = nb == 0 ? cb : DecodeUtf8(b, j, nb);
    if (na == 0) na = 1;
    if (nb == 0) nb = 1;
    if (cpa != cpb) {
      // First UTF-16 code unit; supplementary characters start with a high
      // surrogate (0xD800..0xDBFF), which sorts below U+E000..U+FFFF.
      auto first_unit = [](std::uint32_t cp) {
        return cp < 0x10000 ? cp : 0xD800 + ((cp - 0x10000) >> 10);
      };
      auto second_unit = [](std::uint32_t cp) {
        return cp < 0x10000 ? 0 : 0xDC00 + ((cp - 0x10000) & 0x3FF);
      };
      const std::uint32_t ua = first_unit(cpa);
      const std::uint32_t ub = first_unit(cpb);
      if (ua != ub) return ua < ub ? -1 : 1;
      return second_unit(cpa) < second_unit(cpb) ? -1 : 1;
    }
    i += na;
    j += nb;
  }
  if (i == a.size() && j == b.size()) return 0;
  return i == a.size() ? -1 : 1;
}

}  // namespace sluice::auditlog
