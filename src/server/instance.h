// Instance: everything a running Sluice server holds, opened from a data
// directory (the embedded default keeps it all under one folder):
//
//   DATA/sluice.db       SQLite metadata store (WAL)
//   DATA/admin.token     the first admin's token, mode 0600, first start only
//   DATA/audit/          the tamper-evident audit log and its checkpoints
//   DATA/keys/           the audit log's Ed25519 signing key (0600)
//
// The first start of a new data directory records its platform (the ladder)
// in the store and creates the principal `admin` with a token written to
// DATA/admin.token. Later starts reuse the recorded platform; asking for a
// different one is refused, because assets will live in its environments.
//
// Ownership: owns the store, recorder, authorizer, platform and service.
// Not copyable. Thread-safe as its parts are.
#pragma once

#include <memory>
#include <string>

#include "alert/alerting_recorder.h"
#include "alert/engine.h"
#include "alert/webhook_notifier.h"
#include "audit/recorder.h"
#include "auditlog/audit_log.h"
#include "authz/cedar_authorizer.h"
#include "catalog/catalog.h"
#include "common/status.h"
#include "metrics/sluice_metrics.h"
#include "platform/model.h"
#include "policy/schema.h"
#include "service/service.h"
#include "store/catalog_store.h"
#include "store/control_store.h"
#include "store/metadata_store.h"
#include "store/promotion_store.h"

namespace sluice::server {

struct InstanceOptions {
  std::string data_dir = ".sluice";
  std::string platform_file;  // a platform YAML file, or
  std::string template_name;  // a built-in template; neither: recorded, else five-stage
  // Where copies of every audit checkpoint go (a write-once mount, another
  // account's bucket); "" for none, which the server warns about.
  std::string audit_checkpoint_dir;
  // Alert rules added to (or overriding) the built-in ones; "" for none.
  std::string alert_rules_file;
  // Where alerts are POSTed (http://...); "" to only store them.
  std::string alert_webhook;
};

class Instance {
 public:
  static Result<std::unique_ptr<Instance>> Open(const InstanceOptions& options);

  service::Service& service() { return *service_; }
  auditlog::AuditLog& audit_log() { return *audit_log_; }
  metrics::SluiceMetrics& metrics() { return *metrics_; }
  alert::AlertingRecorder& alerting() { return *alerting_; }
  const platform::Platform& platform() const { return platform_; }
  const std::string& data_dir() const { return data_dir_; }
  // Path of the admin token file when this start created it, else "".
  const std::string& created_admin_token_path() const { return created_admin_token_path_; }

 private:
  Instance() = default;

  std::string data_dir_;
  std::string created_admin_token_path_;
  platform::Platform platform_;
  std::unique_ptr<store::MetadataStore> store_;
  std::unique_ptr<auditlog::AuditLog> audit_log_;
  std::unique_ptr<store::ControlStore> control_store_;
  std::unique_ptr<store::PromotionStore> promotion_store_;
  policy::Schema schema_;
  std::unique_ptr<authz::CedarAuthorizer> authorizer_;
  std::unique_ptr<metrics::SluiceMetrics> metrics_;
  // The audit log, timed into the metrics.
  std::unique_ptr<audit::Recorder> recorder_;
  // Alerts over every recorded event: the recorder the service uses. Its
  // members are destroyed in reverse: the recorder's thread stops first.
  std::unique_ptr<alert::AlertStore> alert_store_;
  std::unique_ptr<alert::AlertEngine> alert_engine_;
  std::unique_ptr<alert::WebhookNotifier> alert_notifier_;  // may be null
  std::unique_ptr<alert::AlertingRecorder> alerting_;
  std::unique_ptr<store::CatalogStore> catalog_store_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<scan::Scanner> scanner_;
  std::unique_ptr<service::Service> service_;
};

}  // namespace sluice::server
