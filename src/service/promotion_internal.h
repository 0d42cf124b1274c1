// Shared by the promotion use cases (promotion_service.cc,
// promotion_gates.cc, promotion_run.cc, release_service.cc): the states a
// promotion passes through and how its content is bound to approvals.
// Private to the service component.
#pragma once

#include <string>
#include <string_view>

#include "store/catalog_records.h"
#include "store/promotion_store.h"

namespace sluice::service::promotion {

// requested -> checking -> awaiting-approval -> approved -> promoted, or
// failed (a gate, or the run), rejected, cancelled.
inline constexpr std::string_view kChecking = "checking";
inline constexpr std::string_view kAwaiting = "awaiting-approval";
inline constexpr std::string_view kApproved = "approved";
inline constexpr std::string_view kPromoted = "promoted";
inline constexpr std::string_view kFailed = "failed";

// SHA-256 over what an approval vouches for: the kind, the target, the
// rollback flag, the version ids (content-addressed: an id changes with any
// byte, tag or input) and the aliases that will move.
std::string ContentHash(const store::PromotionRecord& p);

// The ref naming exactly this version: ENV/PROJECT/ASSET@ID.
std::string VersionRef(const store::VersionRecord& v);

// Distinct approvers of the current content, the requester never counted.
int CurrentApprovals(const store::PromotionRecord& p);

}  // namespace sluice::service::promotion
