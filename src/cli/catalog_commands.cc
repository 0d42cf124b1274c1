// Commands of the data catalog: project, push, pull, ls, show, alias, copy,
// lineage, purge, gc, fsck, quota, sweep. Each is one or a few API calls.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "client/api_client.h"
#include "client/transfer.h"

namespace sluice::cli {
namespace {

using Json = nlohmann::json;

std::string Esc(const std::string& s) {
  return client::EscapeSegment(s);
}

std::string Str(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "-";
  return j.dump();
}

std::string Short(const Json& id) {
  return id.is_string() ? id.get<std::string>().substr(0, 12) : "-";
}

Result<Json> ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  Json j = Json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InvalidArgument(path + " is not a JSON object");
  return j;
}

// A progress bar on stderr when it is a terminal; nothing otherwise.
client::Progress TerminalProgress(const char* verb) {
  if (!::isatty(STDERR_FILENO)) return {};
  return [verb](std::uint64_t done, std::uint64_t total) {
    constexpr int kWidth = 30;
    const double fraction =
        total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%s [%s] %3d%% %.1f/%.1f MiB", verb, bar.c_str(),
                 static_cast<int>(fraction * 100), static_cast<double>(done) / 1048576.0,
                 static_cast<double>(total) / 1048576.0);
    if (done >= total) std::fprintf(stderr, "\n");
  };
}

void PrintVersion(const Json& v) {
  std::cout << "id:             " << Str(v["id"]) << "\n"
            << "ref:            " << Str(v["ref"]) << "\n"
            << "kind:           " << Str(v["kind"]) << "\n"
            << "environment:    " << Str(v["environment"]) << "\n"
            << "bytes:          " << Str(v["bytes"]) << "\n"
            << "files:          " << v["files"].size() << "\n";
  for (const auto& f : v["files"]) {
    std::cout << "  " << Str(f["path"]) << " (" << Str(f["size"]) << " bytes, "
              << f["chunks"].size() << " chunks)\n";
  }
  std::cout << "tags:           " << (v["tags"].empty() ? "-" : v["tags"].dump()) << "\n"
            << "classification: " << JoinOrDash(v["classification"].get<std::vector<std::string>>())
            << "\n"
            << "inputs:         " << JoinOrDash(v["inputs"].get<std::vector<std::string>>()) << "\n"
            << "copy of:        " << Str(v["copy_of"]) << "\n"
            << "author:         " << Str(v["author"]) << "\n"
            << "created_ms:     " << Str(v["created_ms"]) << "\n"
            << "expires_ms:     " << Str(v["expires_ms"]) << "\n";
  for (const auto& [path, schema] : v["schema"].items()) {
    std::cout << "schema " << path << ":";
    for (const auto& c : schema.value("columns", Json::array())) {
      std::cout << " " << Str(c["name"]) << ":" << Str(c["type"]);
    }
    std::cout << "\n";
  }
}

// The scan's state, the detected classification and the sensitive columns.
void PrintScan(const Json& scan) {
  std::string labels;
  for (const auto& l : scan.value("classification", Json::array())) {
    labels += (labels.empty() ? "" : ",") + l.get<std::string>();
  }
  std::cout << "scan: " << scan.value("state", "?")
            << (labels.empty() ? "" : ", detected " + labels) << "\n";
  const Json report = scan.value("report", Json::object());
  const Json files = report.is_object() ? report.value("files", Json::object()) : Json::object();
  for (const auto& [path, file] : files.items()) {
    if (file.contains("error")) {
      std::cout << "  " << path << ": " << file["error"].get<std::string>() << "\n";
      continue;
    }
    for (const auto& column : file.value("columns", Json::array())) {
      if (column.value("tags", Json::array()).empty()) continue;
      std::string tags;
      for (const auto& t : column["tags"]) tags += (tags.empty() ? "" : ",") + t.get<std::string>();
      std::cout << "  " << path << "  " << column.value("name", "") << "  " << tags << "  "
                << column.value("confidence", 0.0) << "\n";
    }
  }
}

