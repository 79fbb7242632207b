// What the client holds: the current credentials of one provider, refreshed before they
// expire, safe to share between every thread of a long apply.
//
// Two windows before expiry, as botocore's RefreshableCredentials has them:
//   advisory (15 minutes): one thread refreshes while the others keep signing with the
//     current credentials; if the refresh fails, they are still used (and a note says so);
//   mandatory (5 minutes): every caller waits for a refresh, and a failed refresh is an
//     error, so nothing is ever signed with credentials about to expire mid-request.
#ifndef VUEOPS_AUTH_REFRESHING_CREDENTIALS_H_
#define VUEOPS_AUTH_REFRESHING_CREDENTIALS_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "auth/credentials_provider.h"

namespace vueops::auth {

inline constexpr std::chrono::minutes kAdvisoryRefreshWindow{15};
inline constexpr std::chrono::minutes kMandatoryRefreshWindow{5};

class RefreshingCredentials {
 public:
  // REQUIRES: `clock` outlives this object.
  RefreshingCredentials(std::unique_ptr<CredentialsProvider> provider, Clock& clock,
                        NoteSink notes = {})
      : provider_(std::move(provider)), clock_(clock), notes_(std::move(notes)) {}

  // Credentials valid for at least the mandatory window (or without expiry). Asks the
  // provider the first time and whenever the current ones enter the refresh windows.
  // Fails with the provider's error, or kUnauthenticated naming every place looked at when
  // the provider found nothing. Thread-safe; the provider is never called concurrently.
  Result<Credentials> Get();

  const CredentialsProvider& provider() const { return *provider_; }

 private:
  Result<Credentials> RefreshLocked();

  std::unique_ptr<CredentialsProvider> provider_;
  Clock& clock_;
  NoteSink notes_;
  std::mutex state_mutex_;  // guards current_
  std::optional<Credentials> current_;
  std::mutex refresh_mutex_;  // held while the provider runs
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_REFRESHING_CREDENTIALS_H_
