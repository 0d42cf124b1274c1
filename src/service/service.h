// Service: Sluice's use cases, one function each, and the one door they all
// pass through: authorize (principal, action, resource, context), act, record.
//
// The HTTP layer only translates between HTTP and these functions; nothing
// else touches the store. A denied call is recorded and returns
// kPermissionDenied without acting. A call whose event cannot be recorded
// fails (kUnavailable) rather than answering unrecorded.
//
// Ownership: borrows the store, authorizer, recorder and platform, which
// must outlive it. Thread-safety: all functions may be called concurrently
// (the collaborators are thread-safe; the platform is immutable).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/authenticator.h"
#include "access/credential_cache.h"
#include "access/token.h"
#include "alert/alert_store.h"
#include "audit/recorder.h"
#include "auditlog/audit_log.h"
#include "auditlog/verify.h"
#include "authz/authorizer.h"
#include "authz/cedar_authorizer.h"
#include "catalog/catalog.h"
#include "common/status.h"
#include "metrics/sluice_metrics.h"
#include "platform/model.h"
#include "policy/schema.h"
#include "service/caller.h"
#include "store/control_store.h"
#include "store/metadata_store.h"
#include "store/promotion_store.h"

namespace sluice::service {

struct NewPrincipal {
  std::string name;
  store::PrincipalKind kind = store::PrincipalKind::kUser;
  std::vector<std::string> roles;
  std::map<std::string, store::AttributeValue> attributes;
};

// What the control use cases (policies, sessions) work on; all optional:
// without them those use cases fail with kFailedPrecondition. Borrowed.
struct Controls {
  store::ControlStore* store = nullptr;
  // Where pushed policies are put in force (the server's authorizer).
  authz::CedarAuthorizer* authorizer = nullptr;
  const policy::Schema* schema = nullptr;
  metrics::SluiceMetrics* metrics = nullptr;
  alert::AlertStore* alerts = nullptr;
  store::PromotionStore* promotions = nullptr;
  // Signs promotion attestations (the audit log's key). Without it
  // promotions run unattested.
  const auditlog::SigningKey* signing_key = nullptr;
  // Where command gates get the bundle materialised (DATA/tmp).
  std::string scratch_dir;
  // Scans pushed datasets and feature sets; without it nothing is scanned.
  const scan::Scanner* scanner = nullptr;
  // Each environment's masking key (HMAC-SHA-256 tokens, docs/masking.md);
  // an environment without one gets no masked reads.
  std::map<std::string, std::string, std::less<>> masking_keys;
};

// One column a masked read hides, and how (masked_read_service.cc).
struct MaskedColumn {
  std::string file;
  std::string column;
  std::vector<std::string> labels;  // the labels that decided it (PII, PHI, PCI, credential)
  std::string detector;             // what the scan found there, "" when none
  platform::MaskMethod method = platform::MaskMethod::kRedact;
};

// How the caller may read a version: "clear", "masked" (with the columns
// hidden), or "denied" (with why).
struct ReadPlan {
  std::string mode;
  std::string reason;
  std::vector<MaskedColumn> masked;
  std::optional<store::VersionRecord> version;  // unless denied
};

// One page of a masked file and where the next starts ("" at the end).
struct MaskedRead {
  std::string text;
  std::string next_page;
  std::vector<MaskedColumn> masked;  // of this file
  std::uint64_t rows = 0;
  std::uint64_t bad_rows = 0;
};

// What a promotion request asks for (Service::RequestPromotion).
struct PromotionAsk {
  std::vector<std::string> refs;  // catalog refs, all in one environment
  std::string to;
  std::string justification;
  std::vector<std::string> aliases;  // moved onto the promoted versions
  bool rollback = false;
  std::string kind = "data";  // or "release" (an infra release's components)
  std::string release;        // the release's name for kind "release"
};

// Where each release train environment stands (Service::GetReleaseStatus).
struct ReleaseStatus {
  struct Component {
    std::string asset;  // PROJECT/ASSET
    std::string version;
    std::string release;  // the release that placed it, "" if none did
  };
  struct Environment {
    std::string name;
    std::vector<Component> components;
  };
  std::string latest_release;  // of the newest roll, "" before any
  std::vector<Environment> environments;
  std::vector<std::string> drift;  // one line per difference from the latest roll
};

// A session just opened: its record and the token (shown once).
struct OpenedSession {
  store::SessionRecord record;
  std::string token;  // "ID.SECRET"; sent as the Sluice-Session header
};

// A policy version compared with another: per file, a unified line diff.
struct PolicyDiff {
  std::int64_t from = 0, to = 0;
  std::string text;  // "" when equal
};

// A page of the audit log query (Service::QueryAudit).
struct AuditQuery {
  std::int64_t after = -1;  // sequence number; -1 for the start
  std::uint64_t limit = 100;
  std::string principal, action, environment, decision;  // "" matches all
  std::optional<std::int64_t> since_ms, until_ms;
};

struct AuditPage {
  std::vector<auditlog::StoredEvent> events;
  std::int64_t next = -1;  // pass as `after` for the next page; -1 at the end
};

struct InclusionProof {
  std::uint64_t seq = 0;
  std::uint64_t size = 0;  // tree size the proof is against
  std::string event;       // the canonical bytes of the event (the leaf)
  std::vector<auditlog::Hash> path;
  auditlog::Hash root{};
  std::string checkpoint;  // the signed checkpoint of `size`, when it is the latest
};

inline constexpr std::uint64_t kAuditScanLimit = 100000;

class Service {
 public:
  // `catalog` may be null for a server without a data plane (the catalog
  // use cases then fail with kFailedPrecondition).
  Service(store::MetadataStore& store, const authz::Authorizer& authorizer,
          audit::Recorder& recorder, const platform::Platform& platform,
          catalog::Catalog* catalog = nullptr, auditlog::AuditLog* audit_log = nullptr,
          Controls controls = {});

