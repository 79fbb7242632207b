// AssumeRole results kept on disk between runs, so that a role with MFA is not asked for a
// new code by every vueops command and parallel commands share one session.
//
// One JSON file per role configuration, <directory>/<key>.json, mode 0600, in a directory
// created with mode 0700. The directory is VUEOPS_CACHE_DIR, else ~/.vueops/cache.
#ifndef VUEOPS_AUTH_ROLE_CREDENTIALS_CACHE_H_
#define VUEOPS_AUTH_ROLE_CREDENTIALS_CACHE_H_

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "auth/credentials.h"
#include "auth/credentials_provider.h"
#include "auth/role_assumer.h"
#include "base/clock.h"
#include "base/environment.h"
#include "base/status.h"

namespace vueops::auth {

class RoleCredentialsCache {
 public:
  static Result<std::string> DefaultDirectory(const Environment& environment);

  // REQUIRES: `clock` outlives the cache.
  RoleCredentialsCache(std::string directory, Clock& clock, NoteSink notes = {})
      : directory_(std::move(directory)), clock_(clock), notes_(std::move(notes)) {}

  // The cache key (a file name) for one role configuration: hex SHA-256 over the role ARN,
  // session name, external id, MFA serial, duration, source identity, session policies and
  // tags, and `source`, what the source credentials are ("profile base"), so that two
  // identities assuming the same role never share an entry. The MFA code is not part of it.
  static std::string Key(const AssumeRoleParams& params, std::string_view source);

  // The credentials cached under `key` if they stay valid for more than `min_remaining`;
  // nullopt when there are none, they expire sooner, or the file is corrupt (noted, and
  // replaced by the next Store). Fails with kPermissionDenied, naming the chmod that fixes
  // it, when the file is readable or writable by others or the directory writable by
  // others: such a cache is refused, neither used nor silently rewritten.
  Result<std::optional<Credentials>> Load(std::string_view key, Clock::Duration min_remaining);

  // Stores temporary credentials (with an expiration) under `key`, atomically.
  Status Store(std::string_view key, const Credentials& credentials);

  const std::string& directory() const { return directory_; }

 private:
  std::string PathFor(std::string_view key) const;
  Status CheckDirectory() const;

  std::string directory_;
  Clock& clock_;
  NoteSink notes_;
  std::mutex store_mutex_;  // two threads storing one key would share a temporary file
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_ROLE_CREDENTIALS_CACHE_H_
