#include "client/aws_client.h"

#include <utility>

#include "client/checksums.h"
#include "client/configured_settings.h"
#include "client/customizations.h"
#include "model/model_registry.h"
#include "model/paginator.h"
#include "model/validator.h"
#include "protocol/serializer.h"

namespace vueops::client {
namespace {

// Sent on every request, as the SDKs send theirs, so service logs can tell vueops apart.
constexpr std::string_view kUserAgent = "vueops/0.1";

ServiceEndpointInfo EndpointInfo(const model::ServiceModel& service) {
  const model::ServiceMetadata& metadata = service.metadata();
  return ServiceEndpointInfo{metadata.service_id, metadata.endpoint_prefix, metadata.signing_name};
}

// S3's own signing variant (no path normalization, x-amz-content-sha256 on every request):
// the s3 model, and any model whose signatureVersion is "s3" or "s3v4".
auth::SigningOptions SigningOptionsFor(const model::Operation& operation) {
  const model::ServiceModel& service = *operation.service;
  const std::string& version = service.metadata().signature_version;
  auth::SigningOptions options = service.name() == "s3" || version == "s3" || version == "s3v4"
                                     ? auth::SigningOptions::S3()
                                     : auth::SigningOptions::Standard();
  if (operation.auth_type == "v4-unsigned-body" || operation.unsigned_payload) {
    options.unsigned_payload = true;
  }
  return options;
}

// The URL of a serialized request. For S3 the bucket moves from the path into the host
// (virtual-hosted style) when S3BucketUrl says it can: AWS's own endpoint and a bucket that
// is a DNS label. Custom endpoints (moto) and dotted names stay path-style.
Result<std::string> RequestUrl(const model::Operation& operation, const Json& input,
                               const protocol::Request& request, const Endpoint& endpoint) {
  if (operation.service->name() != "s3" || !input.is_object()) return request.Url(endpoint.url);
  auto bucket_member = input.find("Bucket");
  if (bucket_member == input.end() || !bucket_member->is_string()) {
    return request.Url(endpoint.url);
  }
  const std::string& bucket = bucket_member->get_ref<const std::string&>();
  std::string_view path = request.path;
  // The rest-xml serializer wrote "/{Bucket}/{Key+}"; only a bucket found there is moved.
  if (!IsVirtualHostableBucket(bucket) || !path.starts_with("/" + bucket) ||
      (path.size() > bucket.size() + 1 && path[bucket.size() + 1] != '/')) {
    return request.Url(endpoint.url);
  }
  ASSIGN_OR_RETURN(std::string bucket_url, S3BucketUrl(endpoint, bucket));
  if (bucket_url == endpoint.url + "/" + bucket) return request.Url(endpoint.url);
  std::string_view rest = path.substr(bucket.size() + 1);
  std::string url = bucket_url;
  url += rest.empty() ? "/" : rest;
  std::string query = request.QueryString();
  if (!query.empty()) url += "?" + query;
  return url;
}

// What the quota and limiter key a stream of calls by: the credentials' source names the
// identity (and stays the same across refreshes of a role's session).
std::string IdentityOf(const auth::Credentials& credentials) {
  return credentials.source.empty() ? credentials.access_key_id : credentials.source;
}

std::string CallContext(const model::Operation& operation) {
  return operation.service->name() + " " + operation.name;
}

}  // namespace

ClientContext::ClientContext(http::Transport* transport_in, Clock* clock_in,
                             RandomSource* random_in, const auth::AwsConfig* config_in,
                             const Environment* environment_in, RetryMode retry_mode)
    : transport(transport_in),
      clock(clock_in),
      random(random_in),
      config(config_in),
      environment(environment_in != nullptr ? environment_in : &Environment::Process()),
      signer(*clock_in),
      limiters(*clock_in, retry_mode == RetryMode::kAdaptive) {}

void ClientContext::SetFixedRate(std::string service, double requests_per_second) {
  limiters.SetFixedRate(std::move(service), requests_per_second);
}

RetryQuota& ClientContext::QuotaFor(std::string_view service, std::string_view region,
                                    std::string_view identity) {
  std::string key;
  key.reserve(service.size() + region.size() + identity.size() + 2);
  key.append(service).append(1, '\n').append(region).append(1, '\n').append(identity);
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = quotas_.find(key);
  if (found != quotas_.end()) return *found->second;
  return *quotas_.emplace(std::move(key), std::make_unique<RetryQuota>()).first->second;
}

Result<Endpoint> ClientContext::EndpointFor(const model::ServiceModel& service,
                                            std::string_view region,
                                            std::string_view endpoint_url) {
  std::string key;
  key.reserve(service.name().size() + region.size() + endpoint_url.size() + 2);
  key.append(service.name()).append(1, '\n').append(region).append(1, '\n').append(endpoint_url);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = endpoints_.find(key);
    if (found != endpoints_.end()) return found->second;
  }
  ServiceEndpointInfo info = EndpointInfo(service);
  EndpointOverrides overrides;
  overrides.endpoint_url = std::string(endpoint_url);
  if (config != nullptr) {
    ASSIGN_OR_RETURN(overrides.config, ConfiguredEndpointsFor(*config, info.service_id));
  }
  ASSIGN_OR_RETURN(Endpoint endpoint, ResolveEndpoint(info, region, overrides, *environment));
  std::lock_guard<std::mutex> lock(mutex_);
  endpoints_.emplace(std::move(key), endpoint);
  return endpoint;
}