  // Resolves a bearer token (and, when given, a session token) to a
  // Caller. A session token must belong to the token's principal and be
  // open; otherwise kUnauthenticated, recorded.
  Result<Caller> Authenticate(std::string_view bearer_token, std::string_view session_token,
                              const CallMeta& meta);
  // Resolves a bearer token to a Caller. Failures are recorded (a burst of
  // them is what alerts look for) and return kUnauthenticated.
  Result<Caller> Authenticate(std::string_view bearer_token, const CallMeta& meta);

  Result<store::Principal> WhoAmI(const Caller& caller);
  Result<std::vector<platform::Environment>> ListEnvironments(const Caller& caller);

  // Validates the name (lowercase, [a-z][a-z0-9._-]{0,62}), roles and
  // attribute names before anything is written.
  Result<store::Principal> CreatePrincipal(const Caller& caller, NewPrincipal request);
  Result<std::vector<store::Principal>> ListPrincipals(const Caller& caller);
  Result<store::Principal> GetPrincipal(const Caller& caller, std::string_view name);
  // Refuses (kFailedPrecondition) to delete the last admin, which would leave
  // nobody able to administer the platform.
  Status DeletePrincipal(const Caller& caller, std::string_view name);

  // Issues a token for `principal`; the plaintext is in the result only.
  Result<access::IssuedToken> CreateToken(const Caller& caller, std::string_view principal,
                                          std::optional<std::chrono::seconds> ttl);
  Status RevokeToken(const Caller& caller, std::string_view token_id);

