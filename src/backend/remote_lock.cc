#include "backend/remote_lock.h"

#include "auth/aws_time.h"

namespace vueops::backend {
namespace {

int64_t Seconds(Clock::TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

std::string Iso(int64_t seconds) {
  return auth::FormatIso8601(Clock::TimePoint(std::chrono::seconds(seconds)));
}

// "3 min", "45 s", "2 h".
std::string Span(int64_t seconds) {
  if (seconds >= 7200) return std::to_string(seconds / 3600) + " h";
  if (seconds >= 120) return std::to_string(seconds / 60) + " min";
  return std::to_string(seconds) + " s";
}

}  // namespace

Json LockToJson(const LockInfo& lock) {
  return Json{{"vueops_lock", 1},
              {"id", lock.id},
              {"who", lock.who},
              {"host", lock.host},
              {"pid", lock.pid},
              {"operation", lock.operation},
              {"created", Iso(lock.created_at)},
              {"created_at", lock.created_at},
              {"expires_at", lock.expires_at},
              {"lease_seconds", lock.lease_seconds}};
}

Result<LockInfo> LockFromJson(std::string_view text, const std::string& source) {
  auto bad = [&source](const std::string& why) {
    return DataLossError(source + " is not a vueops lock (" + why +
                         "); if no vueops is running on this state, delete that object");
  };
  Result<Json> parsed = ParseJson(text);
  if (!parsed.ok()) return bad(parsed.status().message());
  const Json& json = *parsed;
  if (!json.is_object() || !json.contains("vueops_lock")) return bad("no \"vueops_lock\" member");
  LockInfo lock;
  try {
    lock.id = json.at("id").get<std::string>();
    lock.who = json.value("who", "");
    lock.host = json.value("host", "");
    lock.pid = json.value("pid", int64_t{0});
    lock.operation = json.value("operation", "");
    lock.created_at = json.at("created_at").get<int64_t>();
    lock.expires_at = json.at("expires_at").get<int64_t>();
    lock.lease_seconds = json.value("lease_seconds", 0);
  } catch (const Json::exception& error) {
    return bad(error.what());
  }
  if (lock.id.empty()) return bad("an empty id");
  return lock;
}

bool LeaseExpired(const LockInfo& lock, Clock::TimePoint now) {
  return Seconds(now) > lock.expires_at;
}

std::string DescribeLock(const LockInfo& lock, Clock::TimePoint now) {
  std::string text = (lock.operation.empty() ? std::string("an operation") : lock.operation) +
                     " by " + (lock.who.empty() ? std::string("someone") : lock.who);
  if (!lock.host.empty()) text += " on " + lock.host;
  if (lock.pid != 0) text += " (pid " + std::to_string(lock.pid) + ")";
  text += ", since " + Iso(lock.created_at) + ", lease until " + Iso(lock.expires_at);
  int64_t left = lock.expires_at - Seconds(now);
  text += left < 0 ? " (expired " + Span(-left) + " ago)" : " (" + Span(left) + " left)";
  return text;
}

}  // namespace vueops::backend