void AddProject(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand("project", "Projects: ENV/PROJECT");
  group->require_subcommand(1);
  auto path = std::make_shared<std::string>();
  auto quota = std::make_shared<std::uint64_t>(0);
  CLI::App* create = group->add_subcommand("create", "Create a project in an environment");
  create->add_option("path", *path, "ENV/PROJECT")->required();
  create->add_option("--quota", *quota, "Storage quota in bytes (0: none)");
  create->callback([&global, &run, path, quota] {
    run = [&global, path, quota] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/projects",
                         Json{{"path", *path}, {"quota_bytes", *quota}}, [](const Json& p) {
                           std::cout << "created project " << Str(p["environment"]) << "/"
                                     << Str(p["name"]) << "\n";
                         });
      });
    };
  });
  auto env = std::make_shared<std::string>();
  CLI::App* ls = group->add_subcommand("ls", "List projects");
  ls->add_option("environment", *env, "Only this environment");
  ls->callback([&global, &run, env] {
    run = [&global, env] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", "/projects?environment=" + Esc(*env), std::nullopt,
                         [](const Json& doc) {
                           std::vector<std::vector<std::string>> rows;
                           for (const auto& p : doc["projects"]) {
                             rows.push_back({Str(p["environment"]), Str(p["name"]),
                                             Str(p["created_by"]), Str(p["quota_bytes"])});
                           }
                           PrintTable({"ENVIRONMENT", "PROJECT", "CREATED-BY", "QUOTA"}, rows);
                         });
      });
    };
  });
}

struct PushArgs {
  std::string path, address, kind = "dataset", metrics, params;
  std::vector<std::string> tags, inputs;
};

void AddPushPull(CLI::App& app, const GlobalOptions& global, Action& run) {
  auto a = std::make_shared<PushArgs>();
  CLI::App* push = app.add_subcommand("push", "Push a file or directory as a new version");
  push->add_option("path", a->path, "File or directory")->required();
  push->add_option("asset", a->address, "ENV/PROJECT/ASSET")->required();
  push->add_option("--kind", a->kind, "dataset, feature-set, model, pipeline or component");
  push->add_option("--tag", a->tags, "KEY=VALUE (repeatable; classification=PII,PHI declares)");
  push->add_option("--metrics", a->metrics, "JSON file of model metrics");
  push->add_option("--params", a->params, "JSON file of parameters");
  push->add_option("--input", a->inputs, "REF this version was made from (repeatable)");
  push->callback([&global, &run, a] {
    run = [&global, a] {
      return WithClient(global, [&](client::ApiClient& api) -> Status {
        client::PushOptions options;
        options.kind = a->kind;
        options.inputs = a->inputs;
        for (const auto& t : a->tags) {
          const std::size_t eq = t.find('=');
          if (eq == std::string::npos || eq == 0) {
            return InvalidArgument("--tag \"" + t + "\" must be KEY=VALUE");
          }
          options.tags[t.substr(0, eq)] = t.substr(eq + 1);
        }
        if (!a->metrics.empty()) {
          SLUICE_ASSIGN_OR_RETURN(options.metrics, ReadJsonFile(a->metrics));
        }
        if (!a->params.empty()) {
          SLUICE_ASSIGN_OR_RETURN(options.params, ReadJsonFile(a->params));
        }
        SLUICE_ASSIGN_OR_RETURN(
            client::PushOutcome out,
            client::Push(api, a->path, a->address, options, TerminalProgress("push")));
        if (global.json) {
          Json doc = out.version;
          doc["bytes_new"] = out.bytes_new;
          doc["chunks"] = out.chunks;
          doc["chunks_new"] = out.chunks_new;
          PrintJson(doc);
        } else {
          std::cout << Str(out.version["id"]) << "\n";
          std::cerr << "pushed " << Str(out.version["ref"]) << ": " << out.bytes << " bytes, "
                    << out.bytes_new << " new (" << out.chunks_new << "/" << out.chunks
                    << " chunks sent)\n";
        }
        return Status::Ok();
      });
    };
  });

  auto ref = std::make_shared<std::string>();
  auto dest = std::make_shared<std::string>();
  CLI::App* pull = app.add_subcommand(
      "pull",
      "Download a version's files into a directory (masked where you lack clearance and the "
      "policies allow a masked read)");
  pull->add_option("ref", *ref, "ENV/PROJECT/ASSET[@ID|:ALIAS]")->required();
  pull->add_option("dest", *dest, "Directory to write into")->required();
  pull->callback([&global, &run, ref, dest] {
    run = [&global, ref, dest] {
      return WithClient(global, [&](client::ApiClient& api) -> Status {
        SLUICE_ASSIGN_OR_RETURN(Json v, client::Pull(api, *ref, *dest, TerminalProgress("pull")));
        if (global.json) {
          PrintJson(v);
        } else {
          std::cout << "pulled " << Str(v["ref"]) << " into " << *dest << "\n";
          if (Str(v["read"]) == "masked") {
            std::cout << "masked (you are not cleared for these columns; docs/masking.md):\n";
            for (const auto& m : v["masked"]) {
              std::cout << "  " << Str(m["file"]) << "  " << Str(m["column"]) << "  "
                        << Str(m["method"]) << "  (" << m["labels"].dump() << ")\n";
            }
          }
        }
        return Status::Ok();
      });
    };
  });
}

