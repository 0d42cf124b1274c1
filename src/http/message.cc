#include "http/message.h"

#include <algorithm>
#include <cctype>

namespace sluice::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void Headers::Set(std::string_view name, std::string value) {
  std::string key = Lower(name);
  for (auto& [k, v] : entries_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(key), std::move(value));
}

std::string_view Headers::Get(std::string_view name) const {
  for (const auto& [k, v] : entries_) {
    if (k.size() == name.size() &&
        std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        })) {
      return v;
    }
  }
  return {};
}

bool Headers::Has(std::string_view name) const {
  for (const auto& [k, v] : entries_) {
    if (k == Lower(name)) return true;
  }
  return false;
}

bool PercentDecode(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    int hi = HexValue(in[i + 1]);
    int lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    char decoded = static_cast<char>(hi * 16 + lo);
    if (decoded == '\0') return false;
    out.push_back(decoded);
    i += 2;
  }
  return true;
}

bool ParseQuery(std::string_view query, std::map<std::string, std::string>& out) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string key, value;
    std::string raw_value(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    std::replace(raw_value.begin(), raw_value.end(), '+', ' ');
    if (!PercentDecode(pair.substr(0, eq), key) || !PercentDecode(raw_value, value)) {
      return false;
    }
    out[key] = value;
  }
  return true;
}

}  // namespace sluice::http