AwsClient::AwsClient(std::shared_ptr<ClientContext> context,
                     std::shared_ptr<auth::RefreshingCredentials> credentials, ClientConfig config)
    : context_(std::move(context)),
      credentials_(std::move(credentials)),
      config_(std::move(config)) {}

AwsClient AwsClient::WithCredentials(
    std::shared_ptr<auth::RefreshingCredentials> credentials) const {
  return AwsClient(context_, std::move(credentials), config_);
}

AwsClient AwsClient::InRegion(std::string region) const {
  ClientConfig config = config_;
  config.region = std::move(region);
  return AwsClient(context_, credentials_, std::move(config));
}

Result<auth::Credentials> AwsClient::Credentials() const {
  if (credentials_ == nullptr) {
    return UnauthenticatedError("this client has no credentials of its own");
  }
  return credentials_->Get();
}

Result<Endpoint> AwsClient::ResolveEndpointFor(std::string_view service,
                                               std::string_view region) const {
  ASSIGN_OR_RETURN(const model::ServiceModel* model, model::LoadServiceModel(service));
  return context_->EndpointFor(*model, region.empty() ? config_.region : region,
                               config_.endpoint_url);
}

Result<Json> AwsClient::Call(std::string_view service, std::string_view operation,
                             const Json& input, CallInfo* info, const CallOptions& options) {
  ASSIGN_OR_RETURN(const model::ServiceModel* model, model::LoadServiceModel(service));
  ASSIGN_OR_RETURN(const model::Operation* found, model->GetOperation(operation));
  return CallOperation(*found, input, info, options);
}

