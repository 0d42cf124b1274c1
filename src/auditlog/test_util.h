// Helpers for the auditlog tests: a temporary directory, sample events and
// small file utilities. For tests only. Not thread-safe.
#pragma once

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "audit/event.h"
#include "auditlog/event_index.h"
#include "common/test_temp_dir.h"

namespace sluice::auditlog::testing {

using TempDir = ::sluice::TestTempDir;

// EventFilter's fields in order; "" and nullopt match everything.
inline EventFilter Filter(std::string principal, std::string action = "",
                          std::string environment = "", std::optional<bool> allowed = {}) {
  EventFilter f;
  f.principal = std::move(principal);
  f.action = std::move(action);
  f.environment = std::move(environment);
  f.allowed = allowed;
  return f;
}

inline audit::Event SampleEvent(int i) {
  audit::Event e;
  e.time_ms = 1764140804123 + i;
  e.request_id = "req-" + std::to_string(i);
  e.principal = "alice" + std::to_string(i);
  e.principal_kind = "user";
  e.action = "principal.create";
  e.resource_type = "Platform";
  e.resource_id = "five-stage";
  e.allowed = i % 3 != 0;
  e.determining_policies = {"admin-all"};
  e.outcome = "ok";
  e.client_address = "127.0.0.1";
  e.user_agent = "sluice-cli/0.1";
  e.details = {{"n", i}, {"name", "bob"}};
  return e;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Lines without their newlines; a torn tail is dropped.
inline std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  const std::string text = ReadFile(path);
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  return lines;
}

inline void WriteLines(const std::string& path, const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  WriteFile(path, text);
}

inline std::string HexDecode(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

}  // namespace sluice::auditlog::testing
