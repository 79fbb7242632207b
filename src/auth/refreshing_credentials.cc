#include "auth/refreshing_credentials.h"

#include "auth/aws_time.h"

namespace vueops::auth {
namespace {

bool ExpiresWithin(const Credentials& credentials, Clock::TimePoint now, Clock::Duration window) {
  return credentials.expiration && *credentials.expiration - now < window;
}

}  // namespace

Result<Credentials> RefreshingCredentials::RefreshLocked() {
  Result<std::optional<Credentials>> fresh = provider_->Provide();
  if (!fresh.ok()) return fresh.status();
  if (!fresh->has_value()) {
    return UnauthenticatedError("no AWS credentials found; looked at: " + provider_->name());
  }
  std::lock_guard<std::mutex> lock(state_mutex_);
  current_ = **fresh;
  return std::move(**fresh);
}

Result<Credentials> RefreshingCredentials::Get() {
  std::optional<Credentials> usable;
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    Clock::TimePoint now = clock_.Now();
    if (current_ && !ExpiresWithin(*current_, now, kAdvisoryRefreshWindow)) return *current_;
    if (current_ && !ExpiresWithin(*current_, now, kMandatoryRefreshWindow)) usable = current_;
  }

  if (usable) {
    // Advisory window: refresh unless another thread already is; keep signing meanwhile.
    std::unique_lock<std::mutex> refresh(refresh_mutex_, std::try_to_lock);
    if (!refresh.owns_lock()) return std::move(*usable);
    {
      std::lock_guard<std::mutex> lock(state_mutex_);
      if (!ExpiresWithin(*current_, clock_.Now(), kAdvisoryRefreshWindow)) return *current_;
    }
    Result<Credentials> refreshed = RefreshLocked();
    if (refreshed.ok()) return refreshed;
    if (notes_) {
      notes_("refreshing the credentials from " + usable->source + " failed (" +
             refreshed.status().message() + "); still using the current ones, which expire at " +
             FormatIso8601(*usable->expiration));
    }
    return std::move(*usable);
  }

  // None yet, or inside the mandatory window: wait for one refresh, shared by all waiters.
  std::lock_guard<std::mutex> refresh(refresh_mutex_);
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    if (current_ && !ExpiresWithin(*current_, clock_.Now(), kMandatoryRefreshWindow)) {
      return *current_;
    }
  }
  return RefreshLocked();
}

}  // namespace vueops::auth
