#include "server/access_log.h"

#include "common/clock.h"
#include "common/json_writer.h"

namespace sluice::server {

void AccessLog::Write(const AccessLogEntry& e) {
  if (out_ == nullptr) return;
  std::string text;
  text.reserve(256);
  JsonWriter w(text);
  w.BeginObject();
  w.Key("time").String(FormatRfc3339Millis(e.time_ms));
  w.Key("request_id").String(e.request_id);
  w.Key("principal").String(e.principal);
  w.Key("method").String(e.method);
  w.Key("route").String(e.route);
  w.Key("status").Int(e.status);
  w.Key("duration_ms")
      .Double(static_cast<double>(static_cast<std::int64_t>(e.duration_ms * 1000)) / 1000);
  w.Key("client").String(e.client_address);
  w.EndObject();
  text.push_back('\n');
  std::lock_guard lock(mu_);
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

}  // namespace sluice::server
