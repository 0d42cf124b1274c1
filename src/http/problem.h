// RFC 9457 problem documents (application/problem+json).
//
// Every error Sluice's API returns is one of these. `type` is stable per kind
// of error ("urn:sluice:problem:<kind>") so clients can branch on it; `title`
// is the fixed human summary of the kind; `detail` explains this occurrence.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "http/message.h"

namespace sluice::http {

// A problem response with the given status and kind, e.g.
// Problem(404, "not-found", "Not found", "no principal named bob").
Response Problem(int status, std::string_view kind, std::string_view title,
                 std::string_view detail, std::string_view request_id = {});

// The HTTP status for a Status code: the only place codes become statuses.
int HttpStatusFor(StatusCode code);

// A problem response for a non-OK status; kind = StatusCodeName(code).
Response ProblemFromStatus(const Status& status, std::string_view request_id = {});

}  // namespace sluice::http