  // --- The data catalog (catalog_service.cc); refs as catalog/ref.h ---
  Result<store::ProjectRecord> CreateProject(const Caller& caller, std::string_view path,
                                             std::uint64_t quota_bytes);
  Result<std::vector<store::ProjectRecord>> ListProjects(const Caller& caller,
                                                         std::string_view environment);
  Status SetQuota(const Caller& caller, std::string_view path, std::uint64_t quota_bytes);
  Result<std::vector<store::ProjectUsage>> ListQuotas(const Caller& caller,
                                                      std::string_view environment);
  Result<std::vector<store::AssetRecord>> ListAssets(const Caller& caller,
                                                     std::string_view environment,
                                                     std::string_view project);
  // A push: which chunks the server lacks, each missing chunk, the commit.
  Result<std::vector<std::string>> MissingChunks(const Caller& caller, std::string_view address,
                                                 const std::vector<std::string>& ids);
  Status PutChunk(const Caller& caller, std::string_view address, std::string_view chunk_id,
                  std::string_view bytes);
  Result<store::VersionRecord> CommitVersion(const Caller& caller,
                                             const catalog::PushRequest& request);
  Result<store::VersionRecord> ResolveRef(const Caller& caller, std::string_view ref);
  Result<store::VersionRecord> GetVersion(const Caller& caller, std::string_view id);
  // What a version the caller was just allowed to see is classified as now
  // (catalog::Catalog::EffectiveClassification), for rendering it.
  std::vector<std::string> CurrentClassification(const store::VersionRecord& v) const {
    return catalog_ == nullptr ? std::vector<std::string>() : catalog_->EffectiveClassification(v);
  }
  // One chunk of a version (a pull reads them in turn); the event records
  // the bytes read, durably before they are returned.
  Result<std::string> ReadChunk(const Caller& caller, std::string_view version_id,
                                std::string_view chunk_id);
  Result<store::VersionRecord> SetAlias(const Caller& caller, std::string_view ref,
                                        std::string_view alias);
  Result<catalog::CopyResult> Copy(const Caller& caller, std::string_view source_ref,
                                   std::string_view target_address,
                                   std::optional<std::chrono::seconds> ttl);
  Result<catalog::Lineage> GetLineage(const Caller& caller, std::string_view ref, bool up,
                                      int max_depth);
  Result<catalog::PurgeResult> Purge(const Caller& caller, std::string_view ref, bool cascade,
                                     bool dry_run);
  Result<catalog::GcResult> CollectGarbage(const Caller& caller, bool dry_run);
  Result<catalog::FsckReport> Fsck(const Caller& caller);
  Result<std::vector<catalog::PurgeResult>> SweepExpired(const Caller& caller);
  // How the caller may read the version `ref` names, for clients choosing
  // between chunks and masked pages (masked_read_service.cc). Advisory: each
  // read is decided again. Recorded as a read of the version's metadata
  // (asset.read, without its classification: the plan names the version
  // and its files only when some read is allowed).
  Result<ReadPlan> PlanRead(const Caller& caller, std::string_view ref);
  // One page of `path` in the version, the columns the caller may not read
  // in the clear masked by the platform's rules (action asset.read-masked;
  // every column's verdict is an asset.read decision on its labels). The
  // first page is `page` ""; kPermissionDenied when the policies refuse
  // even a masked read or a labelled file has no columns to mask.
  Result<MaskedRead> ReadMasked(const Caller& caller, std::string_view version_id,
                                std::string_view path, std::string_view page);

  // --- Declassification (declassification_service.cc) ---
  // Asks to remove `labels` (PII, PHI, PCI, credential; each on the
  // version now) from the version `ref` names, with a justification
  // (10..2000 characters). Nothing changes until approvers agree.
  Result<store::DeclassificationRecord> RequestDeclassification(
      const Caller& caller, std::string_view ref, const std::vector<std::string>& labels,
      std::string_view justification);
  // An approval or a rejection, never by the requester or the version's
  // author, by the roles the environment's gates name; at the
  // environment's `gates.approvals` approvals the labels come off.
  Result<store::DeclassificationRecord> DecideDeclassification(const Caller& caller,
                                                               std::string_view id, bool approve,
                                                               std::string_view comment);
  Result<store::DeclassificationRecord> GetDeclassification(const Caller& caller,
                                                            std::string_view id);
  Result<std::vector<store::DeclassificationRecord>> ListDeclassifications(const Caller& caller);

