// The settings vueops reads the AWS way, with one documented precedence each. The client
// asks this for region, endpoint URLs and retry settings; the credential providers ask it
// for the profile.
//
// Profile: --profile (explicit), else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else "default".
// Any other setting: its environment variable when set and not empty, else the profile's
// key (AWS CLI User Guide, "Configuration settings and precedence"; command-line options,
// which the client handles, come before both).
#ifndef VUEOPS_AUTH_AWS_CONFIG_H_
#define VUEOPS_AUTH_AWS_CONFIG_H_

#include <optional>
#include <string>
#include <string_view>

#include "auth/environment.h"
#include "auth/shared_config.h"
#include "base/status.h"

namespace vueops::auth {

class AwsConfig {
 public:
  // Reads the shared files (SharedConfig::Load) and selects the profile.
  // `explicit_profile` is --profile, empty when not given.
  static Result<AwsConfig> Load(const Environment& environment, std::string explicit_profile = "");
  // REQUIRES: `environment` outlives this object.
  AwsConfig(SharedConfig files, const Environment& environment, std::string explicit_profile);

  const std::string& profile_name() const { return profile_name_; }
  // True when the profile was named by --profile; the environment credentials then do not
  // apply (as with the AWS CLI).
  bool profile_is_explicit() const { return profile_is_explicit_; }
  // True when the profile was named by --profile or AWS_PROFILE / AWS_DEFAULT_PROFILE, so a
  // missing profile is an error rather than "no profile configured".
  bool profile_was_chosen() const { return profile_was_chosen_; }
  // The selected profile's section, or nullptr when the files do not define it.
  const ConfigSection* profile() const { return files_.FindProfile(profile_name_); }
  // OK when the selected profile exists; otherwise kNotFound naming the profile, how it was
  // chosen, the files read and the closest existing name.
  Status CheckProfileExists() const;

  // AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region.
  std::optional<std::string> Region() const;

  // The endpoint configured for a service, by its model serviceId ("EC2",
  // "Elastic Load Balancing v2"): AWS_ENDPOINT_URL_<SERVICE> (serviceId uppercased, spaces
  // as '_'), then AWS_ENDPOINT_URL, then the `endpoint_url` under the service's key
  // (serviceId lowercased, spaces as '_') in the [services NAME] section the profile names
  // with `services = NAME`, then the profile's endpoint_url. None when
  // AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls is true. (The
  // client's --endpoint-url comes before all of these.) AWS SDKs and Tools Reference Guide,
  // "Service-specific endpoints".
  std::optional<std::string> EndpointUrl(std::string_view service_id) const;

  // AWS_RETRY_MODE, then retry_mode ("legacy", "standard", "adaptive"; checked by the client).
  std::optional<std::string> RetryMode() const;
  // AWS_MAX_ATTEMPTS, then max_attempts; kInvalidArgument (naming where it came from) when it
  // is not a positive integer.
  Result<std::optional<int>> MaxAttempts() const;

  // Any setting: `environment_variable` (when given, set and not empty), then the profile's
  // `key`.
  std::optional<std::string> Get(std::string_view key,
                                 std::string_view environment_variable = {}) const;
  // A boolean setting, with the same precedence; kInvalidArgument when it is neither true nor
  // false.
  Result<std::optional<bool>> GetBoolean(std::string_view key,
                                         std::string_view environment_variable = {}) const;

  const SharedConfig& files() const { return files_; }
  const Environment& environment() const { return *environment_; }

 private:
  SharedConfig files_;
  const Environment* environment_;
  std::string profile_name_;
  bool profile_is_explicit_ = false;
  bool profile_was_chosen_ = false;
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_AWS_CONFIG_H_
