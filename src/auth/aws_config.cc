#include "auth/aws_config.h"

#include "base/did_you_mean.h"

namespace vueops::auth {
namespace {

constexpr std::string_view kDefaultProfile = "default";

}  // namespace

Result<AwsConfig> AwsConfig::Load(const Environment& environment, std::string explicit_profile) {
  ASSIGN_OR_RETURN(SharedConfig files, SharedConfig::Load(environment));
  return AwsConfig(std::move(files), environment, std::move(explicit_profile));
}

AwsConfig::AwsConfig(SharedConfig files, const Environment& environment,
                     std::string explicit_profile)
    : files_(std::move(files)), environment_(&environment) {
  if (!explicit_profile.empty()) {
    profile_name_ = std::move(explicit_profile);
    profile_is_explicit_ = true;
    profile_was_chosen_ = true;
  } else if (std::optional<std::string> name = environment.GetNonEmpty("AWS_PROFILE")) {
    profile_name_ = *name;
    profile_was_chosen_ = true;
  } else if (std::optional<std::string> legacy = environment.GetNonEmpty("AWS_DEFAULT_PROFILE")) {
    profile_name_ = *legacy;
    profile_was_chosen_ = true;
  } else {
    profile_name_ = std::string(kDefaultProfile);
  }
}

Status AwsConfig::CheckProfileExists() const {
  if (profile() != nullptr) return Status::Ok();
  std::string how = profile_is_explicit_  ? "given by --profile"
                    : profile_was_chosen_ ? "named by AWS_PROFILE"
                                          : "the default";
  std::string message = "profile '" + profile_name_ + "' (" + how + ") is not defined in " +
                        files_.config_path() + " or " + files_.credentials_path();
  std::string suggestion = DidYouMean(profile_name_, files_.ProfileNames());
  if (!suggestion.empty()) message += "; " + suggestion;
  return NotFoundError(std::move(message));
}

std::optional<std::string> AwsConfig::Get(std::string_view key,
                                          std::string_view environment_variable) const {
  if (!environment_variable.empty()) {
    if (std::optional<std::string> value = environment_->GetNonEmpty(environment_variable)) {
      return value;
    }
  }
  const ConfigSection* section = profile();
  if (section == nullptr) return std::nullopt;
  return section->Get(key);
}

Result<std::optional<bool>> AwsConfig::GetBoolean(std::string_view key,
                                                  std::string_view environment_variable) const {
  std::optional<std::string> text = Get(key, environment_variable);
  if (!text) return std::optional<bool>();
  std::optional<bool> value = ParseBoolean(*text);
  if (!value) {
    std::string where =
        !environment_variable.empty() && environment_->GetNonEmpty(environment_variable)
            ? std::string(environment_variable)
            : "'" + std::string(key) + "' in profile " + profile_name_;
    return InvalidArgumentError(where + " must be true or false, not '" + *text + "'");
  }
  return value;
}

std::optional<std::string> AwsConfig::Region() const {
  std::optional<SourcedValue> region = RegionWithSource();
  if (!region) return std::nullopt;
  return std::move(region->value);
}

std::optional<AwsConfig::SourcedValue> AwsConfig::RegionWithSource() const {
  for (std::string_view variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (std::optional<std::string> region = environment_->GetNonEmpty(variable)) {
      return SourcedValue{std::move(*region), std::string(variable)};
    }
  }
  const ConfigSection* section = profile();
  if (section == nullptr) return std::nullopt;
  const ConfigValue* region = section->Find("region");
  if (region == nullptr || region->value.empty()) return std::nullopt;
  return SourcedValue{region->value,
                      "region of profile " + profile_name_ + " (" + region->origin + ")"};
}

std::optional<std::string> AwsConfig::ServiceSetting(std::string_view service_key,
                                                     std::string_view setting) const {
  const ConfigSection* section = profile();
  if (section == nullptr) return std::nullopt;
  std::optional<std::string> services_name = section->Get("services");
  if (!services_name) return std::nullopt;
  const ConfigSection* services = files_.FindServices(*services_name);
  if (services == nullptr) return std::nullopt;
  const ConfigValue* service = services->Find(service_key);
  if (service == nullptr) return std::nullopt;
  auto value = service->sub_properties.find(setting);
  if (value == service->sub_properties.end() || value->second.empty()) return std::nullopt;
  return value->second;
}

}  // namespace vueops::auth
