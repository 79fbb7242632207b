// Environment variables behind a function, so that settings read from the environment
// (AWS_ENDPOINT_URL, AWS_MAX_ATTEMPTS, ...) are tested without touching the process's own.
#ifndef VUEOPS_CLIENT_ENVIRONMENT_H_
#define VUEOPS_CLIENT_ENVIRONMENT_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace vueops::client {

// The value of one environment variable, or std::nullopt when it is not set.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Reads the process environment (getenv), at each call.
EnvironmentLookup ProcessEnvironment();

// Reads `variables` instead, for tests.
EnvironmentLookup FixedEnvironment(std::map<std::string, std::string> variables);

// The AWS SDKs' reading of a boolean setting: "true" in any case is true, anything else false
// (botocore's ensure_boolean).
bool IsTrueSetting(std::string_view value);

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_ENVIRONMENT_H_
