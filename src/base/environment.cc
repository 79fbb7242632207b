#include "base/environment.h"

#include <pwd.h>
#include <strings.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

namespace vueops {
namespace {

class ProcessEnvironment : public Environment {
 public:
  std::optional<std::string> Get(std::string_view name) const override {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  }
};

}  // namespace

std::optional<std::string> Environment::GetNonEmpty(std::string_view name) const {
  std::optional<std::string> value = Get(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

const Environment& Environment::Process() {
  static const ProcessEnvironment* environment = new ProcessEnvironment();
  return *environment;
}

std::optional<std::string> MapEnvironment::Get(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

void MapEnvironment::Unset(std::string_view name) {
  auto it = values_.find(name);
  if (it != values_.end()) values_.erase(it);
}

Result<std::string> HomeDirectory(const Environment& environment) {
  if (std::optional<std::string> home = environment.GetNonEmpty("HOME")) return *home;
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? static_cast<size_t>(size) : 16384);
  struct passwd entry;
  struct passwd* found = nullptr;
  if (::getpwuid_r(::getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 &&
      found != nullptr && found->pw_dir != nullptr && found->pw_dir[0] != '\0') {
    return std::string(found->pw_dir);
  }
  return FailedPreconditionError("cannot find the home directory: HOME is not set and user " +
                                 std::to_string(::getuid()) + " has no password entry");
}

Result<std::string> ExpandHome(std::string_view path, const Environment& environment) {
  if (path != "~" && !path.starts_with("~/")) return std::string(path);
  ASSIGN_OR_RETURN(std::string home, HomeDirectory(environment));
  return home + std::string(path.substr(1));
}

std::optional<bool> ParseBoolean(std::string_view text) {
  if (text.size() == 4 && ::strncasecmp(text.data(), "true", 4) == 0) return true;
  if (text.size() == 5 && ::strncasecmp(text.data(), "false", 5) == 0) return false;
  return std::nullopt;
}

}  // namespace vueops
