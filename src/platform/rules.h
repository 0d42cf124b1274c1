// The ladder rules: what makes a structurally valid platform a safe one. Each rule has a stable
// id used in diagnostics and documented, with its reason, in docs/platform-file.md:
//
//   name-format            platform, environment and storage domain names are DNS labels
//   name-unique            environment names are unique
//   production-required    at least one environment holds production data
//   infra-production-data  no infra-track environment holds production data
//   storage-domain-shared  synthetic- and production-data environments never share a domain
//   path-unknown-env       steps name declared environments
//   path-duplicate         no step or target is listed twice
//   path-kind              data steps stay on the data track; infra steps start on the infra track
//                          and go either along it or (the release train) to the data track
//   path-order             every step goes up the ladder (to an environment listed later)
//   path-cycle             the promotion graph is acyclic
//   path-less-restrictive  no step from production data to synthetic data, nor from automation to
//                          interactive mode within a track
//   path-skips-automation  with require_automation, every step into a final environment starts
//                          in an automation-mode environment
//   release-train          exactly one infra release step, from the top of the infra track, to
//                          all production-data environments at once
//   gates-unreachable      an environment declares gates only if some promotion step enters it
//
// The contents of an environment's `gates` are checked by the parser (gates_parser.h), like every
// other value, under the same rule ids (bad-value, missing-key, name-format and name-unique for
// webhook and command names); a platform built in code is trusted for them.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "platform/diagnostic.h"
#include "platform/model.h"

namespace sluice::platform {

enum class Coverage {
  // The platform is everything the file declares.
  kComplete,
  // Entries with structural errors were left out (and reported already), so rules about the
  // whole platform ("at least one production environment", "there is a release train") would
  // report false errors and are skipped.
  kPartial,
};

// Every rule violation in `platform`, each at the position recorded in the platform (line 0 for
// platforms built in code), not sorted.
std::vector<Diagnostic> CheckPlatform(const Platform& platform, std::string_view file_name,
                                      Coverage coverage = Coverage::kComplete);

// The name-format diagnostic for `name` at `pos`, or nullopt when the name is valid. `what` says
// which name it is ("environment name", "platform name", "storage domain"). The parser also uses
// it on environments that are otherwise malformed, so their names are still checked.
std::optional<Diagnostic> CheckNameFormat(std::string_view what, std::string_view name,
                                          SourcePos pos, std::string_view file_name);

// True when `name` is a lowercase DNS label: [a-z0-9-], 1-63 characters, starting with a letter,
// not ending with '-'. Names become directory, bucket and URL path segments.
bool IsValidName(std::string_view name);

}  // namespace sluice::platform
