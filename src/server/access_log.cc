#include "server/access_log.h"

#include <nlohmann/json.hpp>

#include "common/clock.h"

namespace sluice::server {

void AccessLog::Write(const AccessLogEntry& e) {
  if (out_ == nullptr) return;
  nlohmann::json line = {
      {"time", FormatRfc3339Millis(e.time_ms)},
      {"request_id", e.request_id},
      {"principal", e.principal},
      {"method", e.method},
      {"route", e.route},
      {"status", e.status},
      {"duration_ms", static_cast<double>(static_cast<std::int64_t>(e.duration_ms * 1000)) / 1000},
      {"client", e.client_address},
  };
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  std::lock_guard lock(mu_);
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

}  // namespace sluice::server
