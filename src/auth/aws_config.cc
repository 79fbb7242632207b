#include "auth/aws_config.h"

#include <algorithm>
#include <charconv>

#include "base/did_you_mean.h"

namespace vueops::auth {
namespace {

constexpr std::string_view kDefaultProfile = "default";

// serviceId "Elastic Load Balancing v2" -> "ELASTIC_LOAD_BALANCING_V2" (or lowercase).
std::string ServiceKey(std::string_view service_id, bool upper) {
  std::string key(service_id);
  for (char& c : key) {
    if (c == ' ') {
      c = '_';
    } else {
      c = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                  : std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return key;
}

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
  if (std::optional<std::string> region = environment_->GetNonEmpty("AWS_REGION")) return region;
  return Get("region", "AWS_DEFAULT_REGION");
}

std::optional<std::string> AwsConfig::EndpointUrl(std::string_view service_id) const {
  Result<std::optional<bool>> ignore =
      GetBoolean("ignore_configured_endpoint_urls", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  // An unreadable switch does not silently send traffic elsewhere: it counts as "ignore".
  if (!ignore.ok() || ignore->value_or(false)) return std::nullopt;
  if (std::optional<std::string> url =
          environment_->GetNonEmpty("AWS_ENDPOINT_URL_" + ServiceKey(service_id, true))) {
    return url;
  }
  if (std::optional<std::string> url = environment_->GetNonEmpty("AWS_ENDPOINT_URL")) return url;
  const ConfigSection* section = profile();
  if (section == nullptr) return std::nullopt;
  if (std::optional<std::string> services_name = section->Get("services")) {
    if (const ConfigSection* services = files_.FindServices(*services_name)) {
      if (const ConfigValue* service = services->Find(ServiceKey(service_id, false))) {
        auto url = service->sub_properties.find("endpoint_url");
        if (url != service->sub_properties.end() && !url->second.empty()) return url->second;
      }
    }
  }
  return section->Get("endpoint_url");
}

std::optional<std::string> AwsConfig::RetryMode() const {
  return Get("retry_mode", "AWS_RETRY_MODE");
}

Result<std::optional<int>> AwsConfig::MaxAttempts() const {
  std::optional<std::string> text = Get("max_attempts", "AWS_MAX_ATTEMPTS");
  if (!text) return std::optional<int>();
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 1) {
    std::string where = environment_->GetNonEmpty("AWS_MAX_ATTEMPTS")
                            ? std::string("AWS_MAX_ATTEMPTS")
                            : "'max_attempts' in profile " + profile_name_;
    return InvalidArgumentError(where + " must be a positive integer, not '" + *text + "'");
  }
  return std::optional<int>(value);
}

}  // namespace vueops::auth
