// Environment variables behind an interface, so that credential, config, endpoint and retry
// resolution are tested with a map instead of the process's (shared, racy) environment.
#ifndef VUEOPS_BASE_ENVIRONMENT_H_
#define VUEOPS_BASE_ENVIRONMENT_H_

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace vueops {

class Environment {
 public:
  virtual ~Environment() = default;
  // The variable's value, or nullopt when it is unset.
  virtual std::optional<std::string> Get(std::string_view name) const = 0;

  // The value when set and not empty: AWS tools treat an empty variable as unset.
  std::optional<std::string> GetNonEmpty(std::string_view name) const;

  // The process's environment (getenv).
  static const Environment& Process();
};

class MapEnvironment : public Environment {
 public:
  MapEnvironment() = default;
  MapEnvironment(std::initializer_list<std::pair<const std::string, std::string>> values)
      : values_(values) {}
  explicit MapEnvironment(const std::map<std::string, std::string>& values)
      : values_(values.begin(), values.end()) {}
  std::optional<std::string> Get(std::string_view name) const override;
  void Set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
  void Unset(std::string_view name);

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// $HOME, else the home directory of the current user in the password database.
Result<std::string> HomeDirectory(const Environment& environment);

// `path` with a leading "~/" (or a lone "~") replaced by the home directory, as the AWS CLI
// expands AWS_CONFIG_FILE and friends.
Result<std::string> ExpandHome(std::string_view path, const Environment& environment);

// "true"/"false" in any case, as AWS settings write booleans; nullopt for anything else.
// Where the AWS SDKs read a switch leniently (botocore's ensure_boolean: only "true" is true),
// use ParseBoolean(text).value_or(false).
std::optional<bool> ParseBoolean(std::string_view text);

}  // namespace vueops

#endif  // VUEOPS_BASE_ENVIRONMENT_H_
