#include "audit/ocsf.h"

#include <string>

namespace sluice::audit {
namespace {

constexpr int kApiActivity = 6003;
constexpr int kDatastoreActivity = 6005;
constexpr int kAuthentication = 3002;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// API Activity: 1 Create, 2 Read, 3 Update, 4 Delete, 99 Other.
int ApiActivityId(std::string_view action) {
  if (EndsWith(action, ".create") || EndsWith(action, ".write") || EndsWith(action, ".copy")) {
    return 1;
  }
  if (EndsWith(action, ".read") || EndsWith(action, ".list") || action == "whoami") return 2;
  if (EndsWith(action, ".set") || EndsWith(action, ".alias")) return 3;
  if (EndsWith(action, ".delete") || EndsWith(action, ".revoke") || EndsWith(action, ".purge")) {
    return 4;
  }
  return 99;
}

nlohmann::json Endpoint(const std::string& address) {
  // "ip:port", or "[v6]:port".
  const std::size_t colon = address.rfind(':');
  if (address.empty() || colon == std::string::npos) return {{"ip", address}};
  std::string ip = address.substr(0, colon);
  if (ip.size() > 1 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
  nlohmann::json out = {{"ip", ip}};
  try {
    out["port"] = std::stoi(address.substr(colon + 1));
  } catch (const std::exception&) {
    out["ip"] = address;
  }
  return out;
}

}  // namespace

nlohmann::json ToOcsf(const Event& e, std::uint64_t seq, std::string_view product_version) {
  const bool ok = e.allowed && e.outcome == "ok";
  nlohmann::json out = {
      {"time", e.time_ms},
      {"severity_id", ok ? 1 : 3},  // Informational; Medium for denials and failures
      {"status_id", ok ? 1 : 2},    // Success / Failure
      {"status", ok ? "Success" : "Failure"},
      {"metadata",
       {{"version", kOcsfVersion},
        {"uid", std::to_string(seq)},
        {"correlation_uid", e.request_id},
        {"log_name", "sluice-audit"},
        {"product", {{"name", "Sluice"}, {"vendor_name", "Sluice"}, {"version", product_version}}}}},
      {"src_endpoint", Endpoint(e.client_address)},
      {"http_request", {{"user_agent", e.user_agent}, {"uid", e.request_id}}},
  };
  if (!ok) out["status_detail"] = e.allowed ? e.outcome : "denied: " + e.outcome;
  nlohmann::json user = {{"name", e.principal}, {"type", e.principal_kind == "service" ? "System" : "User"},
                         {"type_id", e.principal_kind == "service" ? 3 : 1}};
  nlohmann::json unmapped = {{"action", e.action},
                             {"decision", e.allowed ? "allow" : "deny"},
                             {"determining_policies", e.determining_policies},
                             {"policy_errors", e.policy_errors},
                             {"environment", e.environment},
                             {"details", e.details}};
  int class_uid = kApiActivity;
  int category_uid = 6;  // Application Activity
  int activity_id = ApiActivityId(e.action);
  const bool moves_data = e.details.is_object() && (e.details.contains("bytes_read") ||
                                                    e.details.contains("bytes_written"));
  if (e.action == "authenticate") {
    class_uid = kAuthentication;
    category_uid = 3;  // Identity & Access Management
    activity_id = 1;   // Logon
    out["user"] = user;
    out["auth_protocol"] = "Other";
    out["auth_protocol_id"] = 99;  // bearer token
    out["service"] = {{"name", "sluice-api"}};
  } else if (moves_data) {
    class_uid = kDatastoreActivity;
    const bool read = e.details.contains("bytes_read");
    activity_id = read ? 1 : 5;  // Read / Write
    out["actor"] = {{"user", user}};
    out["datastore"] = {{"name", e.environment}, {"type", "Other"}, {"type_id", 99}};
    out["databucket"] = {{"name", e.resource_id}, {"type", "Other"}, {"type_id", 99}};
    out["unmapped"]["bytes"] =
        e.details.value(read ? "bytes_read" : "bytes_written", nlohmann::json(0));
  } else {
    out["actor"] = {{"user", user}};
    out["api"] = {{"operation", e.action}, {"request", {{"uid", e.request_id}}}};
    out["resources"] = nlohmann::json::array(
        {{{"type", e.resource_type}, {"uid", e.resource_id}}});
    out["cloud"] = {{"provider", "Sluice"}, {"region", e.environment}};
  }
  out["class_uid"] = class_uid;
  out["category_uid"] = category_uid;
  out["activity_id"] = activity_id;
  out["type_uid"] = class_uid * 100 + activity_id;
  for (auto& [k, v] : unmapped.items()) out["unmapped"][k] = v;
  return out;
}

}  // namespace sluice::audit
