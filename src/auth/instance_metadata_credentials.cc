#include "auth/instance_metadata_credentials.h"

#include <strings.h>

#include <charconv>

#include "base/json.h"

namespace vueops::auth {
namespace {

constexpr std::string_view kIpv4Endpoint = "http://169.254.169.254";
constexpr std::string_view kIpv6Endpoint = "http://[fd00:ec2::254]";
constexpr std::string_view kTokenPath = "/latest/api/token";
constexpr std::string_view kCredentialsPath = "/latest/meta-data/iam/security-credentials/";
constexpr std::string_view kTokenTtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";
constexpr std::string_view kTokenHeader = "X-aws-ec2-metadata-token";
// Six hours, the maximum IMDS grants and what the AWS SDKs ask for.
constexpr std::string_view kTokenTtlSeconds = "21600";
// botocore's defaults: one attempt with a one-second timeout, so a laptop is not held up.
constexpr int kDefaultTimeoutSeconds = 1;
constexpr int kDefaultAttempts = 1;

Result<int> PositiveInteger(const std::optional<std::string>& text, int fallback,
                            std::string_view setting) {
  if (!text) return fallback;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 1) {
    return InvalidArgumentError(std::string(setting) + " must be a positive integer, not '" +
                                *text + "'");
  }
  return value;
}

}  // namespace

std::string InstanceMetadataCredentialsProvider::name() const {
  return "EC2 instance metadata (IMDSv2)";
}

Result<InstanceMetadataCredentialsProvider::Settings>
InstanceMetadataCredentialsProvider::ReadSettings() const {
  Settings settings;
  if (std::optional<std::string> endpoint =
          config_.Get("ec2_metadata_service_endpoint", "AWS_EC2_METADATA_SERVICE_ENDPOINT")) {
    settings.endpoint = std::move(*endpoint);
    while (settings.endpoint.ends_with("/")) settings.endpoint.pop_back();
  } else {
    std::string mode =
        config_.Get("ec2_metadata_service_endpoint_mode", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")
            .value_or("IPv4");
    if (::strcasecmp(mode.c_str(), "IPv4") == 0) {
      settings.endpoint = kIpv4Endpoint;
    } else if (::strcasecmp(mode.c_str(), "IPv6") == 0) {
      settings.endpoint = kIpv6Endpoint;
    } else {
      return InvalidArgumentError("the EC2 metadata endpoint mode must be IPv4 or IPv6, not '" +
                                  mode + "'");
    }
  }
  ASSIGN_OR_RETURN(
      int seconds,
      PositiveInteger(config_.Get("metadata_service_timeout", "AWS_METADATA_SERVICE_TIMEOUT"),
                      kDefaultTimeoutSeconds, "the metadata service timeout"));
  ASSIGN_OR_RETURN(settings.attempts,
                   PositiveInteger(config_.Get("metadata_service_num_attempts",
                                               "AWS_METADATA_SERVICE_NUM_ATTEMPTS"),
                                   kDefaultAttempts, "the metadata service attempt count"));
  settings.timeout = std::chrono::seconds(seconds);
  return settings;
}

Result<http::Response> InstanceMetadataCredentialsProvider::Send(const Settings& settings,
                                                                 http::Request request) const {
  http::Options options;
  options.connect_timeout = settings.timeout;
  options.read_timeout = settings.timeout;
  options.total_timeout = settings.timeout;
  Status last_error;
  for (int attempt = 0; attempt < settings.attempts; ++attempt) {
    Result<http::Response> response = transport_.Send(request, options);
    if (response.ok() && response->status < 500) return response;
    last_error = response.ok() ? UnavailableError("HTTP " + std::to_string(response->status))
                               : response.status();
  }
  return last_error;
}

Result<std::optional<Credentials>> InstanceMetadataCredentialsProvider::Provide() {
  if (ParseBoolean(config_.environment().GetNonEmpty("AWS_EC2_METADATA_DISABLED").value_or(""))
          .value_or(false)) {
    if (required_) {
      return FailedPreconditionError(
          "the profile asks for EC2 instance metadata credentials "
          "but AWS_EC2_METADATA_DISABLED is true");
    }
    return std::optional<Credentials>();
  }
  ASSIGN_OR_RETURN(Settings settings, ReadSettings());
  const std::string where = "EC2 instance metadata at " + settings.endpoint;
  auto absent = [&](const std::string& why) -> Result<std::optional<Credentials>> {
    if (required_) return UnauthenticatedError(where + ": " + why);
    return std::optional<Credentials>();
  };

  http::Request token_request;
  token_request.method = "PUT";
  token_request.url = settings.endpoint + std::string(kTokenPath);
  token_request.headers.emplace_back(kTokenTtlHeader, kTokenTtlSeconds);
  Result<http::Response> token = Send(settings, token_request);
  if (!token.ok()) return absent("no answer (" + token.status().message() + ")");
  if (token->status != 200 || token->body.empty()) {
    // 403: IMDS is turned off for this instance; 404/405: not an IMDSv2 endpoint.
    return absent("the IMDSv2 token request was answered HTTP " + std::to_string(token->status));
  }

  http::Request role_request;
  role_request.method = "GET";
  role_request.url = settings.endpoint + std::string(kCredentialsPath);
  role_request.headers.emplace_back(kTokenHeader, token->body);
  Result<http::Response> role = Send(settings, role_request);
  if (!role.ok()) return role.status().WithContext(where);
  if (role->status == 404) return absent("the instance has no IAM role (instance profile)");
  if (role->status != 200) {
    return UnauthenticatedError(where + " answered HTTP " + std::to_string(role->status) +
                                " when asked for the instance's role");
  }
  std::string role_name = role->body.substr(0, role->body.find('\n'));
  while (!role_name.empty() && (role_name.back() == '\r' || role_name.back() == ' ')) {
    role_name.pop_back();
  }
  if (role_name.empty()) return absent("the instance has no IAM role (instance profile)");

  http::Request credentials_request = role_request;
  credentials_request.url += role_name;
  Result<http::Response> document = Send(settings, credentials_request);
  if (!document.ok()) return document.status().WithContext(where);
  if (document->status != 200) {
    return UnauthenticatedError(where + " answered HTTP " + std::to_string(document->status) +
                                " for the credentials of role " + role_name);
  }
  Json parsed = Json::parse(document->body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object()) {
    auto code = parsed.find("Code");
    if (code != parsed.end() && code->is_string() && *code != "Success") {
      return UnauthenticatedError(where + " reports " + code->get<std::string>() +
                                  " for the credentials of role " + role_name);
    }
  }
  ASSIGN_OR_RETURN(Credentials credentials, ParseCredentialsDocument(document->body, "Token", where,
                                                                     /*require_expiration=*/true));
  credentials.source = "EC2 instance metadata (role " + role_name + ")";
  credentials.role_session = true;
  RETURN_IF_ERROR(CheckNotExpired(credentials, clock_.Now()));
  return std::optional<Credentials>(std::move(credentials));
}

}  // namespace vueops::auth