Result<Json> AwsClient::CallOperation(const model::Operation& operation, const Json& raw_input,
                                      CallInfo* info, const CallOptions& options,
                                      bool follow_region_redirect) {
  CallInfo local_info;
  CallInfo& call_info = info != nullptr ? *info : local_info;
  call_info = CallInfo();
  const std::string context = CallContext(operation);
  const Clock::Duration started = context_->clock->Monotonic();
  auto finish = [&](Status status) -> Status {
    call_info.elapsed = context_->clock->Monotonic() - started;
    return status;
  };
  if (operation.has_event_stream_output()) {
    return finish(UnimplementedError(context + ": event-stream outputs are not supported"));
  }
  // authtype "none" (STS AssumeRoleWithWebIdentity, AssumeRoleWithSAML): sent unsigned, as
  // the caller may have no AWS credentials at all.
  const bool sign = operation.auth_type != "none";
  if (sign && credentials_ == nullptr) {
    return finish(UnauthenticatedError(context + ": this client has no credentials of its own"));
  }

  const Json input = CustomizeInput(operation, raw_input.is_null() ? Json::object() : raw_input);
  RETURN_IF_ERROR(finish(model::ValidateInput(operation, input).WithContext(context)));

  const std::string& region = options.region.empty() ? config_.region : options.region;
  Result<Endpoint> endpoint =
      context_->EndpointFor(*operation.service, region, config_.endpoint_url);
  if (!endpoint.ok()) return finish(endpoint.status().WithContext(context));

  Result<protocol::Request> serialized = protocol::SerializeRequest(operation, input);
  if (!serialized.ok()) return finish(serialized.status().WithContext(context));
  AddRequiredChecksum(operation, *serialized);
  Result<std::string> url = RequestUrl(operation, input, *serialized, *endpoint);
  if (!url.ok()) return finish(url.status().WithContext(context));

  http::Request unsigned_request;
  unsigned_request.method = std::move(serialized->method);
  unsigned_request.url = std::move(*url);
  unsigned_request.headers = std::move(serialized->headers);
  unsigned_request.headers.emplace_back("User-Agent", std::string(kUserAgent));
  unsigned_request.body = std::move(serialized->body);
  call_info.url = unsigned_request.url;

  // The first credentials name the stream of calls for its quota and rate limiter.
  auth::Credentials last_credentials;
  if (sign) {
    Result<auth::Credentials> first_credentials = credentials_->Get();
    if (!first_credentials.ok()) return finish(first_credentials.status().WithContext(context));
    last_credentials = std::move(*first_credentials);
  }
  const std::string identity = IdentityOf(last_credentials);
  const std::string& limiter_service = operation.service->metadata().endpoint_prefix;
  Retrier retrier(config_.retry, endpoint->signing_name,
                  &context_->QuotaFor(limiter_service, endpoint->signing_region, identity),
                  context_->clock, context_->random,
                  &context_->limiters.For(limiter_service, identity, endpoint->signing_region));
  const auth::SigningOptions signing = SigningOptionsFor(operation);

  std::string redirect_region;  // S3: the bucket's own region, when the answer names another
  Status final_error;           // a failure that ends the call without a usable response
  std::optional<protocol::ParsedResponse> parsed;
  RetryReport report = retrier.Run([&](int attempt) -> AttemptOutcome {
    AttemptOutcome outcome;
    parsed.reset();
    redirect_region.clear();
    final_error = Status::Ok();
    if (sign && attempt > 1) {
      // A long backoff may cross a refresh window: sign each retry with current credentials.
      Result<auth::Credentials> refreshed = credentials_->Get();
      if (!refreshed.ok()) {
        final_error = refreshed.status();
        outcome.transport_error = final_error;
        return outcome;
      }
      last_credentials = std::move(*refreshed);
    }
    http::Request request = unsigned_request;
    Status signed_status =
        sign ? context_->signer.Sign(request, last_credentials, endpoint->signing_region,
                                     endpoint->signing_name, signing)
             : Status::Ok();
    if (!signed_status.ok()) {
      final_error = signed_status;
      outcome.transport_error = final_error;
      return outcome;
    }
    Result<http::Response> response = context_->transport->Send(request, config_.http);
    if (!response.ok()) {
      final_error = response.status();
      outcome.transport_error = final_error;
      return outcome;
    }
    CustomizeResponse(operation, *response);
    redirect_region = S3RedirectRegion(operation, *response, endpoint->signing_region);
    outcome.http_status = response->status;
    if (operation.service->name() == "dynamodb" && response->status < 300 &&
        !ResponseCrc32Matches(*response)) {
      outcome.checksum_mismatch = true;
      final_error = DataLossError("the response's x-amz-crc32 does not match its body");
      return outcome;
    }
    Result<protocol::ParsedResponse> result =
        protocol::ParseResponse(operation, *response, options.parse);
    if (!result.ok()) {
      // A success whose body cannot be read (a proxy's page, a truncated reply): final.
      final_error = result.status();
      return outcome;
    }
    if (result->error) outcome.error_code = result->error->code;
    parsed = std::move(*result);
    return outcome;
  });

  call_info.attempts = report.attempts;
  auto failure = [&](const Status& status) {
    std::string message = context + ": " + status.message();
    if (report.attempts > 1) message += " (after " + std::to_string(report.attempts) + " attempts)";
    return finish(Status(status.code(), auth::RedactSecrets(message, last_credentials)));
  };
  if (!final_error.ok()) return failure(final_error);
  if (!parsed) return failure(InternalError("no response was recorded"));
  call_info.request_id = parsed->request_id;
  call_info.http_status = parsed->http_status;
  if (parsed->error && !redirect_region.empty() && follow_region_redirect) {
    // The bucket lives elsewhere: ask there, signed for its region (one hop, never a loop).
    CallOptions redirected = options;
    redirected.region = redirect_region;
    return CallOperation(operation, raw_input, info, redirected,
                         /*follow_region_redirect=*/false);
  }
  if (parsed->error) {
    call_info.error = parsed->error;
    Status status = parsed->error->ToStatus();
    return finish(Status(status.code(),
                         auth::RedactSecrets(context + ": " + status.message(), last_credentials)));
  }
  CustomizeOutput(operation, parsed->output);
  call_info.elapsed = context_->clock->Monotonic() - started;
  return std::move(parsed->output);
}

