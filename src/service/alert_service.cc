// Alerts raised by the rules over the audit log (src/alert): listed and
// acknowledged through the door like everything else.
#include "common/clock.h"
#include "service/actions.h"
#include "service/door.h"

namespace sluice::service {
namespace {

Result<alert::AlertStore*> RequireAlerts(alert::AlertStore* store) {
  if (store == nullptr) return FailedPrecondition("this server keeps no alerts");
  return store;
}

}  // namespace

Result<std::vector<alert::Alert>> Service::ListAlerts(const Caller& caller, std::string_view state,
                                                      int limit) {
  SLUICE_ASSIGN_OR_RETURN(alert::AlertStore * alerts, RequireAlerts(controls_.alerts));
  return Door(caller, actions::kReadAlerts, {"AlertLog", platform_.name},
              [&](nlohmann::json& details) -> Result<std::vector<alert::Alert>> {
                SLUICE_ASSIGN_OR_RETURN(auto list, alerts->List(state, limit));
                details["returned"] = list.size();
                return list;
              });
}

Result<alert::Alert> Service::AcknowledgeAlert(const Caller& caller, std::string_view id,
                                               std::string_view comment) {
  SLUICE_ASSIGN_OR_RETURN(alert::AlertStore * alerts, RequireAlerts(controls_.alerts));
  return Door(caller, actions::kAcknowledgeAlert, {"AlertLog", platform_.name},
              [&](nlohmann::json& details) -> Result<alert::Alert> {
                details["alert"] = id;
                details["comment"] = comment;
                SLUICE_RETURN_IF_ERROR(
                    alerts->Acknowledge(id, caller.principal.name, comment, NowMillis()));
                return alerts->Get(id);
              });
}

Result<std::string> Service::ReadMetrics(const Caller& caller) {
  if (controls_.metrics == nullptr) return FailedPrecondition("this server keeps no metrics");
  return Door(caller, actions::kReadMetrics, {"Metrics", platform_.name},
              [&](nlohmann::json&) -> Result<std::string> {
                metrics::SluiceMetrics& m = *controls_.metrics;
                if (controls_.store != nullptr) {
                  SLUICE_ASSIGN_OR_RETURN(std::int64_t open,
                                          controls_.store->CountOpenSessions(NowMillis()));
                  m.sessions_open->With({}).Set(static_cast<double>(open));
                }
                if (controls_.alerts != nullptr) {
                  SLUICE_ASSIGN_OR_RETURN(std::int64_t open, controls_.alerts->Count("open"));
                  m.alerts_open->With({}).Set(static_cast<double>(open));
                }
                return m.registry.Render();
              });
}

}  // namespace sluice::service
