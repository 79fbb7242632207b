// The AWS shared config and credentials files, read into profiles, sso-session sections and
// services sections ("Configuration and credential file settings" in the AWS CLI User Guide,
// and the AWS SDKs and Tools Reference Guide's "Shared config and credentials files").
//
// Section rules:
//   config file:       [default] and [profile NAME] are profiles ([profile default] wins over
//                      [default]); [sso-session NAME] and [services NAME] are read; a bare
//                      [NAME] is not a profile there, and is reported in warnings().
//   credentials file:  [NAME] is a profile (including [default]); [profile NAME] is not, and is
//                      reported in warnings().
// A profile's properties merge from both files, the credentials file winning per key.
#ifndef VUEOPS_AUTH_SHARED_CONFIG_H_
#define VUEOPS_AUTH_SHARED_CONFIG_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/ini_file.h"
#include "base/environment.h"
#include "base/status.h"

namespace vueops::auth {

struct ConfigValue {
  std::string value;
  std::string origin;  // "/home/me/.aws/config:12", for messages
  std::map<std::string, std::string, std::less<>> sub_properties;
};

struct ConfigSection {
  std::string name;    // without its prefix: "ops" for [profile ops]
  std::string origin;  // where it was first declared
  std::map<std::string, ConfigValue, std::less<>> values;

  const ConfigValue* Find(std::string_view key) const;
  // The value of `key` when present and not empty.
  std::optional<std::string> Get(std::string_view key) const;
};

class SharedConfig {
 public:
  // The default file locations: AWS_CONFIG_FILE, else ~/.aws/config; and
  // AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials ("~" expanded).
  static Result<std::string> ConfigPath(const Environment& environment);
  static Result<std::string> CredentialsPath(const Environment& environment);

  // Reads both files; a file that does not exist counts as empty, any other read error or a
  // syntax error fails (file:line and the line, see ParseIniFile).
  static Result<SharedConfig> Load(const Environment& environment);
  // From file contents already read; the paths are for messages.
  static Result<SharedConfig> Parse(std::string_view config_text, std::string config_path,
                                    std::string_view credentials_text,
                                    std::string credentials_path);

  const ConfigSection* FindProfile(std::string_view name) const;
  const ConfigSection* FindSsoSession(std::string_view name) const;
  const ConfigSection* FindServices(std::string_view name) const;
  std::vector<std::string> ProfileNames() const;

  const std::string& config_path() const { return config_path_; }
  const std::string& credentials_path() const { return credentials_path_; }
  // Sections that were ignored and why, for `vueops` to show as warnings.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::string config_path_;
  std::string credentials_path_;
  std::map<std::string, ConfigSection, std::less<>> profiles_;
  std::map<std::string, ConfigSection, std::less<>> sso_sessions_;
  std::map<std::string, ConfigSection, std::less<>> services_;
  std::vector<std::string> warnings_;
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_SHARED_CONFIG_H_
