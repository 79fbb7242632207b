#include "auth/profile_credentials.h"

#include <charconv>
#include <vector>

#include "auth/assume_role_provider.h"
#include "auth/container_credentials.h"
#include "auth/credential_process.h"
#include "auth/environment_credentials.h"
#include "auth/instance_metadata_credentials.h"
#include "base/did_you_mean.h"

namespace vueops::auth {
namespace {

// AssumeRole's DurationSeconds range (STS API Reference, AssumeRole): 15 minutes to 12 hours;
// the role's own maximum session duration may be lower, which STS reports.
constexpr int kMinRoleDurationSeconds = 900;
constexpr int kMaxRoleDurationSeconds = 43200;

// Turns a provider's nullopt into an error: a source the profile names must be there.
class RequiredProvider : public CredentialsProvider {
 public:
  RequiredProvider(std::unique_ptr<CredentialsProvider> inner, std::string why)
      : inner_(std::move(inner)), why_(std::move(why)) {}
  Result<std::optional<Credentials>> Provide() override {
    ASSIGN_OR_RETURN(std::optional<Credentials> credentials, inner_->Provide());
    if (!credentials) return UnauthenticatedError(why_ + ", but " + inner_->name() + " has none");
    return credentials;
  }
  std::string name() const override { return inner_->name(); }

 private:
  std::unique_ptr<CredentialsProvider> inner_;
  std::string why_;
};

class ProfileBuilder {
 public:
  explicit ProfileBuilder(const ProviderDependencies& dependencies)
      : dependencies_(dependencies), files_(dependencies.config->files()) {}

  // `referrer` is the profile whose source_profile names this one (empty for the first).
  Result<std::unique_ptr<CredentialsProvider>> Build(std::string_view name,
                                                     std::string_view referrer) {
    const ConfigSection* profile = files_.FindProfile(name);
    if (profile == nullptr) {
      std::string message = "profile '" + std::string(name) + "'";
      if (!referrer.empty()) message += " (source_profile of '" + std::string(referrer) + "')";
      message += " is not defined in " + files_.config_path() + " or " + files_.credentials_path();
      std::string suggestion = DidYouMean(std::string(name), files_.ProfileNames());
      if (!suggestion.empty()) message += "; " + suggestion;
      return NotFoundError(std::move(message));
    }
    for (const std::string& visited : chain_) {
      if (visited == name) {
        std::string cycle;
        for (const std::string& step : chain_) cycle += step + " -> ";
        return InvalidArgumentError("source_profile cycle: " + cycle + std::string(name));
      }
    }
    chain_.emplace_back(name);
    if (profile->Get("role_arn")) return BuildRole(*profile);
    ASSIGN_OR_RETURN(std::unique_ptr<CredentialsProvider> keys, BuildStaticKeys(*profile));
    if (keys) return keys;
    if (std::optional<std::string> command = profile->Get("credential_process")) {
      return std::unique_ptr<CredentialsProvider>(
          new ProcessCredentialsProvider(*command, profile->name, *dependencies_.clock));
    }
    if (profile->Get("sso_session") || profile->Get("sso_start_url")) {
      return UnimplementedError("profile " + profile->name +
                                " signs in through IAM Identity Center (SSO), which "
                                "vueops does not read yet; set credential_process = aws configure "
                                "export-credentials --profile " +
                                profile->name +
                                " --format process in another "
                                "profile and use that one");
    }
    return std::unique_ptr<CredentialsProvider>();
  }

 private:
  // Static keys; nullptr when the profile has none.
  Result<std::unique_ptr<CredentialsProvider>> BuildStaticKeys(const ConfigSection& profile) {
    std::optional<std::string> key_id = profile.Get("aws_access_key_id");
    std::optional<std::string> secret = profile.Get("aws_secret_access_key");
    if (!key_id && !secret) return std::unique_ptr<CredentialsProvider>();
    if (!key_id || !secret) {
      const ConfigValue* present =
          profile.Find(key_id ? "aws_access_key_id" : "aws_secret_access_key");
      return InvalidArgumentError("profile " + profile.name + " has " +
                                  (key_id ? "aws_access_key_id" : "aws_secret_access_key") + " (" +
                                  present->origin + ") but no " +
                                  (key_id ? "aws_secret_access_key" : "aws_access_key_id"));
    }
    Credentials credentials;
    credentials.access_key_id = std::move(*key_id);
    credentials.secret_access_key = std::move(*secret);
    credentials.session_token =
        profile.Get("aws_session_token").value_or(profile.Get("aws_security_token").value_or(""));
    credentials.source = "profile " + profile.name;
    return std::unique_ptr<CredentialsProvider>(
        new StaticCredentialsProvider(std::move(credentials)));
  }

