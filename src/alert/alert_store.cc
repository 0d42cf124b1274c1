#include "alert/alert_store.h"

namespace sluice::alert {

Status CheckAlertForInsert(const Alert& alert) {
  if (alert.id.empty()) return InvalidArgument("an alert needs an id");
  if (alert.state != kStateOpen && alert.state != kStateAcknowledged) {
    return InvalidArgument("alert state must be open or acknowledged, not \"" + alert.state + "\"");
  }
  return Status::Ok();
}

Status CheckStateFilter(std::string_view state) {
  if (state.empty() || state == kStateOpen || state == kStateAcknowledged) return Status::Ok();
  return InvalidArgument("alert state filter must be \"\", open or acknowledged, not \"" +
                         std::string(state) + "\"");
}

Status CheckListLimit(int limit) {
  if (limit >= 1 && limit <= kMaxAlertListLimit) return Status::Ok();
  return InvalidArgument("alert list limit must be 1.." + std::to_string(kMaxAlertListLimit));
}

}  // namespace sluice::alert
