#include "auth/shared_config.h"

#include "base/file.h"

namespace vueops::auth {
namespace {

// Config and credentials files are small; a huge one is a mistake, not a config.
constexpr uint64_t kMaxConfigFileBytes = 4 << 20;

bool HasWhitespace(std::string_view text) {
  return text.find_first_of(" \t") != std::string_view::npos;
}

// "profile ops" -> "ops" when `name` starts with `prefix` and whitespace; nullopt otherwise.
std::optional<std::string_view> StripPrefix(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix) || name.size() == prefix.size()) return std::nullopt;
  std::string_view rest = name.substr(prefix.size());
  if (rest.front() != ' ' && rest.front() != '\t') return std::nullopt;
  size_t start = rest.find_first_not_of(" \t");
  if (start == std::string_view::npos) return std::nullopt;
  return rest.substr(start);
}

std::string Origin(const IniFile& file, int line) { return file.path + ":" + std::to_string(line); }

// Copies a section's properties into `target`, later values replacing earlier ones.
void MergeInto(ConfigSection& target, const IniSection& section, const IniFile& file) {
  if (target.origin.empty()) target.origin = Origin(file, section.line);
  for (const IniProperty& property : section.properties) {
    ConfigValue value;
    value.value = property.value;
    value.origin = Origin(file, property.line);
    for (const IniProperty& sub : property.sub_properties) {
      value.sub_properties[sub.name] = sub.value;
    }
    target.values[property.name] = std::move(value);
  }
}

Result<std::string> ReadIfPresent(const std::string& path) {
  Result<std::string> contents = ReadFile(path, kMaxConfigFileBytes);
  if (!contents.ok() && contents.status().code() == StatusCode::kNotFound) return std::string();
  return contents;
}

}  // namespace

const ConfigValue* ConfigSection::Find(std::string_view key) const {
  auto it = values.find(key);
  return it == values.end() ? nullptr : &it->second;
}

std::optional<std::string> ConfigSection::Get(std::string_view key) const {
  const ConfigValue* value = Find(key);
  if (value == nullptr || value->value.empty()) return std::nullopt;
  return value->value;
}

Result<std::string> SharedConfig::ConfigPath(const Environment& environment) {
  return ExpandHome(environment.GetNonEmpty("AWS_CONFIG_FILE").value_or("~/.aws/config"),
                    environment);
}

Result<std::string> SharedConfig::CredentialsPath(const Environment& environment) {
  return ExpandHome(
      environment.GetNonEmpty("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"),
      environment);
}

Result<SharedConfig> SharedConfig::Load(const Environment& environment) {
  ASSIGN_OR_RETURN(std::string config_path, ConfigPath(environment));
  ASSIGN_OR_RETURN(std::string credentials_path, CredentialsPath(environment));
  ASSIGN_OR_RETURN(std::string config_text, ReadIfPresent(config_path));
  ASSIGN_OR_RETURN(std::string credentials_text, ReadIfPresent(credentials_path));
  return Parse(config_text, std::move(config_path), credentials_text, std::move(credentials_path));
}

Result<SharedConfig> SharedConfig::Parse(std::string_view config_text, std::string config_path,
                                         std::string_view credentials_text,
                                         std::string credentials_path) {
  ASSIGN_OR_RETURN(IniFile config, ParseIniFile(config_text, config_path));
  ASSIGN_OR_RETURN(IniFile credentials, ParseIniFile(credentials_text, credentials_path));
  SharedConfig shared;
  shared.config_path_ = std::move(config_path);
  shared.credentials_path_ = std::move(credentials_path);

  bool has_profile_default = false;
  for (const IniSection& section : config.sections) {
    std::optional<std::string_view> name = StripPrefix(section.name, "profile");
    if (name && *name == "default") has_profile_default = true;
  }

  auto add = [](std::map<std::string, ConfigSection, std::less<>>& sections, std::string_view name,
                const IniSection& section, const IniFile& file) {
    ConfigSection& target = sections[std::string(name)];
    target.name = std::string(name);
    MergeInto(target, section, file);
  };

  for (const IniSection& section : config.sections) {
    std::string where = Origin(config, section.line);
    if (section.name == "default") {
      if (has_profile_default) {
        shared.warnings_.push_back(where +
                                   ": [default] is ignored because [profile default] "
                                   "is also defined");
      } else {
        add(shared.profiles_, "default", section, config);
      }
    } else if (std::optional<std::string_view> name = StripPrefix(section.name, "profile")) {
      if (HasWhitespace(*name)) {
        shared.warnings_.push_back(where + ": [" + section.name +
                                   "] is ignored: profile names cannot contain spaces");
      } else {
        add(shared.profiles_, *name, section, config);
      }
    } else if (std::optional<std::string_view> session = StripPrefix(section.name, "sso-session")) {
      add(shared.sso_sessions_, *session, section, config);
    } else if (std::optional<std::string_view> services = StripPrefix(section.name, "services")) {
      add(shared.services_, *services, section, config);
    } else if (!HasWhitespace(section.name)) {
      shared.warnings_.push_back(where + ": [" + section.name +
                                 "] is not a profile in the config file; write [profile " +
                                 section.name + "]");
    } else {
      shared.warnings_.push_back(where + ": [" + section.name + "] is not a section vueops reads");
    }
  }
  for (const IniSection& section : credentials.sections) {
    if (StripPrefix(section.name, "profile")) {
      shared.warnings_.push_back(Origin(credentials, section.line) + ": [" + section.name +
                                 "] is ignored: the credentials file names profiles without "
                                 "the 'profile' prefix");
      continue;
    }
    add(shared.profiles_, section.name, section, credentials);
  }
  return shared;
}

const ConfigSection* SharedConfig::FindProfile(std::string_view name) const {
  auto it = profiles_.find(name);
  return it == profiles_.end() ? nullptr : &it->second;
}

const ConfigSection* SharedConfig::FindSsoSession(std::string_view name) const {
  auto it = sso_sessions_.find(name);
  return it == sso_sessions_.end() ? nullptr : &it->second;
}

const ConfigSection* SharedConfig::FindServices(std::string_view name) const {
  auto it = services_.find(name);
  return it == services_.end() ? nullptr : &it->second;
}

std::vector<std::string> SharedConfig::ProfileNames() const {
  std::vector<std::string> names;
  for (const auto& [name, section] : profiles_) names.push_back(name);
  return names;
}

}  // namespace vueops::auth
