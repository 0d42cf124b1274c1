// EventView: an audit event as the JSON object that alert rules look at.
//
// The members are those of the stored canonical event (docs/audit-format.md, "The canonical
// event"), so a rule reads the same names an auditor sees in events.log, minus the log's own
// `prev` and `seq`, plus `time_ms`:
//
//   action, client_address, decision ("allow"|"deny"), details, determining_policies,
//   environment, outcome, policy_errors, principal {kind, name}, request_id,
//   resource {id, type}, session (null or {break_glass, environment, id, purpose}),
//   time ("YYYY-MM-DDTHH:MM:SS.mmmZ"), time_ms (integer, ms since the epoch), user_agent
//
// Rules address members by dotted paths (field_path.h): `principal.name`, `details.bytes`,
// `session.break_glass`.
//
// Thread-safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include "audit/event.h"

namespace sluice::alert {

nlohmann::json EventView(const audit::Event& event);

}  // namespace sluice::alert
