#include "resources/resource_context.h"

#include <algorithm>

namespace vueops::resources {

Result<Json> ResourceContext::Call(std::string_view service, std::string_view operation,
                                   const Json& input, client::CallInfo* info) {
  ++calls_;
  Result<Json> result = client_.Call(service, operation, input, info);
  if (!result.ok()) return result.status().WithContext(address_);
  return result;
}

Result<Json> ResourceContext::CallOrNotFound(std::string_view service,
                                             std::string_view operation, const Json& input,
                                             std::initializer_list<std::string_view> absent) {
  client::CallInfo info;
  ++calls_;
  Result<Json> result = client_.Call(service, operation, input, &info);
  if (result.ok()) return result;
  if (info.error && std::find(absent.begin(), absent.end(), info.error->code) != absent.end()) {
    return NotFoundError(address_ + ": " + info.error->code);
  }
  return result.status().WithContext(address_);
}

void ResourceContext::Progress(std::string_view message) {
  if (progress_) progress_(message);
}

Status ResourceContext::Poll(std::string_view what, Clock::Duration timeout,
                             const std::function<Result<bool>()>& probe,
                             Clock::Duration first_delay, Clock::Duration max_delay) {
  const Clock::Duration start = clock_.Monotonic();
  Clock::Duration delay = first_delay;
  while (true) {
    if (cancelled()) return AbortedError(address_ + ": interrupted while waiting for " +
                                         std::string(what));
    Result<bool> ready = probe();
    // A probe that was throttled or met a transient failure (after the client's own retries)
    // says nothing about readiness: ask again, within the same deadline. Anything else is
    // the answer.
    bool transient = !ready.ok() && (ready.status().code() == StatusCode::kResourceExhausted ||
                                     ready.status().code() == StatusCode::kUnavailable ||
                                     ready.status().code() == StatusCode::kDeadlineExceeded);
    if (!ready.ok() && !transient) return ready.status();
    if (ready.ok() && *ready) return Status::Ok();
    Clock::Duration waited = clock_.Monotonic() - start;
    if (transient && waited >= timeout) return ready.status();
    if (waited >= timeout) {
      auto seconds = std::chrono::duration_cast<std::chrono::seconds>(waited).count();
      return DeadlineExceededError(address_ + ": gave up waiting for " + std::string(what) +
                                   " after " + std::to_string(seconds) + " s");
    }
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(waited).count();
    Progress("waiting for " + std::string(what) + " (" + std::to_string(seconds) + " s)");
    clock_.SleepFor(std::min(delay, timeout - waited));
    delay = std::min(delay * 2, max_delay);
  }
}

Json ResourceContext::TagList() const {
  Json list = Json::array();
  for (const auto& [key, value] : tags_) list.push_back({{"Key", key}, {"Value", value}});
  return list;
}

Json ResourceContext::TagMap() const {
  Json map = Json::object();
  for (const auto& [key, value] : tags_) map[key] = value;
  return map;
}

}  // namespace vueops::resources
