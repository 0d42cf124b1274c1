#include "server/instance.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "access/token.h"
#include "alert/default_rules.h"
#include "alert/sqlite_alert_store.h"
#include "authz/policy_pack.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "metrics/instrumented_recorder.h"
#include "platform/parser.h"
#include "platform/templates.h"
#include "store/sqlite_catalog_store.h"
#include "store/sqlite_control_store.h"
#include "store/sqlite_promotion_store.h"
#include "store/sqlite_store.h"

namespace sluice::server {
namespace {

constexpr std::string_view kPlatformSetting = "platform.yaml";
constexpr std::string_view kPlatformSourceSetting = "platform.source";
constexpr std::string_view kDefaultTemplate = "five-stage";

Status EnsureDirectory(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return Unavailable("cannot create data directory " + path + ": " + ec.message());
  if (::chmod(path.c_str(), 0700) != 0) {
    return Unavailable("cannot restrict data directory " + path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

// Writes `content` to `path` with mode 0600: a temporary file, fsync,
// rename, so the file is either absent or complete.
Status WriteSecretFile(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("cannot write " + tmp + ": " + std::strerror(errno));
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Unavailable("cannot write " + path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

// Each environment's masking key (docs/masking.md): DATA/keys/masking/ENV.key,
// 32 random bytes in hex, made at the environment's first start and kept:
// a new key would change every token, breaking joins with earlier reads.
Result<std::map<std::string, std::string, std::less<>>> LoadMaskingKeys(
    const std::string& dir, const platform::Platform& platform) {
  SLUICE_RETURN_IF_ERROR(EnsureDirectory(dir));
  std::map<std::string, std::string, std::less<>> keys;
  for (const platform::Environment& env : platform.environments) {
    const std::string path = dir + "/" + env.name + ".key";
    std::ifstream in(path);
    std::string key;
    if (in && std::getline(in, key) && key.size() == 64) {
      keys.emplace(env.name, std::move(key));
      continue;
    }
    if (std::filesystem::exists(path)) {
      return DataLoss("masking key " + path +
                      " is not 64 hex digits; restore it from a backup "
                      "(a new key would change every token)");
    }
    SLUICE_ASSIGN_OR_RETURN(key, RandomHex(32));
    SLUICE_RETURN_IF_ERROR(WriteSecretFile(path, key + "\n"));
    keys.emplace(env.name, std::move(key));
  }
  return keys;
}

struct PlatformChoice {
  std::string yaml;
  std::string source;  // "template five-stage" or "file /path"
};

Result<std::string> ReadFile(const std::string& path) {
  platform::ParseOutcome outcome = platform::LoadPlatformFile(path);
  if (!outcome.ok()) return InvalidArgument(platform::FormatDiagnostics(outcome.diagnostics));
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return InvalidArgument("cannot read " + path);
  std::string text;
  char buf[8192];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  return text;
}

Result<PlatformChoice> RequestedPlatform(const InstanceOptions& options) {
  if (!options.platform_file.empty() && !options.template_name.empty()) {
    return InvalidArgument("give --platform FILE or --template NAME, not both");
  }
  if (!options.platform_file.empty()) {
    SLUICE_ASSIGN_OR_RETURN(std::string yaml, ReadFile(options.platform_file));
    return PlatformChoice{std::move(yaml), "file " + options.platform_file};
  }
  std::string name =
      options.template_name.empty() ? std::string(kDefaultTemplate) : options.template_name;
  SLUICE_RETURN_IF_ERROR(platform::Template(name));  // NotFound lists the names
  return PlatformChoice{std::string(platform::TemplateYaml(name)), "template " + name};
}

}  // namespace

Result<std::unique_ptr<Instance>> Instance::Open(const InstanceOptions& options) {
  std::unique_ptr<Instance> instance(new Instance());
  instance->data_dir_ = options.data_dir;
  SLUICE_RETURN_IF_ERROR(EnsureDirectory(options.data_dir));
  const std::string dir = options.data_dir + "/";

  SLUICE_ASSIGN_OR_RETURN(instance->store_, store::SqliteStore::Open(dir + "sluice.db"));
  store::MetadataStore& store = *instance->store_;

  // The ladder: the one recorded at first start, unless the caller asks for
  // another, which is refused.
  SLUICE_ASSIGN_OR_RETURN(std::optional<std::string> recorded, store.GetSetting(kPlatformSetting));
  bool explicit_choice = !options.platform_file.empty() || !options.template_name.empty();
  PlatformChoice choice;
  if (recorded && !explicit_choice) {
    SLUICE_ASSIGN_OR_RETURN(std::optional<std::string> source,
                            store.GetSetting(kPlatformSourceSetting));
    choice = {*recorded, source.value_or("recorded")};
  } else {
    SLUICE_ASSIGN_OR_RETURN(choice, RequestedPlatform(options));
    if (recorded && *recorded != choice.yaml) {
      return FailedPrecondition("data directory " + options.data_dir +
                                " was created with another platform; changing the ladder of an "
                                "existing data directory is not supported yet (start without "
                                "--platform/--template to use the recorded one)");
    }
  }
  platform::ParseOutcome parsed = platform::ParsePlatform(choice.yaml, choice.source);
  if (!parsed.ok()) return InvalidArgument(platform::FormatDiagnostics(parsed.diagnostics));
  instance->platform_ = std::move(*parsed.platform);
  if (!recorded) {
    SLUICE_RETURN_IF_ERROR(store.PutSetting(kPlatformSetting, choice.yaml));
    SLUICE_RETURN_IF_ERROR(store.PutSetting(kPlatformSourceSetting, choice.source));
  }

  auditlog::AuditLogOptions audit;
  audit.dir = dir + "audit";
  audit.key_path = dir + "keys/audit-ed25519.pem";
  audit.platform = instance->platform_.name;
  audit.external_checkpoint_dir = options.audit_checkpoint_dir;
  SLUICE_ASSIGN_OR_RETURN(instance->audit_log_, auditlog::AuditLog::Open(audit));
  // The public key next to the private one, for `sluice audit verify --data`
  // (which warns that a key kept with the data proves little: pin a copy).
  SLUICE_RETURN_IF_ERROR(WriteSecretFile(dir + "keys/audit-ed25519.pub.pem",
                                         instance->audit_log_->verifying_key().Pem()));

  // First start: the admin principal and its token. The file is written
  // before the database commit so a crash cannot leave an admin whose token
  // nobody has; a failed commit removes the file again.
  SLUICE_ASSIGN_OR_RETURN(std::int64_t principals, store.CountPrincipals());
  if (principals == 0) {
    std::int64_t now = NowMillis();
    SLUICE_ASSIGN_OR_RETURN(access::IssuedToken token,
                            access::IssueToken("admin", std::nullopt, now));
    store::Principal admin;
    admin.name = "admin";
    admin.kind = store::PrincipalKind::kUser;
    admin.roles = {"admin"};
    admin.created_ms = now;
    std::string token_path = dir + "admin.token";
    SLUICE_RETURN_IF_ERROR(WriteSecretFile(token_path, token.plaintext + "\n"));
    Status created = store.CreatePrincipalWithToken(admin, token.record);
    if (!created.ok()) {
      ::unlink(token_path.c_str());
      return created;
    }
    instance->created_admin_token_path_ = token_path;
    // The bootstrap is a change like any other: it is recorded, by "system".
    audit::Event event;
    event.time_ms = now;
    event.principal = "system";
    event.action = "principal.create";
    event.resource_type = "Principal";
    event.resource_id = admin.name;
    event.allowed = true;
    event.determining_policies = {"bootstrap-first-admin"};
    event.details = {{"roles", admin.roles}, {"token_id", token.record.id}};
    SLUICE_RETURN_IF_ERROR(instance->audit_log_->Record(event));
  }

  // The data plane: catalog metadata in the same database, chunks under
  // storage/<domain>/ (docs/data-directory.md).
  SLUICE_ASSIGN_OR_RETURN(instance->catalog_store_,
                          store::SqliteCatalogStore::Open(dir + "sluice.db"));
  SLUICE_ASSIGN_OR_RETURN(
      instance->catalog_,
      catalog::Catalog::Open(*instance->catalog_store_, instance->platform_, dir + "storage"));
  // Controls: Cedar decides every request, over the policy version in force
  // (the default pack on first start; docs/policies.md).
  SLUICE_ASSIGN_OR_RETURN(instance->control_store_,
                          store::SqliteControlStore::Open(dir + "sluice.db"));
  SLUICE_ASSIGN_OR_RETURN(instance->promotion_store_,
                          store::SqlitePromotionStore::Open(dir + "sluice.db"));
  SLUICE_ASSIGN_OR_RETURN(instance->schema_, authz::SluiceSchema());
  instance->authorizer_ =
      std::make_unique<authz::CedarAuthorizer>(instance->platform_, instance->schema_);
  SLUICE_ASSIGN_OR_RETURN(instance->metrics_, metrics::SluiceMetrics::Make());
  store::CatalogStore* catalog_store = instance->catalog_store_.get();
  SLUICE_RETURN_IF_ERROR(instance->metrics_->AddStoredBytesCollector(
      [catalog_store]() -> Result<std::vector<metrics::SluiceMetrics::StoredBytes>> {
        SLUICE_ASSIGN_OR_RETURN(auto rows, catalog_store->BytesByClassification());
        std::vector<metrics::SluiceMetrics::StoredBytes> out;
        for (auto& r : rows) {
          // ["PCI","PII"] -> "PCI,PII"; none -> "none": label values people can read.
          std::string labels;
          const nlohmann::json set = nlohmann::json::parse(r.classification, nullptr, false);
          if (set.is_array()) {
            for (const auto& l : set) {
              if (!l.is_string()) continue;
              if (!labels.empty()) labels += ",";
              labels += l.get<std::string>();
            }
          }
          out.push_back({r.domain, labels.empty() ? "none" : labels, r.bytes});
        }
        return out;
      }));
  SLUICE_RETURN_IF_ERROR(instance->metrics_->AddCopiesCollector(
      [catalog_store]() -> Result<std::vector<metrics::SluiceMetrics::Copies>> {
        const std::int64_t day_ahead = NowMillis() + 24LL * 3600 * 1000;
        SLUICE_ASSIGN_OR_RETURN(auto rows, catalog_store->CopiesByEnvironment(day_ahead));
        std::vector<metrics::SluiceMetrics::Copies> out;
        for (auto& r : rows) out.push_back({r.environment, r.copies, r.expiring});
        return out;
      }));
  instance->recorder_ =
      std::make_unique<metrics::InstrumentedRecorder>(*instance->audit_log_, *instance->metrics_);
  std::string user_rules;
  if (!options.alert_rules_file.empty()) {
    SLUICE_ASSIGN_OR_RETURN(user_rules, ReadFile(options.alert_rules_file));
  }
  SLUICE_ASSIGN_OR_RETURN(std::vector<alert::AlertRule> rules,
                          alert::EffectiveAlertRules(user_rules, options.alert_rules_file));
  SLUICE_ASSIGN_OR_RETURN(instance->alert_engine_, alert::AlertEngine::Make(std::move(rules)));
  SLUICE_ASSIGN_OR_RETURN(instance->alert_store_, alert::SqliteAlertStore::Open(dir + "alerts.db"));
  if (!options.alert_webhook.empty()) {
    SLUICE_ASSIGN_OR_RETURN(
        instance->alert_notifier_,
        alert::WebhookNotifier::Make(options.alert_webhook, *instance->alert_store_));
  }
  SLUICE_ASSIGN_OR_RETURN(
      instance->alerting_,
      alert::AlertingRecorder::Make(*instance->recorder_, *instance->alert_engine_,
                                    *instance->alert_store_, instance->alert_notifier_.get()));
  service::Controls controls;
  controls.store = instance->control_store_.get();
  controls.authorizer = instance->authorizer_.get();
  controls.schema = &instance->schema_;
  controls.metrics = instance->metrics_.get();
  controls.alerts = instance->alert_store_.get();
  controls.promotions = instance->promotion_store_.get();
  controls.signing_key = &instance->audit_log_->signing_key();
  controls.scratch_dir = dir + "tmp";
  SLUICE_ASSIGN_OR_RETURN(instance->scanner_, scan::Scanner::Make());
  controls.scanner = instance->scanner_.get();
  SLUICE_ASSIGN_OR_RETURN(controls.masking_keys,
                          LoadMaskingKeys(dir + "keys/masking", instance->platform_));
  instance->service_ = std::make_unique<service::Service>(
      store, *instance->authorizer_, *instance->alerting_, instance->platform_,
      instance->catalog_.get(), instance->audit_log_.get(), controls);
  SLUICE_RETURN_IF_ERROR(instance->service_->LoadPolicies(authz::DefaultPolicyFiles()));
  return instance;
}

}  // namespace sluice::server
