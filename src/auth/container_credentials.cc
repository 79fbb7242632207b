#include "auth/container_credentials.h"

#include <chrono>

#include "auth/url.h"
#include "base/file.h"

namespace vueops::auth {
namespace {

// The ECS credentials host, and the hosts plain http may reach besides loopback: ECS, EKS
// Pod Identity over IPv4 and IPv6 (SDKs and Tools Reference Guide, container provider).
constexpr std::string_view kEcsEndpoint = "http://169.254.170.2";
constexpr std::string_view kAllowedHttpHosts[] = {"169.254.170.2", "169.254.170.23",
                                                  "[fd00:ec2::23]"};
// botocore's ContainerMetadataFetcher: 2 s timeout, 3 attempts, 1 s apart.
constexpr std::chrono::seconds kTimeout{2};
constexpr int kAttempts = 3;
constexpr std::chrono::seconds kRetryDelay{1};
constexpr uint64_t kMaxTokenFileBytes = 16 << 10;

Status CheckAllowedUrl(const std::string& full_uri) {
  ASSIGN_OR_RETURN(UrlParts url, ParseUrl(full_uri));
  if (url.scheme == "https") return Status::Ok();
  if (url.scheme != "http") {
    return InvalidArgumentError(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI must be an http or https "
        "URL, not '" +
        std::string(url.scheme) + "'");
  }
  if (IsLoopbackHost(url.host)) return Status::Ok();
  for (std::string_view allowed : kAllowedHttpHosts) {
    if (url.host == allowed) return Status::Ok();
  }
  return InvalidArgumentError(
      "AWS_CONTAINER_CREDENTIALS_FULL_URI points at " + std::string(url.host) +
      " over plain http; only loopback addresses and the ECS/EKS hosts 169.254.170.2, "
      "169.254.170.23 and fd00:ec2::23 may be used without https");
}

// The Authorization header value, from the token file or variable; nullopt when neither.
Result<std::optional<std::string>> AuthorizationToken(const Environment& environment) {
  std::optional<std::string> token;
  if (std::optional<std::string> path =
          environment.GetNonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
    Result<std::string> contents = ReadFile(*path, kMaxTokenFileBytes);
    if (!contents.ok()) {
      return contents.status().WithContext("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    }
    token = std::move(*contents);
    while (!token->empty() && (token->back() == '\n' || token->back() == '\r')) token->pop_back();
  } else {
    token = environment.GetNonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  }
  // A newline would let the value inject further headers.
  if (token && token->find_first_of("\r\n") != std::string::npos) {
    return InvalidArgumentError("the container authorization token contains a line break");
  }
  return token;
}

}  // namespace

Result<std::optional<Credentials>> ContainerCredentialsProvider::Provide() {
  std::string url;
  if (std::optional<std::string> relative =
          environment_.GetNonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
    url = std::string(kEcsEndpoint) + (relative->starts_with("/") ? "" : "/") + *relative;
  } else if (std::optional<std::string> full =
                 environment_.GetNonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
    RETURN_IF_ERROR(CheckAllowedUrl(*full));
    url = std::move(*full);
  } else {
    return std::optional<Credentials>();
  }
  ASSIGN_OR_RETURN(UrlParts parts, ParseUrl(url));
  // The path names the task's credentials; messages show only where they were asked for.
  const std::string where = "the container credentials endpoint " + std::string(parts.scheme) +
                            "://" + HostHeaderValue(parts);

  ASSIGN_OR_RETURN(std::optional<std::string> token, AuthorizationToken(environment_));
  http::Request request;
  request.method = "GET";
  request.url = url;
  request.headers.emplace_back("Accept", "application/json");
  if (token) request.headers.emplace_back("Authorization", std::move(*token));
  http::Options options;
  options.connect_timeout = kTimeout;
  options.read_timeout = kTimeout;
  options.total_timeout = kTimeout;

  Status last_error;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    if (attempt > 1) clock_.SleepFor(kRetryDelay);
    Result<http::Response> response = transport_.Send(request, options);
    if (!response.ok()) {
      last_error = response.status();
      continue;
    }
    if (response->status >= 500 || response->status == 429) {
      last_error = UnavailableError("HTTP " + std::to_string(response->status));
      continue;
    }
    if (response->status != 200) {
      return UnauthenticatedError(where + " answered HTTP " + std::to_string(response->status));
    }
    ASSIGN_OR_RETURN(Credentials credentials,
                     ParseCredentialsDocument(response->body, "Token", where,
                                              /*require_expiration=*/false));
    credentials.source = "the container credentials endpoint";
    credentials.role_session = true;  // a task or pod role
    RETURN_IF_ERROR(CheckNotExpired(credentials, clock_.Now()));
    return std::optional<Credentials>(std::move(credentials));
  }
  return UnavailableError(where + " failed " + std::to_string(kAttempts) +
                          " times; last: " + last_error.message());
}

}  // namespace vueops::auth
