// libFuzzer target: the policy parser (and printing/re-parsing what it
// accepts, and evaluating it against an empty request) must never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/authorizer.h"
#include "policy/policy_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto ps = sluice::policy::PolicySet::Parse(text, "fuzz");
  if (!ps.ok()) return 0;
  for (const auto& p : ps->policies()) {
    auto again = sluice::policy::PolicySet::Parse(p->ToString(), "reprint");
    if (!again.ok()) __builtin_trap();  // what we print must parse
  }
  sluice::policy::Request req;
  req.principal = {"User", "a"};
  req.action = {"Action", "a"};
  req.resource = {"Doc", "a"};
  sluice::policy::EntityStore store;
  (void)sluice::policy::IsAuthorized(req, store, *ps);
  return 0;
}
