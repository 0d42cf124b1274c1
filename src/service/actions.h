// The actions of Sluice's use cases, as the authorizer and the audit log name
// them. Policies refer to these names: renaming one is a breaking change.
#pragma once

#include <string_view>

namespace sluice::service::actions {

inline constexpr std::string_view kAuthenticate = "authenticate";
inline constexpr std::string_view kWhoAmI = "whoami";
inline constexpr std::string_view kListEnvironments = "environment.list";
inline constexpr std::string_view kCreatePrincipal = "principal.create";
inline constexpr std::string_view kListPrincipals = "principal.list";
inline constexpr std::string_view kReadPrincipal = "principal.read";
inline constexpr std::string_view kDeletePrincipal = "principal.delete";
inline constexpr std::string_view kCreateToken = "token.create";
inline constexpr std::string_view kRevokeToken = "token.revoke";

// The data catalog. Resource types: Project ("ENV/PROJECT"), Asset
// ("ENV/PROJECT/ASSET"), Storage (the platform).
inline constexpr std::string_view kCreateProject = "project.create";
inline constexpr std::string_view kListProjects = "project.list";
inline constexpr std::string_view kSetQuota = "project.quota.set";
inline constexpr std::string_view kReadQuota = "project.quota.read";
inline constexpr std::string_view kListAssets = "asset.list";
inline constexpr std::string_view kReadAsset = "asset.read";
// A read with the columns the caller may not see in the clear masked
// (docs/masking.md); each column's clear-or-masked verdict is an
// asset.read decision on that column's labels.
inline constexpr std::string_view kReadAssetMasked = "asset.read-masked";
inline constexpr std::string_view kWriteAsset = "asset.write";
inline constexpr std::string_view kCopyAsset = "asset.copy";
inline constexpr std::string_view kAliasAsset = "asset.alias";
inline constexpr std::string_view kPurgeAsset = "asset.purge";
inline constexpr std::string_view kScanAsset = "asset.scan";
inline constexpr std::string_view kCollectGarbage = "storage.gc";
inline constexpr std::string_view kCheckStorage = "storage.fsck";
inline constexpr std::string_view kSweepCopies = "storage.sweep";

// The audit log (resource type AuditLog, id the platform name).
inline constexpr std::string_view kReadAudit = "audit.read";

// Just-in-time sessions: opened on an Environment, listed and closed on a
// Session (or, for a listing, the Platform).
inline constexpr std::string_view kOpenSession = "session.open";
inline constexpr std::string_view kListSessions = "session.list";
inline constexpr std::string_view kCloseSession = "session.close";

// Break-glass: requested and opened on an Environment, approved on the
// BreakGlass request, listed on the Platform.
inline constexpr std::string_view kRequestBreakGlass = "breakglass.request";
inline constexpr std::string_view kApproveBreakGlass = "breakglass.approve";
inline constexpr std::string_view kOpenBreakGlass = "breakglass.open";
inline constexpr std::string_view kListBreakGlass = "breakglass.list";

// Promotion (issue 7): requested and run on the target Environment;
// approved, rejected, cancelled and read on the Promotion.
inline constexpr std::string_view kRequestPromotion = "promotion.request";
inline constexpr std::string_view kApprovePromotion = "promotion.approve";
inline constexpr std::string_view kRunPromotion = "promotion.run";
inline constexpr std::string_view kCancelPromotion = "promotion.cancel";
inline constexpr std::string_view kReadPromotion = "promotion.read";

// Declassification (issue 8): requested on the Asset (its classification
// the labels to remove, so the requester must be cleared for them);
// approved, rejected and read on the Declassification, listed on the
// Platform.
inline constexpr std::string_view kRequestDeclassification = "declassification.request";
inline constexpr std::string_view kApproveDeclassification = "declassification.approve";
inline constexpr std::string_view kReadDeclassification = "declassification.read";

// Infra release trains: created on the infra Environment the components
// are in; rolled and read on the Platform.
inline constexpr std::string_view kCreateRelease = "release.create";
inline constexpr std::string_view kRollRelease = "release.roll";
inline constexpr std::string_view kReadRelease = "release.read";

// Alerts (resource type AlertLog, id the platform name).
inline constexpr std::string_view kReadAlerts = "alert.read";
inline constexpr std::string_view kAcknowledgeAlert = "alert.ack";

// Metrics (resource type Metrics): what Prometheus scrapes.
inline constexpr std::string_view kReadMetrics = "metrics.read";

// Policies (resource type PolicyStore, id the platform name).
inline constexpr std::string_view kReadPolicies = "policy.read";
inline constexpr std::string_view kPushPolicies = "policy.push";
inline constexpr std::string_view kRollbackPolicies = "policy.rollback";

}  // namespace sluice::service::actions
