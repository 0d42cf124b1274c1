// ParseAlertRules: reads an alert rule file (YAML). The format is documented, with examples,
// at the top of alerts/default-alerts.yaml; in short:
//
//   rules:
//     - id: denial-burst              # [a-z0-9][a-z0-9._-]*, unique in the file
//       description: One principal was denied 20 times within a minute
//       severity: warning             # info | warning | critical
//       when:                         # all must hold; [] matches every event
//         - field: decision           # a field path into the event view (event_view.h)
//           equals: deny              # exactly one operator, see rule.h
//       sum: details.bytes            # optional; without it the rule counts events
//       window: 60s                   # 1s .. 1d; units s, m, h, d
//       group_by: [principal.name]    # optional; without it all events form one group
//       threshold: 20                 # > 0; fires when count/sum >= threshold
//     - id: policy-change             # in a user file: turns a default rule off
//       disabled: true
//
// Strict: an unknown key or operator, a repeated key or id, a bad duration, a threshold <= 0, a
// field path that names no member of the event, a value of the wrong type: kInvalidArgument
// "FILE:LINE: rule \"ID\": problem", for the first problem found. Nothing is returned then.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>
#include <vector>

#include "alert/rule.h"
#include "common/status.h"

namespace sluice::alert {

// The longest window a rule may have (the engine keeps a window's events in memory).
inline constexpr std::chrono::seconds kMaxWindow{86400};

// `filename` is only used in error messages. An empty document has no rules.
Result<std::vector<AlertRule>> ParseAlertRules(std::string_view yaml, std::string_view filename);

}  // namespace sluice::alert
