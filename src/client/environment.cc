#include "client/environment.h"

#include <strings.h>

#include <cstdlib>
#include <utility>

namespace vueops::client {

EnvironmentLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

EnvironmentLookup FixedEnvironment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
    auto found = variables.find(name);
    if (found == variables.end()) return std::nullopt;
    return found->second;
  };
}

bool IsTrueSetting(std::string_view value) {
  return value.size() == 4 && ::strncasecmp(value.data(), "true", 4) == 0;
}

}  // namespace vueops::client