  // What scanning found in a version (scan_service.cc): kNotFound when it
  // was never scanned (not a dataset or feature set, or pushed before).
  Result<store::ScanRecord> GetScan(const Caller& caller, std::string_view version_id);
  // Scans versions whose scan was left for the background (action
  // asset.scan, the "system" principal); returns how many it scanned.
  Result<int> ScanPendingVersions(const Caller& caller);
  // Pushes up to this many bytes are scanned within the push; larger ones
  // are marked "scanning" and scanned in the background.
  static constexpr std::uint64_t kInlineScanBytes = 16ull << 20;

  // --- Sessions (session_service.cc) ---
  // Opens a just-in-time session in `environment` for `purpose` (required,
  // 3..500 characters); ttl 1 second .. 12 hours (default 4 h).
  Result<OpenedSession> OpenSession(const Caller& caller, std::string_view environment,
                                    std::string_view purpose,
                                    std::optional<std::chrono::seconds> ttl);
  // The caller's open sessions; `everyone` (admins) lists all; `include_ended`
  // adds closed and expired ones.
  Result<std::vector<store::SessionRecord>> ListSessions(const Caller& caller, bool everyone,
                                                         bool include_ended);
  Status CloseSession(const Caller& caller, std::string_view id);

  // --- Promotion up the ladder (promotion_*.cc; docs/promotion.md) ---
  // A bundle of versions (refs, all in one environment) for the next rung
  // `ask.to`; the ladder step must exist (no skipping) and the lineage gate
  // must pass, else nothing is stored. The target's gates then run; the
  // promotion awaits approval, or has failed with the gates' messages.
  Result<store::PromotionRecord> RequestPromotion(const Caller& caller, const PromotionAsk& ask);
  // The requester replaces the bundle: approvals of the old content go
  // stale and the gates run again.
  Result<store::PromotionRecord> AmendPromotion(const Caller& caller, std::string_view id,
                                                const std::vector<std::string>& refs);
  // A promotion of what the target asset (ENV/PROJECT/ASSET) held before its
  // latest promotion, through the same path: the same gates (data gates
  // skipped under the target's rollback_fast_path) and the same approvals.
  Result<store::PromotionRecord> RequestRollback(const Caller& caller,
                                                 std::string_view target_asset,
                                                 std::string_view alias,
                                                 std::string_view justification);
  // An approval or rejection, bound to the bundle's content hash; never by
  // the requester or an author of a version in the bundle.
  Result<store::PromotionRecord> DecidePromotion(const Caller& caller, std::string_view id,
                                                 bool approve, std::string_view comment);
  // Materialises an approved promotion into its target, moves its aliases
  // and signs its attestation: services only.
  Result<store::PromotionRecord> RunPromotion(const Caller& caller, std::string_view id);
  Result<store::PromotionRecord> CancelPromotion(const Caller& caller, std::string_view id);
  Result<store::PromotionRecord> GetPromotion(const Caller& caller, std::string_view id);
  Result<std::vector<store::PromotionRecord>> ListPromotions(const Caller& caller);
  // Approvals a promotion into `to` needs (the target's `gates.approvals`).
  int ApprovalsNeeded(std::string_view to) const;
  // The signed attestation (a DSSE envelope) of a promoted promotion.
  Result<std::string> GetAttestation(const Caller& caller, std::string_view id);

  // --- Infra release trains (release_service.cc; docs/promotion.md) ---
  // A named release of component versions, all in one infra environment.
  Result<store::ReleaseRecord> CreateRelease(const Caller& caller, std::string_view name,
                                             const std::vector<std::string>& refs,
                                             std::string_view justification);
  Result<std::vector<store::ReleaseRecord>> ListReleases(const Caller& caller);
  // A promotion of the release's components one rung up the infra track.
  Result<store::PromotionRecord> PromoteRelease(const Caller& caller, std::string_view name,
                                                std::string_view justification);
  // Rolls the release (once promoted to the release train's start) into
  // every environment the train reaches, all or nothing; `rollback` rolls
  // the release before the latest roll instead and `name` must be empty.
  Result<store::ReleaseRoll> RollRelease(const Caller& caller, std::string_view name,
                                         bool rollback);
  Result<ReleaseStatus> GetReleaseStatus(const Caller& caller);

