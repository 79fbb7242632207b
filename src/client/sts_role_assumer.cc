#include "client/sts_role_assumer.h"

#include <utility>

#include "auth/assume_role_provider.h"
#include "auth/aws_time.h"

namespace vueops::client {
namespace {

// The region STS's global endpoint signs for (botocore endpoints.json, sts "aws-global").
constexpr std::string_view kDefaultStsRegion = "us-east-1";
constexpr std::string_view kRedacted = "<redacted>";

std::string WithoutMfaCode(std::string message, std::string_view code) {
  if (code.empty()) return message;
  for (size_t at = message.find(code); at != std::string::npos;
       at = message.find(code, at + kRedacted.size())) {
    message.replace(at, code.size(), kRedacted);
  }
  return message;
}

// Hands out another RefreshingCredentials' current credentials: the source of a role the
// engine assumes with the client's own identity.
class SharedCredentialsProvider : public auth::CredentialsProvider {
 public:
  explicit SharedCredentialsProvider(std::shared_ptr<auth::RefreshingCredentials> shared)
      : shared_(std::move(shared)) {}
  Result<std::optional<auth::Credentials>> Provide() override {
    ASSIGN_OR_RETURN(auth::Credentials credentials, shared_->Get());
    return std::optional<auth::Credentials>(std::move(credentials));
  }
  std::string name() const override { return shared_->provider().name(); }

 private:
  std::shared_ptr<auth::RefreshingCredentials> shared_;
};

}  // namespace

StsRoleAssumer::StsRoleAssumer(AwsClient base)
    : base_(base.config().region.empty() ? base.InRegion(std::string(kDefaultStsRegion))
                                         : std::move(base)) {}

Json StsRoleAssumer::AssumeRoleInput(const auth::AssumeRoleParams& params) {
  Json input = Json::object();
  input["RoleArn"] = params.role_arn;
  input["RoleSessionName"] = params.role_session_name;
  if (!params.policy_arns.empty()) {
    Json arns = Json::array();
    for (const std::string& arn : params.policy_arns) arns.push_back({{"arn", arn}});
    input["PolicyArns"] = std::move(arns);
  }
  if (!params.policy.empty()) input["Policy"] = params.policy;
  if (params.duration) input["DurationSeconds"] = params.duration->count();
  if (!params.tags.empty()) {
    Json tags = Json::array();
    for (const auto& [key, value] : params.tags) tags.push_back({{"Key", key}, {"Value", value}});
    input["Tags"] = std::move(tags);
  }
  if (!params.transitive_tag_keys.empty()) input["TransitiveTagKeys"] = params.transitive_tag_keys;
  if (!params.external_id.empty()) input["ExternalId"] = params.external_id;
  if (!params.mfa_serial.empty()) input["SerialNumber"] = params.mfa_serial;
  if (!params.mfa_token_code.empty()) input["TokenCode"] = params.mfa_token_code;
  if (!params.source_identity.empty()) input["SourceIdentity"] = params.source_identity;
  return input;
}

Result<auth::Credentials> StsRoleAssumer::AssumeRole(const auth::Credentials& source,
                                                     const auth::AssumeRoleParams& params) {
  AwsClient client = base_.WithCredentials(std::make_shared<auth::RefreshingCredentials>(
      std::make_unique<auth::StaticCredentialsProvider>(source), *base_.context()->clock));
  Result<Json> output = client.Call("sts", "AssumeRole", AssumeRoleInput(params));
  if (!output.ok()) {
    return Status(output.status().code(),
                  WithoutMfaCode(output.status().message(), params.mfa_token_code));
  }
  const Json& answer = (*output)["Credentials"];
  auto text = [&](const char* member) -> std::string {
    auto found = answer.find(member);
    return found != answer.end() && found->is_string() ? found->get<std::string>() : "";
  };
  auth::Credentials credentials;
  credentials.access_key_id = text("AccessKeyId");
  credentials.secret_access_key = text("SecretAccessKey");
  credentials.session_token = text("SessionToken");
  credentials.role_session = true;
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty() ||
      credentials.session_token.empty()) {
    return UnavailableError("sts AssumeRole " + params.role_arn +
                            ": the answer holds no complete credentials");
  }
  Result<Clock::TimePoint> expiration = auth::ParseIso8601(text("Expiration"));
  if (!expiration.ok()) {
    return UnavailableError(
        "sts AssumeRole " + params.role_arn +
        ": the answer's Expiration is unreadable: " + expiration.status().message());
  }
  credentials.expiration = *expiration;
  return credentials;
}

Result<std::shared_ptr<auth::RefreshingCredentials>> AssumedRoleCredentials(
    const AwsClient& source, auth::AssumeRoleParams params, auth::RoleAssumer& assumer,
    auth::RoleCredentialsCache* cache, auth::MfaPrompter* prompter, auth::NoteSink notes) {
  ASSIGN_OR_RETURN(auth::Credentials current, source.Credentials());
  auth::AssumeRoleSettings settings;
  settings.params = std::move(params);
  settings.source_description = current.source.empty() ? current.access_key_id : current.source;
  // AssumeRoleProvider names the profile in its messages and MFA prompt ("profile alice"): the
  // profile whose credentials are the source, else the source itself.
  constexpr std::string_view kProfilePrefix = "profile ";
  settings.profile = settings.source_description.starts_with(kProfilePrefix)
                         ? settings.source_description.substr(kProfilePrefix.size())
                         : settings.source_description;
  settings.source_is_role_session = current.role_session;
  Clock& clock = *source.context()->clock;
  auto provider = std::make_unique<auth::AssumeRoleProvider>(
      std::move(settings), std::make_unique<SharedCredentialsProvider>(source.credentials()),
      &assumer, prompter, cache, clock, notes);
  return std::make_shared<auth::RefreshingCredentials>(std::move(provider), clock,
                                                       std::move(notes));
}

}  // namespace vueops::client
