// The AWS client: Call(service, operation, input) for any operation of any embedded model, with
// validation, endpoint resolution, SigV4, retries, rate limiting, paging and waiters.
//
// One ClientContext is shared by every client made from one root (the engine's clients for
// each account and region): the transport and its pooled connections, the clock, randomness,
// the rate limiters and retry quotas, the loaded AWS config and the environment. An AwsClient
// is a cheap value — the context, the credentials and a ClientConfig — so acting in another
// account or region is a copy: WithCredentials, InRegion. Every method is safe to call from
// many threads at once.
//
// The request pipeline (botocore's client and endpoint): model::ValidateInput, input
// customizations (customizations.h), protocol::SerializeRequest, the endpoint (endpoints.h)
// and S3 addressing, checksums (checksums.h), then per attempt: sign (auth::Signer), send
// (http::Transport), parse (protocol::ParseResponse), classify (retry.h); then output
// customizations. A service's error answer becomes a failed Result.
#ifndef VUEOPS_CLIENT_AWS_CLIENT_H_
#define VUEOPS_CLIENT_AWS_CLIENT_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "auth/aws_config.h"
#include "auth/refreshing_credentials.h"
#include "auth/sigv4.h"
#include "base/clock.h"
#include "base/environment.h"
#include "base/json.h"
#include "base/status.h"
#include "client/endpoints.h"
#include "client/random_source.h"
#include "client/rate_limiter.h"
#include "client/retry.h"
#include "http/http.h"
#include "model/service_model.h"
#include "model/waiter.h"
#include "protocol/parser.h"
#include "protocol/service_error.h"

namespace vueops::client {

// What every client made from one root shares. The pointers are not owned and must outlive
// the context (MakeDefaultClient's DefaultClient owns them in production).
struct ClientContext {
  // `config` may be null (no shared config file: tests, --endpoint-url only); `environment`
  // is read for AWS_ENDPOINT_URL* (retry settings are resolved before, into ClientConfig).
  // `retry_mode` decides whether the rate limiters adapt to throttling (adaptive mode).
  ClientContext(http::Transport* transport, Clock* clock, RandomSource* random,
                const auth::AwsConfig* config, const Environment* environment,
                RetryMode retry_mode = RetryMode::kStandard);

  ClientContext(const ClientContext&) = delete;
  ClientContext& operator=(const ClientContext&) = delete;

  http::Transport* const transport;
  Clock* const clock;
  RandomSource* const random;
  const auth::AwsConfig* const config;
  const Environment* const environment;

  // Caps the requests to `service` (its endpoint prefix: "route53") per credentials and
  // region, e.g. kRoute53RequestsPerSecond. Applies to limiters created afterwards: call it
  // before the first call to that service.
  void SetFixedRate(std::string service, double requests_per_second);

  // Internal shared state (used by AwsClient; exposed for tests and benchmarks).
  auth::Signer signer;
  RateLimiterRegistry limiters;
  // The retry quota of one (service, region, credentials) stream of calls.
  RetryQuota& QuotaFor(std::string_view service, std::string_view region,
                       std::string_view identity);
  // ResolveEndpoint with the config file's settings, memoized per (service, region,
  // endpoint_url): the environment and config are read once per stream of calls.
  Result<Endpoint> EndpointFor(const model::ServiceModel& service, std::string_view region,
                               std::string_view endpoint_url);

 private:
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<RetryQuota>, std::less<>> quotas_;
  std::map<std::string, Endpoint, std::less<>> endpoints_;
};

struct ClientConfig {
  std::string region;        // default region (AwsConfig::Region, then --region overrides)
  std::string endpoint_url;  // --endpoint-url: for every service; empty: resolved per service
  http::Options http;
  RetryConfig retry;  // from ResolveRetryConfig
};

struct CallOptions {
  std::string region;  // empty: the client's
  protocol::ParseOptions parse;
};

// What happened during one call, for callers that branch on an error code and for logs.
struct CallInfo {
  int attempts = 0;
  int http_status = 0;  // of the last response; 0 when none arrived
  std::string request_id;
  std::optional<protocol::ServiceError> error;  // the service's error answer, if any
  Clock::Duration elapsed{0};                   // on the context's monotonic clock
  std::string url;                              // of the last attempt (no secrets: signing is
                                                // in headers)
};

class AwsClient {
 public:
  // `credentials` may be null for a client that only serves WithCredentials copies; its own
  // calls then fail with kUnauthenticated.
  AwsClient(std::shared_ptr<ClientContext> context,
            std::shared_ptr<auth::RefreshingCredentials> credentials, ClientConfig config);

  // The same endpoints, transport, limiters and quotas, acting with other credentials (a
  // role in another account).
  AwsClient WithCredentials(std::shared_ptr<auth::RefreshingCredentials> credentials) const;
  AwsClient InRegion(std::string region) const;

  // Validates `input` against the model (every problem named before anything is sent),
  // resolves the endpoint, serializes, signs, sends with retries and rate limiting, parses.
  // An AWS error answer is a failed Result whose Status comes from ServiceError::ToStatus()
  // (message "<service> <Operation>: <code>: <message> (HTTP n, request id r)"), and
  // *info->error holds the ServiceError for callers that branch on the code ("NoSuchBucket").
  // `service` is the botocore name ("ec2"); `operation` the API ("DescribeVpcs") or CLI
  // ("describe-vpcs") name.
  Result<Json> Call(std::string_view service, std::string_view operation, const Json& input,
                    CallInfo* info = nullptr, const CallOptions& options = {});
  // Every page through the operation's paginator, merged as the AWS CLI's --paginate does
  // (result keys concatenated). An operation without a paginator is called once.
  Result<Json> CallAllPages(std::string_view service, std::string_view operation, const Json& input,
                            const CallOptions& options = {});
  // Each page in turn; a non-OK status from `visit` stops the walk and is returned.
  Status ForEachPage(std::string_view service, std::string_view operation, const Json& input,
                     const std::function<Status(const Json& page)>& visit,
                     const CallOptions& options = {});
  // A waiter from waiters-2.json ("InstanceRunning" or "instance-running"), sleeping on the
  // context's clock. See model::Wait for the failure codes.
  Status Wait(std::string_view service, std::string_view waiter, const Json& input,
              const model::WaitOptions& options = {});

  // The current (refreshed) credentials.
  Result<auth::Credentials> Credentials() const;
  const ClientConfig& config() const { return config_; }
  const std::shared_ptr<ClientContext>& context() const { return context_; }
  const std::shared_ptr<auth::RefreshingCredentials>& credentials() const { return credentials_; }

  // The endpoint a call to `service` would use (for `vueops whoami` and messages).
  Result<Endpoint> ResolveEndpointFor(std::string_view service, std::string_view region = {}) const;

 private:
  // `follow_region_redirect`: an S3 answer naming the bucket's region is followed once.
  Result<Json> CallOperation(const model::Operation& operation, const Json& input, CallInfo* info,
                             const CallOptions& options, bool follow_region_redirect = true);

  std::shared_ptr<ClientContext> context_;
  std::shared_ptr<auth::RefreshingCredentials> credentials_;
  ClientConfig config_;
};

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_AWS_CLIENT_H_
