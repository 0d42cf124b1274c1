// Workloads for the Cedar benchmark (issue 3, part 5), generated
// deterministically in C++ and written as Cedar's own formats so that the
// peer (cedar-wasm, bench/cedar/peer.js) runs exactly the same inputs:
//
//   <dir>/<name>/policies.cedar   policy text (ids policy0, policy1, ...)
//   <dir>/<name>/entities.json    Cedar JSON entities (actions included)
//   <dir>/<name>/requests.jsonl   one request per line, Cedar JSON shape
//   <dir>/<name>/expected.jsonl   Sluice's decision per request ("allow"/"deny"),
//                                 so the peer can check both engines agree
//
// The workloads:
//   small     (a)  10 policies, 100 entities: RBAC + ABAC + forbids + context
//   large     (b)  1,000 policies, 10,000 entities: group/folder hierarchies
//   gdrive-N  (c)  a Google-Drive-like app (users, groups, documents,
//                  folders; view access through entity membership), N
//                  entities per type
//   github-N  (c)  a GitHub-like app (users, teams, organizations,
//                  repositories with role entities; action hierarchy
//                  read < triage < write < maintain < admin), N per type
// (c) follows the shape of the applications in the evaluation of the Cedar
// paper (OOPSLA 2024), which derive from OpenFGA's sample stores; the policies
// and the generators here are Sluice's own.
#pragma once

#include <string>
#include <vector>

namespace sluice::bench {

struct Workload {
  std::string name;
  std::string policies;               // Cedar policy text
  std::string entities;               // JSON array
  std::vector<std::string> requests;  // one JSON object each
};

// All workloads, in a fixed order. `requests` per workload (deterministic).
std::vector<Workload> MakeWorkloads(int requests);

}  // namespace sluice::bench