void AddBrowse(CLI::App& app, const GlobalOptions& global, Action& run) {
  auto where = std::make_shared<std::string>();
  CLI::App* ls = app.add_subcommand("ls", "List assets (with their latest version)");
  ls->add_option("where", *where, "ENV or ENV/PROJECT");
  ls->callback([&global, &run, where] {
    run = [&global, where] {
      const std::size_t slash = where->find('/');
      const std::string env = where->substr(0, slash);
      const std::string project = slash == std::string::npos ? "" : where->substr(slash + 1);
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET",
                         "/assets?environment=" + Esc(env) + "&project=" + Esc(project),
                         std::nullopt, [](const Json& doc) {
                           std::vector<std::vector<std::string>> rows;
                           for (const auto& a : doc["assets"]) {
                             rows.push_back({Str(a["ref"]), Str(a["kind"]), Short(a["latest"]),
                                             Str(a["versions"])});
                           }
                           PrintTable({"ASSET", "KIND", "LATEST", "VERSIONS"}, rows);
                         });
      });
    };
  });

  auto ref = std::make_shared<std::string>();
  CLI::App* show = app.add_subcommand("show", "Show one version");
  show->add_option("ref", *ref, "ENV/PROJECT/ASSET[@ID|:ALIAS]")->required();
  show->callback([&global, &run, ref] {
    run = [&global, ref] {
      return WithClient(global, [&](client::ApiClient& api) -> Status {
        SLUICE_ASSIGN_OR_RETURN(Json version,
                                api.Call("GET", "/resolve?ref=" + Esc(*ref), std::nullopt));
        // What scanning found, when the version was scanned (datasets and
        // feature sets); its absence is not an error.
        Result<Json> scan =
            api.Call("GET", "/versions/" + client::EscapeSegment(version.value("id", "")) + "/scan",
                     std::nullopt);
        if (global.json) {
          version["scan"] = scan.ok() ? *scan : Json();
          PrintJson(version);
          return Status::Ok();
        }
        PrintVersion(version);
        if (scan.ok()) PrintScan(*scan);
        return Status::Ok();
      });
    };
  });

  auto alias_ref = std::make_shared<std::string>();
  auto alias_name = std::make_shared<std::string>();
  CLI::App* alias = app.add_subcommand("alias", "Name versions");
  alias->require_subcommand(1);
  CLI::App* set = alias->add_subcommand("set", "Point an alias at a version");
  set->add_option("ref", *alias_ref, "The version")->required();
  set->add_option("name", *alias_name, "Alias name (not \"latest\")")->required();
  set->callback([&global, &run, alias_ref, alias_name] {
    run = [&global, alias_ref, alias_name] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(
            global, api, "POST", "/aliases", Json{{"ref", *alias_ref}, {"name", *alias_name}},
            [&](const Json& v) { std::cout << *alias_name << " -> " << Str(v["ref"]) << "\n"; });
      });
    };
  });
}