  Result<std::unique_ptr<CredentialsProvider>> BuildRole(const ConfigSection& profile) {
    std::optional<std::string> source_profile = profile.Get("source_profile");
    std::optional<std::string> credential_source = profile.Get("credential_source");
    if (source_profile && credential_source) {
      return InvalidArgumentError("profile " + profile.name +
                                  " sets both source_profile and credential_source; keep one");
    }
    AssumeRoleSettings settings;
    settings.profile = profile.name;
    AssumeRoleParams& params = settings.params;
    params.role_arn = *profile.Get("role_arn");
    params.role_session_name = profile.Get("role_session_name").value_or("");
    params.external_id = profile.Get("external_id").value_or("");
    params.mfa_serial = profile.Get("mfa_serial").value_or("");
    if (std::optional<std::string> duration = profile.Get("duration_seconds")) {
      int seconds = 0;
      auto [end, error] =
          std::from_chars(duration->data(), duration->data() + duration->size(), seconds);
      if (error != std::errc() || end != duration->data() + duration->size() ||
          seconds < kMinRoleDurationSeconds || seconds > kMaxRoleDurationSeconds) {
        return InvalidArgumentError(
            "profile " + profile.name + ": duration_seconds must be a number of seconds from " +
            std::to_string(kMinRoleDurationSeconds) + " to " +
            std::to_string(kMaxRoleDurationSeconds) + ", not '" + *duration + "' (" +
            profile.Find("duration_seconds")->origin + ")");
      }
      params.duration = std::chrono::seconds(seconds);
    }

    std::unique_ptr<CredentialsProvider> source;
    if (source_profile) {
      if (*source_profile == profile.name) {
        // A profile may assume its role with its own keys (botocore allows exactly this).
        ASSIGN_OR_RETURN(source, BuildStaticKeys(profile));
        if (!source) {
          return InvalidArgumentError("profile " + profile.name +
                                      " is its own source_profile but has no keys of its own");
        }
        settings.source_description = "profile " + profile.name + " (its own keys)";
      } else {
        const ConfigSection* source_section = files_.FindProfile(*source_profile);
        // A source profile with role_arn gives role credentials, even when it assumes its
        // role with its own keys: using them to assume this role is role chaining.
        settings.source_is_role_session =
            source_section != nullptr && source_section->Get("role_arn").has_value();
        ASSIGN_OR_RETURN(source, Build(*source_profile, profile.name));
        if (!source) {
          return InvalidArgumentError("profile " + *source_profile + " (source_profile of " +
                                      profile.name + ") holds no credentials");
        }
        settings.source_description = "profile " + *source_profile;
      }
    } else if (credential_source) {
      ASSIGN_OR_RETURN(source, BuildCredentialSource(profile, *credential_source,
                                                     settings.source_is_role_session));
      settings.source_description = "credential_source " + *credential_source;
    } else if (profile.Get("web_identity_token_file")) {
      return UnimplementedError("profile " + profile.name +
                                " assumes its role with a web "
                                "identity token, which vueops does not support yet");
    } else {
      return InvalidArgumentError("profile " + profile.name +
                                  " has role_arn but neither source_profile nor "
                                  "credential_source to assume it with");
    }
    return std::unique_ptr<CredentialsProvider>(
        new AssumeRoleProvider(std::move(settings), std::move(source), dependencies_.role_assumer,
                               dependencies_.mfa_prompter, dependencies_.role_cache,
                               *dependencies_.clock, dependencies_.notes));
  }

  Result<std::unique_ptr<CredentialsProvider>> BuildCredentialSource(
      const ConfigSection& profile, const std::string& credential_source, bool& role_session) {
    std::string why = "profile " + profile.name + " names credential_source " + credential_source;
    if (credential_source == "Environment") {
      role_session = false;
      return std::unique_ptr<CredentialsProvider>(
          new RequiredProvider(std::make_unique<EnvironmentCredentialsProvider>(
                                   dependencies_.config->environment(), *dependencies_.clock),
                               why));
    }
    if (credential_source == "Ec2InstanceMetadata") {
      role_session = true;
      return std::unique_ptr<CredentialsProvider>(new InstanceMetadataCredentialsProvider(
          *dependencies_.config, *dependencies_.transport, *dependencies_.clock,
          /*required=*/true));
    }
    if (credential_source == "EcsContainer") {
      role_session = true;
      return std::unique_ptr<CredentialsProvider>(new RequiredProvider(
          std::make_unique<ContainerCredentialsProvider>(
              dependencies_.config->environment(), *dependencies_.transport, *dependencies_.clock),
          why));
    }
    return InvalidArgumentError("profile " + profile.name +
                                ": credential_source must be "
                                "Environment, Ec2InstanceMetadata or EcsContainer, not '" +
                                credential_source + "'");
  }

  const ProviderDependencies& dependencies_;
  const SharedConfig& files_;
  std::vector<std::string> chain_;
};

}  // namespace

Result<std::unique_ptr<CredentialsProvider>> MakeProfileProvider(
    std::string_view profile, const ProviderDependencies& dependencies) {
  return ProfileBuilder(dependencies).Build(profile, "");
}

std::string ProfileCredentialsProvider::name() const {
  const AwsConfig& config = *dependencies_.config;
  return "profile " + config.profile_name() + " in " + config.files().config_path() + " and " +
         config.files().credentials_path();
}

Result<std::optional<Credentials>> ProfileCredentialsProvider::Provide() {
  if (!built_) {
    const AwsConfig& config = *dependencies_.config;
    if (config.profile() != nullptr) {
      ASSIGN_OR_RETURN(provider_, MakeProfileProvider(config.profile_name(), dependencies_));
    }
    built_ = true;
  }
  if (provider_ == nullptr) return std::optional<Credentials>();
  return provider_->Provide();
}

}  // namespace vueops::auth
