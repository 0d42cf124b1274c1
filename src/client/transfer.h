// Push and pull of asset versions through the API, with bounded memory
// whatever the file size: a file is read chunk by chunk (content-defined
// chunks, at most 4 MiB each); each chunk is offered to the server, sent only
// if the server lacks it, and forgotten. A pull fetches, verifies and writes
// one chunk at a time, into a temporary file renamed into place when whole.
//
// An interrupted push, run again, sends only what is still missing (the
// server keeps the chunks it received; the version appears only at commit).
//
// Thread-safety: functions over the given client; no shared state.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "client/api_client.h"
#include "common/status.h"

namespace sluice::client {

struct PushOptions {
  std::string kind = "dataset";
  std::map<std::string, std::string> tags;
  nlohmann::json metrics = nlohmann::json::object();
  nlohmann::json params = nlohmann::json::object();
  std::vector<std::string> inputs;  // refs
};

struct PushOutcome {
  nlohmann::json version;  // the server's version document
  std::uint64_t bytes = 0;
  std::uint64_t bytes_new = 0;  // bytes of chunks the server lacked and got
  std::uint64_t chunks = 0;
  std::uint64_t chunks_new = 0;
};

// Called after each chunk with (bytes done, bytes total).
using Progress = std::function<void(std::uint64_t, std::uint64_t)>;

// `path` is a file (pushed under its base name) or a directory (every
// regular file below it, by relative path).
Result<PushOutcome> Push(ApiClient& api, const std::string& path, const std::string& address,
                         const PushOptions& options, const Progress& progress = {});

// Writes every file of the version `ref` names under `dest` (created if
// needed); returns the version document. Refuses to overwrite files.
// When the server's read plan says the caller reads it masked
// (docs/masking.md), files come as masked pages instead of chunks; the
// document then has "read": "masked" and "masked": the columns hidden.
Result<nlohmann::json> Pull(ApiClient& api, const std::string& ref, const std::string& dest,
                            const Progress& progress = {});

}  // namespace sluice::client