Status AwsClient::ForEachPage(std::string_view service, std::string_view operation,
                              const Json& input,
                              const std::function<Status(const Json& page)>& visit,
                              const CallOptions& options) {
  ASSIGN_OR_RETURN(const model::ServiceModel* model, model::LoadServiceModel(service));
  ASSIGN_OR_RETURN(const model::Operation* found, model->GetOperation(operation));
  const model::PaginatorConfig* config = model->FindPaginator(found->name);
  if (config == nullptr) {
    ASSIGN_OR_RETURN(Json page, CallOperation(*found, input, nullptr, options));
    return visit(page);
  }
  model::Paginator paginator(*config, found);
  return paginator.ForEachPage(
      input.is_null() ? Json::object() : input,
      [&](const Json& page_input) { return CallOperation(*found, page_input, nullptr, options); },
      [&](Json& page) { return visit(page); });
}

Result<Json> AwsClient::CallAllPages(std::string_view service, std::string_view operation,
                                     const Json& input, const CallOptions& options) {
  ASSIGN_OR_RETURN(const model::ServiceModel* model, model::LoadServiceModel(service));
  ASSIGN_OR_RETURN(const model::Operation* found, model->GetOperation(operation));
  const model::PaginatorConfig* config = model->FindPaginator(found->name);
  if (config == nullptr) return CallOperation(*found, input, nullptr, options);
  model::Paginator paginator(*config, found);
  return paginator.FullResult(
      input.is_null() ? Json::object() : input,
      [&](const Json& page_input) { return CallOperation(*found, page_input, nullptr, options); });
}

Status AwsClient::Wait(std::string_view service, std::string_view waiter, const Json& input,
                       const model::WaitOptions& options) {
  ASSIGN_OR_RETURN(const model::ServiceModel* model, model::LoadServiceModel(service));
  ASSIGN_OR_RETURN(const model::WaiterConfig* config, model->GetWaiter(waiter));
  ASSIGN_OR_RETURN(const model::Operation* operation, model->GetOperation(config->operation));
  model::WaiterCall call = [&](const Json& attempt_input) -> Result<model::WaiterAttempt> {
    CallInfo info;
    Result<Json> output = CallOperation(*operation, attempt_input, &info, {});
    model::WaiterAttempt attempt;
    if (output.ok()) {
      attempt.http_status = info.http_status;
      attempt.output = std::move(output).value();
      return attempt;
    }
    // A service error is the waiter's to judge (an acceptor may expect "NotFound"); anything
    // else (no response, bad input, no credentials) ends the wait.
    if (!info.error) return output.status();
    attempt.http_status = info.error->http_status;
    attempt.error_code = info.error->code;
    attempt.error_message = info.error->message;
    return attempt;
  };
  return model::Wait(*config, input.is_null() ? Json::object() : input, call, *context_->clock,
                     options)
      .WithContext(model->name() + " wait " + config->name);
}

}  // namespace vueops::client