  // --- Break-glass (breakglass_service.cc) ---
  // A request for a short read-write session in an automation-only
  // environment; `reason` 10..1000 characters; ttl 5m..4h (default 1h).
  Result<store::BreakGlassRecord> RequestBreakGlass(const Caller& caller,
                                                    std::string_view environment,
                                                    std::string_view reason,
                                                    std::optional<std::chrono::seconds> ttl);
  // One approval; never by the requester; one per approver.
  Result<store::BreakGlassRecord> ApproveBreakGlass(const Caller& caller, std::string_view id,
                                                    std::string_view comment);
  // The requester opens the break-glass session once two approvals are in
  // and within an hour of the request; a request opens one session only.
  Result<OpenedSession> OpenBreakGlass(const Caller& caller, std::string_view id);
  Result<std::vector<store::BreakGlassRecord>> ListBreakGlass(const Caller& caller);

  // --- Policies (policy_service.cc) ---
  // Validates `files` against the schema and, only if they pass, stores them
  // as the next version and puts it in force. The event carries the diff.
  Result<store::PolicyVersion> PushPolicies(const Caller& caller,
                                            std::vector<store::PolicyFile> files,
                                            std::string_view comment);
  // Pushes an earlier version's files again as a new version.
  Result<store::PolicyVersion> RollbackPolicies(const Caller& caller, std::int64_t version);
  // 0 = the version in force.
  Result<store::PolicyVersion> GetPolicies(const Caller& caller, std::int64_t version);
  Result<std::vector<store::PolicyVersion>> PolicyHistory(const Caller& caller);
  Result<PolicyDiff> DiffPolicies(const Caller& caller, std::int64_t from, std::int64_t to);
  // At server start: the latest stored version in force, storing `defaults`
  // as version 1 first when there is none. Not a use case: no caller.
  Status LoadPolicies(const std::vector<store::PolicyFile>& defaults);

  // The Prometheus text exposition of the server's metrics (action
  // metrics.read); gauges read from the stores are refreshed first.
  Result<std::string> ReadMetrics(const Caller& caller);

  // --- Alerts (alert_service.cc) ---
  // state: "", "open" or "acknowledged"; limit 1..1000.
  Result<std::vector<alert::Alert>> ListAlerts(const Caller& caller, std::string_view state,
                                               int limit);
  Result<alert::Alert> AcknowledgeAlert(const Caller& caller, std::string_view id,
                                        std::string_view comment);

  // --- The audit log (audit_service.cc); action audit.read ---
  // Events after `query.after` (a sequence number; -1 for the start)
  // matching every filter given, at most `query.limit`; `next` is where the
  // next page starts. Filters on principal, action, environment or decision
  // go through the log's index (only matching events are read); a page
  // reads at most kAuditScanLimit events.
  Result<AuditPage> QueryAudit(const Caller& caller, const AuditQuery& query);
  Result<auditlog::SignedCheckpoint> LatestCheckpoint(const Caller& caller);
  Result<InclusionProof> ProveInclusion(const Caller& caller, std::uint64_t seq,
                                        std::uint64_t size);
  Result<std::vector<auditlog::Hash>> ProveConsistency(const Caller& caller, std::uint64_t old_size,
                                                       std::uint64_t new_size);
  Result<std::string> AuditPublicKey(const Caller& caller);
  // VerifyAuditDir over the server's own log (a check from the inside; the
  // offline `sluice audit verify` with a pinned key is the one to trust).
  Result<auditlog::VerifyReport> VerifyAudit(const Caller& caller);

