#include "store/records.h"

#include <string>

namespace sluice::store {

std::string_view ToString(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kUser:
      return "user";
    case PrincipalKind::kService:
      return "service";
  }
  return "unknown";
}

Result<PrincipalKind> ParsePrincipalKind(std::string_view text) {
  if (text == "user") return PrincipalKind::kUser;
  if (text == "service") return PrincipalKind::kService;
  return InvalidArgument("principal kind must be \"user\" or \"service\", got \"" +
                         std::string(text) + "\"");
}

}  // namespace sluice::store
