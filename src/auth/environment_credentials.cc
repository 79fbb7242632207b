#include "auth/environment_credentials.h"

#include "auth/aws_time.h"

namespace vueops::auth {

Result<std::optional<Credentials>> EnvironmentCredentialsProvider::Provide() {
  std::optional<std::string> key_id = environment_.GetNonEmpty("AWS_ACCESS_KEY_ID");
  std::optional<std::string> secret = environment_.GetNonEmpty("AWS_SECRET_ACCESS_KEY");
  if (!key_id && !secret) return std::optional<Credentials>();
  if (!key_id || !secret) {
    return UnauthenticatedError(
        std::string(key_id ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") + " is set but " +
        (key_id ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") +
        " is not; set both, or neither to use a profile");
  }
  Credentials credentials;
  credentials.access_key_id = std::move(*key_id);
  credentials.secret_access_key = std::move(*secret);
  credentials.session_token =
      environment_.GetNonEmpty("AWS_SESSION_TOKEN")
          .value_or(environment_.GetNonEmpty("AWS_SECURITY_TOKEN").value_or(""));
  credentials.source = "environment variables";
  if (std::optional<std::string> expiration =
          environment_.GetNonEmpty("AWS_CREDENTIAL_EXPIRATION")) {
    Result<Clock::TimePoint> time = ParseIso8601(*expiration);
    if (!time.ok()) return time.status().WithContext("AWS_CREDENTIAL_EXPIRATION");
    credentials.expiration = *time;
  }
  RETURN_IF_ERROR(CheckNotExpired(credentials, clock_.Now()));
  return std::optional<Credentials>(std::move(credentials));
}

}  // namespace vueops::auth