 private:
  // The facts of a call about `environment`.
  static authz::Facts EnvironmentFacts(std::string_view environment);
  // Adds what alerts and auditors need beyond the request itself: the
  // session, a cross-environment read, a contractor, the classification.
  static void DescribeForAudit(const Caller& caller, const authz::Facts& facts,
                               audit::Event& event);
  // PermissionDenied unless the caller holds one of the roles the
  // environment's gates.approver_roles name (any role when it names none);
  // `what` ("promotions into") starts the message's subject.
  Status CheckApproverRole(const Caller& caller, std::string_view environment,
                           std::string_view what) const;
  // Authorize, timed into the metrics when there are any.
  authz::Decision AuthorizeTimed(const authz::Request& request) const;
  // Which columns of `v` the caller may not read in the clear, and how each
  // is masked; kPermissionDenied when a labelled file has no column report
  // (masked_read_service.cc).
  Result<std::vector<MaskedColumn>> PlanMasking(const Caller& caller, catalog::Catalog& c,
                                                const store::VersionRecord& v);
  Result<catalog::Catalog*> RequireCatalog() const;
  // Resolves a bundle's refs, checks the ladder step and the lineage gate;
  // the versions sorted by id (promotion_service.cc).
  Result<std::vector<store::VersionRecord>> ResolveBundle(const std::vector<std::string>& refs,
                                                          std::string_view kind,
                                                          std::string_view to);
  // Runs the target's gates over the bundle, stores the results and the
  // state they lead to (compare and set from `expected_state`); returns the
  // stored promotion (promotion_gates.cc).
  Result<store::PromotionRecord> CheckAndStore(store::PromotionRecord& p,
                                               const std::vector<store::VersionRecord>& bundle,
                                               std::string_view expected_state,
                                               nlohmann::json& details);
  // Copies the versions into `to` as promoted versions (creating projects
  // as needed); on any failure removes what it placed (promotion_run.cc).
  Result<std::vector<store::VersionRecord>> Materialise(const std::vector<std::string>& source_ids,
                                                        std::string_view to,
                                                        std::string_view runner,
                                                        std::int64_t now_ms);
  // Scans `v` now or queues it (by size), after its commit; the outcome for
  // the commit's event (scan_service.cc).
  nlohmann::json ScanAfterCommit(const store::VersionRecord& v);
  Status MoveAliases(const std::vector<store::VersionRecord>& placed,
                     const std::vector<std::string>& aliases);
  // The signed DSSE envelope of a promotion being completed; "" without a key.
  Result<std::string> Attest(const store::PromotionRecord& p,
                             const std::vector<store::VersionRecord>& placed);
  Result<auditlog::AuditLog*> RequireAuditLog() const;

  // Defined in door.h. `facts` tells the authorizer about the resource and
  // the call (environment, source environment, classification, ...).
  template <typename Act>
  auto Door(const Caller& caller, std::string_view action, authz::Resource resource, Act&& act,
            authz::Facts facts = {}) -> decltype(act(std::declval<nlohmann::json&>()));

  store::MetadataStore& store_;
  const authz::Authorizer& authorizer_;
  audit::Recorder& recorder_;
  const platform::Platform& platform_;
  Result<store::ControlStore*> RequireControls() const;
  // The open session `token` names, if it belongs to `principal`.
  Result<authz::SessionFacts> ResolveSession(const store::Principal& principal,
                                             std::string_view token);
  Result<store::PolicyVersion> StoreAndInstall(const Caller& caller, std::string_view action,
                                               std::vector<store::PolicyFile> files,
                                               std::string comment);

  catalog::Catalog* const catalog_;      // may be null
  auditlog::AuditLog* const audit_log_;  // may be null
  const Controls controls_;
  // Changes below go through this process and invalidate at once; the TTL
  // bounds staleness only for changes made by another server process.
  access::CredentialCache credentials_{std::chrono::seconds(5), 100000};
  access::Authenticator authenticator_;
};

// Name rules shared by principals, roles and attribute keys.
Status ValidatePrincipalName(std::string_view name);
Status ValidateRoleName(std::string_view role);
Status ValidateAttributeName(std::string_view key);

}  // namespace sluice::service