void AddCopyLineage(CLI::App& app, const GlobalOptions& global, Action& run) {
  struct CopyArgs {
    std::string source, target, ttl;
  };
  auto c = std::make_shared<CopyArgs>();
  CLI::App* copy =
      app.add_subcommand("copy", "Make a tracked copy (no bytes copied within a domain)");
  copy->add_option("source", c->source, "REF")->required();
  copy->add_option("target", c->target, "ENV/PROJECT/ASSET")->required();
  copy->add_option("--ttl", c->ttl, "Expire the copy after this long (e.g. 7d)");
  copy->callback([&global, &run, c] {
    run = [&global, c] {
      Json body{{"source", c->source}, {"target", c->target}};
      if (!c->ttl.empty()) body["ttl"] = c->ttl;
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/copies", body, [](const Json& v) {
          std::cout << Str(v["id"]) << "\n";
          std::cerr << "copied to " << Str(v["ref"]) << " (" << Str(v["bytes_copied"])
                    << " bytes copied)\n";
        });
      });
    };
  });

  struct LineageArgs {
    std::string ref;
    bool up = false, down = false;
    int depth = -1;
  };
  auto l = std::make_shared<LineageArgs>();
  CLI::App* lineage =
      app.add_subcommand("lineage", "Where a version came from, or what came of it");
  lineage->add_option("ref", l->ref, "REF")->required();
  auto* up = lineage->add_flag("--up", l->up, "Inputs, recursively");
  lineage->add_flag("--down", l->down, "Copies and derivatives, recursively (default)")
      ->excludes(up);
  lineage->add_option("--depth", l->depth, "At most this many steps");
  lineage->callback([&global, &run, l] {
    run = [&global, l] {
      std::string path = "/lineage?ref=" + Esc(l->ref) + "&direction=" + (l->up ? "up" : "down");
      if (l->depth >= 0) path += "&depth=" + std::to_string(l->depth);
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", path, std::nullopt, [](const Json& doc) {
          for (const auto& n : doc["versions"]) {
            std::cout << std::string(2 * n["depth"].get<std::size_t>(), ' ') << Str(n["ref"])
                      << (n["copy_of"].is_null() ? "" : "  (copy)") << "\n";
          }
        });
      });
    };
  });
}

