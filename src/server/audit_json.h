// JSON forms of the audit log's reports and proofs, shared by the API and by
// the CLI's offline commands so both print the same document.
#pragma once

#include <nlohmann/json.hpp>

#include "auditlog/canonical.h"
#include "auditlog/verify.h"
#include "service/service.h"

namespace sluice::server {

// {"ok","events","root","checkpoints","external_checkpoints","verified_size",
//  "problems":[{"kind","index","message"}]}
nlohmann::json VerifyReportToJson(const auditlog::VerifyReport& report);

// The stored event as its canonical JSON document (what the log holds).
nlohmann::json StoredEventToJson(const auditlog::StoredEvent& event);

// {"seq","size","event" (canonical text),"leaf_hash","path":[hex],"root","checkpoint"}:
// everything `sluice audit verify-proof` needs, offline, with the public key.
nlohmann::json InclusionProofToJson(const service::InclusionProof& proof);

}  // namespace sluice::server
