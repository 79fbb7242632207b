// The settings vueops reads the AWS way, with one documented precedence each. The credential
// providers ask this for the profile and the client for the region; endpoint and retry
// settings have their precedence with the environment in client/endpoints.h and
// client/retry.h, which read only the profile's values here (Get with no variable,
// ServiceSetting).
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

#include "auth/shared_config.h"
#include "base/environment.h"
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
  // The same, with where it came from ("AWS_REGION", "region of profile dev
  // (/home/me/.aws/config:3)"), for `vueops whoami`.
  struct SourcedValue {
    std::string value;
    std::string source;
  };
  std::optional<SourcedValue> RegionWithSource() const;

  // A setting of one service in the [services NAME] section the profile names with
  // `services = NAME`: ServiceSetting("elastic_load_balancing_v2", "endpoint_url"). The key is
  // the serviceId lowercased with spaces as '_' (client::ServiceConfigKey). nullopt when the
  // profile, the section, the service or the setting is missing or empty. The environment is
  // not consulted: client::ResolveEndpoint owns the precedence of AWS_ENDPOINT_URL_<SERVICE>,
  // AWS_ENDPOINT_URL and these settings.
  std::optional<std::string> ServiceSetting(std::string_view service_key,
                                            std::string_view setting) const;

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