void AddMaintenance(CLI::App& app, const GlobalOptions& global, Action& run) {
  struct PurgeArgs {
    std::string ref;
    bool cascade = false, dry_run = false;
  };
  auto p = std::make_shared<PurgeArgs>();
  CLI::App* purge =
      app.add_subcommand("purge", "Remove a version (and with --cascade all derived)");
  purge->add_option("ref", p->ref, "REF")->required();
  purge->add_flag("--cascade", p->cascade, "Also every version derived from it, everywhere");
  purge->add_flag("--dry-run", p->dry_run, "Only say what would be removed");
  purge->callback([&global, &run, p] {
    run = [&global, p] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/purges",
                         Json{{"ref", p->ref}, {"cascade", p->cascade}, {"dry_run", p->dry_run}},
                         [&](const Json& doc) {
                           for (const auto& n : doc["versions"]) {
                             std::cout << (p->dry_run ? "would remove " : "removed ")
                                       << Str(n["ref"]) << "\n";
                           }
                           std::cout << Str(doc["chunks_removed"]) << " chunks ("
                                     << Str(doc["bytes_removed"]) << " bytes) freed\n";
                         });
      });
    };
  });

  auto gc_dry = std::make_shared<bool>(false);
  CLI::App* gc = app.add_subcommand("gc", "Remove chunks no version references (admin)");
  gc->add_flag("--dry-run", *gc_dry, "Only count");
  gc->callback([&global, &run, gc_dry] {
    run = [&global, gc_dry] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/gc", Json{{"dry_run", *gc_dry}}, [](const Json& d) {
          std::cout << "scanned " << Str(d["chunks_scanned"]) << " chunks, removed "
                    << Str(d["chunks_removed"]) << " (" << Str(d["bytes_removed"])
                    << " bytes), spared " << Str(d["chunks_spared_recent"]) << " recent\n";
        });
      });
    };
  });

  CLI::App* fsck =
      app.add_subcommand("fsck", "Verify every chunk and manifest (exit 1 on a problem)");
  fsck->callback([&global, &run] {
    run = [&global] {
      int problems = 0;
      int code = WithClient(global, [&](client::ApiClient& api) -> Status {
        SLUICE_ASSIGN_OR_RETURN(Json d, api.Call("POST", "/fsck", Json::object()));
        problems = static_cast<int>(d["problems"].size());
        if (global.json) {
          PrintJson(d);
          return Status::Ok();
        }
        for (const auto& problem : d["problems"]) {
          std::cout << "PROBLEM [" << Str(problem["domain"]) << "] " << Str(problem["message"])
                    << "; versions: "
                    << JoinOrDash(problem["versions"].get<std::vector<std::string>>()) << "\n";
        }
        std::cout << "checked " << Str(d["versions_checked"]) << " versions, "
                  << Str(d["chunks_checked"]) << " chunks (" << Str(d["bytes_checked"])
                  << " bytes): " << problems << " problem(s)\n";
        return Status::Ok();
      });
      return code != kExitOk ? code : (problems > 0 ? kExitFailure : kExitOk);
    };
  });

  auto env = std::make_shared<std::string>();
  auto qpath = std::make_shared<std::string>();
  auto qbytes = std::make_shared<std::uint64_t>(0);
  CLI::App* quota = app.add_subcommand("quota", "Storage used and allowed per project");
  quota->require_subcommand(1);
  CLI::App* qls = quota->add_subcommand("ls", "Used bytes (each chunk once) and quotas");
  qls->add_option("environment", *env, "Only this environment");
  qls->callback([&global, &run, env] {
    run = [&global, env] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(
            global, api, "GET", "/quotas?environment=" + Esc(*env), std::nullopt,
            [](const Json& doc) {
              std::vector<std::vector<std::string>> rows;
              for (const auto& q : doc["quotas"]) {
                rows.push_back({Str(q["environment"]), Str(q["project"]), Str(q["used_bytes"]),
                                q["quota_bytes"] == 0 ? "-" : Str(q["quota_bytes"])});
              }
              PrintTable({"ENVIRONMENT", "PROJECT", "USED", "QUOTA"}, rows);
            });
      });
    };
  });
  CLI::App* qset = quota->add_subcommand("set", "Set a project's quota in bytes (0: none)");
  qset->add_option("project", *qpath, "ENV/PROJECT")->required();
  qset->add_option("bytes", *qbytes, "Quota in bytes")->required();
  qset->callback([&global, &run, qpath, qbytes] {
    run = [&global, qpath, qbytes] {
      return WithClient(global, [&](client::ApiClient& api) -> Status {
        const std::size_t slash = qpath->find('/');
        if (slash == std::string::npos) return InvalidArgument("project must be ENV/PROJECT");
        SLUICE_RETURN_IF_ERROR(api.Call("PUT",
                                        "/projects/" + Esc(qpath->substr(0, slash)) + "/" +
                                            Esc(qpath->substr(slash + 1)) + "/quota",
                                        Json{{"quota_bytes", *qbytes}}));
        if (!global.json) std::cout << "quota of " << *qpath << " set to " << *qbytes << "\n";
        return Status::Ok();
      });
    };
  });

  CLI::App* sweep = app.add_subcommand("sweep", "Purge expired copies now (the server also does)");
  sweep->callback([&global, &run] {
    run = [&global] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/sweeps", Json::object(), [](const Json& d) {
          for (const auto& r : d["swept"]) {
            for (const auto& n : r["versions"]) std::cout << "expired " << Str(n["ref"]) << "\n";
          }
          std::cout << d["swept"].size() << " expired copies removed\n";
        });
      });
    };
  });
}

}  // namespace

void AddCatalogCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  AddProject(app, global, run);
  AddPushPull(app, global, run);
  AddBrowse(app, global, run);
  AddCopyLineage(app, global, run);
  AddMaintenance(app, global, run);
}

}  // namespace sluice::cli
