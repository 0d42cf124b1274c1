#include "catalog/catalog.h"

#include <algorithm>
#include <set>

#include "catalog/chunk_byte_source.h"
#include "common/crypto.h"
#include "storage/local_chunk_store.h"
#include "tabular/format.h"
#include "tabular/schema_inference.h"
#include "tabular/schema_json.h"

namespace sluice::catalog {
namespace {

constexpr int kMaxAmbiguous = 2;

}  // namespace

std::set<std::string> DeclaredClassification(const std::map<std::string, std::string>& tags) {
  std::set<std::string> out;
  auto it = tags.find("classification");
  if (it == tags.end()) return out;
  std::size_t start = 0;
  while (start <= it->second.size()) {
    std::size_t comma = it->second.find(',', start);
    if (comma == std::string::npos) comma = it->second.size();
    std::string label = it->second.substr(start, comma - start);
    if (!label.empty()) out.insert(label);
    start = comma + 1;
  }
  return out;
}

std::vector<std::string> VersionClassification(const store::VersionRecord& version) {
  std::vector<std::string> out;
  nlohmann::json meta = nlohmann::json::parse(version.metadata, nullptr, false);
  if (!meta.is_object() || !meta.contains("classification") || !meta["classification"].is_array()) {
    return out;
  }
  for (const auto& label : meta["classification"]) {
    if (label.is_string()) out.push_back(label.get<std::string>());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string VersionIdentity(const AssetAddress& address, std::string_view kind,
                            const nlohmann::json& manifest, const nlohmann::json& metadata,
                            const std::vector<std::string>& inputs) {
  nlohmann::json doc = {{"address", address.ToString()},
                        {"kind", kind},
                        {"manifest", manifest},
                        {"metadata", metadata},
                        {"inputs", inputs}};
  return CanonicalJson(doc);
}

Result<std::unique_ptr<Catalog>> Catalog::Open(store::CatalogStore& store,
                                               const platform::Platform& platform,
                                               const std::string& storage_root) {
  std::map<std::string, std::unique_ptr<storage::ChunkStore>> domains;
  for (const auto& env : platform.environments) {
    const std::string domain = env.storage_domain.empty() ? env.name : env.storage_domain;
    if (domains.contains(domain)) continue;
    SLUICE_ASSIGN_OR_RETURN(auto chunks,
                            storage::LocalChunkStore::Open(storage_root + "/" + domain));
    domains.emplace(domain, std::move(chunks));
  }
  return Make(store, platform, std::move(domains));
}

Result<std::unique_ptr<Catalog>> Catalog::Make(
    store::CatalogStore& store, const platform::Platform& platform,
    std::map<std::string, std::unique_ptr<storage::ChunkStore>> domains) {
  for (const auto& env : platform.environments) {
    const std::string domain = env.storage_domain.empty() ? env.name : env.storage_domain;
    if (!domains.contains(domain)) {
      return InvalidArgument("no chunk store for storage domain \"" + domain + "\"");
    }
  }
  std::unique_ptr<Catalog> catalog(new Catalog(store, platform, std::move(domains)));
  SLUICE_RETURN_IF_ERROR(store.ForEachVersionLineage(
      [&](const store::LineageNode& node, const std::vector<std::string>& inputs) {
        catalog->lineage_.Add(node, inputs);
        return Status::Ok();
      }));
  return catalog;
}

Status Catalog::CreateVersion(const store::VersionRecord& v) {
  SLUICE_RETURN_IF_ERROR(store_.CreateVersion(v));
  lineage_.Add({v.id, v.environment, v.project, v.asset, v.kind, v.copy_of, 0}, v.inputs);
  return Status::Ok();
}

Status Catalog::DeleteVersions(const std::vector<std::string>& ids) {
  SLUICE_RETURN_IF_ERROR(store_.DeleteVersions(ids));
  for (const auto& id : ids) lineage_.Remove(id);
  return Status::Ok();
}

Lineage Catalog::Walk(const std::string& id, bool up, int max_depth) const {
  Lineage out;
  lineage_.Walk(id, up, max_depth, &out.nodes, &out.edges);
  return out;
}

Result<const platform::Environment*> Catalog::FindEnvironment(std::string_view name) const {
  for (const auto& env : platform_.environments) {
    if (env.name == name) return &env;
  }
  return NotFound("environment \"" + std::string(name.substr(0, 80)) + "\" is not on the ladder");
}

Result<std::string> Catalog::DomainName(std::string_view environment) const {
  SLUICE_ASSIGN_OR_RETURN(const platform::Environment* env, FindEnvironment(environment));
  return env->storage_domain.empty() ? env->name : env->storage_domain;
}

Result<storage::ChunkStore*> Catalog::DomainOf(std::string_view environment) const {
  SLUICE_ASSIGN_OR_RETURN(std::string domain, DomainName(environment));
  return domains_.at(domain).get();
}

Result<store::ProjectRecord> Catalog::CreateProject(std::string_view environment,
                                                    std::string_view name, std::string_view author,
                                                    std::uint64_t quota_bytes,
                                                    std::int64_t now_ms) {
  SLUICE_RETURN_IF_ERROR(FindEnvironment(environment));
  SLUICE_RETURN_IF_ERROR(ValidateName("project", name));
  store::ProjectRecord p{std::string(environment), std::string(name), std::string(author), now_ms,
                         quota_bytes};
  SLUICE_RETURN_IF_ERROR(store_.CreateProject(p));
  return p;
}

Result<std::vector<store::ProjectRecord>> Catalog::ListProjects(std::string_view environment) {
  if (!environment.empty()) SLUICE_RETURN_IF_ERROR(FindEnvironment(environment));
  return store_.ListProjects(environment);
}

Status Catalog::SetQuota(std::string_view environment, std::string_view project,
                         std::uint64_t bytes) {
  return store_.SetProjectQuota(environment, project, bytes);
}

Result<std::vector<store::ProjectUsage>> Catalog::Usage(std::string_view environment) {
  if (!environment.empty()) SLUICE_RETURN_IF_ERROR(FindEnvironment(environment));
  return store_.Usage(environment);
}

Result<std::vector<std::string>> Catalog::MissingChunks(std::string_view environment,
                                                        std::span<const std::string> ids) {
  SLUICE_ASSIGN_OR_RETURN(storage::ChunkStore * chunks, DomainOf(environment));
  std::vector<std::string> missing;
  for (const auto& hex : ids) {
    SLUICE_ASSIGN_OR_RETURN(storage::ChunkId id, storage::ChunkId::Parse(hex));
    SLUICE_ASSIGN_OR_RETURN(bool present, chunks->Contains(id));
    if (!present) missing.push_back(hex);
  }
  return missing;
}

Status Catalog::PutChunk(std::string_view environment, std::string_view id,
                         std::string_view bytes) {
  SLUICE_ASSIGN_OR_RETURN(storage::ChunkStore * chunks, DomainOf(environment));
  SLUICE_ASSIGN_OR_RETURN(storage::ChunkId chunk, storage::ChunkId::Parse(id));
  return chunks->Put(chunk, bytes);
}

Result<std::string> Catalog::ReadChunk(std::string_view environment, std::string_view id) {
  SLUICE_ASSIGN_OR_RETURN(storage::ChunkStore * chunks, DomainOf(environment));
  SLUICE_ASSIGN_OR_RETURN(storage::ChunkId chunk, storage::ChunkId::Parse(id));
  Result<std::string> bytes = chunks->Get(chunk);
  if (bytes.ok() || bytes.status().code() == StatusCode::kInvalidArgument) return bytes;
  auto users = store_.VersionsUsingChunk(id);
  std::string message = bytes.status().message();
  if (users.ok() && !users->empty()) {
    message += "; used by version";
    message += users->size() > 1 ? "s " : " ";
    for (std::size_t i = 0; i < users->size(); ++i) message += (i ? ", " : "") + (*users)[i];
  }
  return Status(bytes.status().code(), std::move(message));
}

Result<nlohmann::json> Catalog::InferSchemas(storage::ChunkStore& chunks,
                                             const std::vector<FileEntry>& files) {
  nlohmann::json schemas = nlohmann::json::object();
  for (const auto& f : files) {
    std::optional<tabular::Format> format = tabular::FormatFromPath(f.path);
    if (!format || f.size == 0) continue;
    ChunkByteSource source(chunks, f.chunks, kSchemaSampleBytes);
    tabular::InferenceOptions options;
    options.skip_bad_rows = true;
    Result<tabular::TableSchema> schema = tabular::InferFileSchema(source, *format, options);
    if (!schema.ok()) {
      // A file that is not the table its name says is still a valid file:
      // record why it has no schema rather than refuse the version.
      schemas[f.path] = {{"error", schema.status().message()}};
      continue;
    }
    nlohmann::json j = tabular::SchemaToJson(*schema);
    if (f.size > kSchemaSampleBytes) j["sampled_bytes"] = kSchemaSampleBytes;
    schemas[f.path] = std::move(j);
  }
  return schemas;
}

Result<store::VersionRecord> Catalog::Commit(const PushRequest& request, std::string_view author,
                                             std::int64_t now_ms) {
  const AssetAddress& a = request.address;
  SLUICE_RETURN_IF_ERROR(ValidateName("environment", a.environment));
  SLUICE_RETURN_IF_ERROR(ValidateName("project", a.project));
  SLUICE_RETURN_IF_ERROR(ValidateName("asset", a.asset));
  SLUICE_RETURN_IF_ERROR(ValidateKind(request.kind));
  if (request.files.empty()) return InvalidArgument("a version needs at least one file");
  if (!request.metrics.is_object() || !request.params.is_object()) {
    return InvalidArgument("metrics and params must be JSON objects");
  }
  SLUICE_ASSIGN_OR_RETURN(storage::ChunkStore * chunks, DomainOf(a.environment));
  SLUICE_RETURN_IF_ERROR(store_.GetProject(a.environment, a.project));

  // Re-validate the manifest as if it came from outside (it does).
  SLUICE_ASSIGN_OR_RETURN(std::vector<FileEntry> files,
                          ManifestFromJson(ManifestToJson(request.files)));
  const std::vector<store::ChunkUse> distinct = DistinctChunks(files);
  for (const auto& c : distinct) {
    SLUICE_ASSIGN_OR_RETURN(storage::ChunkId id, storage::ChunkId::Parse(c.id));
    Result<storage::ChunkInfo> info = chunks->Stat(id);
    if (!info.ok() && info.status().code() == StatusCode::kNotFound) {
      return FailedPrecondition("chunk " + c.id + " has not been uploaded; push again to send it");
    }
    SLUICE_RETURN_IF_ERROR(info);
    if (info->size != c.size) {
      return InvalidArgument("chunk " + c.id + " has " + std::to_string(info->size) +
                             " bytes, not " + std::to_string(c.size));
    }
  }

  std::set<std::string> inputs;
  std::set<std::string> classification = DeclaredClassification(request.tags);
  for (const auto& text : request.inputs) {
    SLUICE_ASSIGN_OR_RETURN(Ref ref, ParseRef(text));
    SLUICE_ASSIGN_OR_RETURN(store::VersionRecord input, Resolve(ref));
    inputs.insert(input.id);
    for (auto& label : EffectiveClassification(input)) classification.insert(std::move(label));
  }

  SLUICE_ASSIGN_OR_RETURN(nlohmann::json schemas, InferSchemas(*chunks, files));
  nlohmann::json metadata = {{"tags", request.tags},
                             {"classification", classification},
                             {"metrics", request.metrics},
                             {"params", request.params},
                             {"schema", std::move(schemas)}};
  const nlohmann::json manifest = ManifestToJson(files);
  const std::vector<std::string> input_list(inputs.begin(), inputs.end());

  store::VersionRecord v;
  v.id = Sha256Hex(VersionIdentity(a, request.kind, manifest, metadata, input_list));
  if (auto existing = store_.GetVersion(v.id); existing.ok()) return existing;

  const std::uint64_t quota = store_.GetProject(a.environment, a.project)->quota_bytes;
  if (quota > 0) {
    SLUICE_ASSIGN_OR_RETURN(std::uint64_t would_use,
                            store_.UsageWith(a.environment, a.project, distinct));
    if (would_use > quota) {
      return ResourceExhausted("project " + a.environment + "/" + a.project + " would use " +
                               std::to_string(would_use) + " bytes, over its quota of " +
                               std::to_string(quota));
    }
  }
  v.environment = a.environment;
  v.project = a.project;
  v.asset = a.asset;
  v.kind = request.kind;
  SLUICE_ASSIGN_OR_RETURN(v.domain, DomainName(a.environment));
  v.manifest = CanonicalJson(manifest);
  v.metadata = CanonicalJson(metadata);
  v.inputs = input_list;
  v.author = std::string(author);
  v.created_ms = now_ms;
  v.bytes = TotalBytes(files);
  v.chunks = distinct;
  Status created = CreateVersion(v);
  // A concurrent push of the same content won the race: same version.
  if (created.code() == StatusCode::kAlreadyExists) return store_.GetVersion(v.id);
  SLUICE_RETURN_IF_ERROR(created);
  return v;
}

Result<store::VersionRecord> Catalog::Resolve(const Ref& ref) {
  const AssetAddress& a = ref.address;
  SLUICE_RETURN_IF_ERROR(FindEnvironment(a.environment));
  std::string id;
  switch (ref.form) {
    case Ref::Form::kLatest:
    case Ref::Form::kAlias: {
      const std::string alias = ref.form == Ref::Form::kLatest ? "latest" : ref.selector;
      SLUICE_ASSIGN_OR_RETURN(auto named,
                              store_.GetAlias(a.environment, a.project, a.asset, alias));
      if (!named) {
        return NotFound(ref.form == Ref::Form::kLatest
                            ? "asset " + a.ToString() + " has no versions"
                            : "asset " + a.ToString() + " has no alias \"" + alias + "\"");
      }
      id = *named;
      break;
    }
    case Ref::Form::kIdPrefix: {
      SLUICE_ASSIGN_OR_RETURN(auto ids, store_.FindVersions(a.environment, a.project, a.asset,
                                                            ref.selector, kMaxAmbiguous));
      if (ids.empty())
        return NotFound("no version of " + a.ToString() + " starts with " + ref.selector);
      if (ids.size() > 1) {
        return InvalidArgument("version prefix " + ref.selector + " of " + a.ToString() +
                               " is ambiguous; give more digits");
      }
      id = ids[0];
      break;
    }
  }
  return store_.GetVersionWithoutChunks(id);
}

Result<std::vector<store::AssetRecord>> Catalog::ListAssets(std::string_view environment,
                                                            std::string_view project) {
  if (!environment.empty()) SLUICE_RETURN_IF_ERROR(FindEnvironment(environment));
  return store_.ListAssets(environment, project);
}

Result<std::vector<store::VersionRecord>> Catalog::ListVersions(const AssetAddress& address) {
  return store_.ListVersions(address.environment, address.project, address.asset);
}

Status Catalog::SetAlias(const Ref& ref, std::string_view alias) {
  SLUICE_RETURN_IF_ERROR(ValidateName("alias", alias));
  if (alias == "latest") return InvalidArgument("the alias \"latest\" moves by itself");
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, Resolve(ref));
  return store_.SetAlias(v.environment, v.project, v.asset, alias, v.id);
}

Result<Lineage> Catalog::GetLineage(const Ref& ref, bool up, int max_depth) {
  if (max_depth < 0) return InvalidArgument("depth must not be negative");
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, Resolve(ref));
  return Walk(v.id, up, max_depth);
}

}  // namespace sluice::catalog
