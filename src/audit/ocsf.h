// OCSF: Sluice audit events as Open Cybersecurity Schema Framework 1.1.0
// events, for SIEMs (`sluice audit export --format ocsf`). The mapping is
// documented field by field in docs/audit-format.md:
//
//   authenticate                      -> Authentication (3002), Logon
//   asset.read / asset.write with
//   bytes or a chunk in the details   -> Datastore Activity (6005), Read/Write
//   every other action                -> API Activity (6003), Create/Read/
//                                        Update/Delete/Other by action verb
//
// Anything without an OCSF attribute goes under `unmapped`, so nothing an
// auditor may need is dropped. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "audit/event.h"

namespace sluice::audit {

inline constexpr std::string_view kOcsfVersion = "1.1.0";

// The OCSF event for the audit event at position `seq` of the log.
nlohmann::json ToOcsf(const Event& event, std::uint64_t seq, std::string_view product_version);

}  // namespace sluice::audit
