#include "client/default_client.h"

#include <utility>

#include "auth/credentials_chain.h"
#include "client/configured_settings.h"
#include "http/curl_transport.h"

namespace vueops::client {

DefaultClient::~DefaultClient() = default;

Result<std::unique_ptr<DefaultClient>> MakeDefaultClient(const DefaultClientOptions& options) {
  std::unique_ptr<DefaultClient> wiring(new DefaultClient());
  wiring->environment_ =
      options.environment != nullptr ? options.environment : &Environment::Process();
  const Environment& environment = *wiring->environment_;
  Clock* clock = options.clock != nullptr ? options.clock : &Clock::Real();

  ASSIGN_OR_RETURN(auth::AwsConfig config, auth::AwsConfig::Load(environment, options.profile));
  wiring->config_ = std::make_unique<auth::AwsConfig>(std::move(config));
  const auth::AwsConfig& aws_config = *wiring->config_;

  http::Transport* transport = options.transport;
  if (transport == nullptr) {
    wiring->own_transport_ = std::make_unique<http::CurlTransport>();
    transport = wiring->own_transport_.get();
  }

  ClientConfig client_config;
  client_config.endpoint_url = options.endpoint_url;
  if (!options.region.empty()) {
    client_config.region = options.region;
    wiring->region_source_ = "--region";
  } else if (std::optional<auth::AwsConfig::SourcedValue> region = aws_config.RegionWithSource()) {
    client_config.region = std::move(region->value);
    wiring->region_source_ = std::move(region->source);
  }
  ConfiguredRetrySettings configured_retry = ConfiguredRetrySettingsFor(aws_config);
  ASSIGN_OR_RETURN(client_config.retry, ResolveRetryConfig(configured_retry, environment));
  if (options.default_max_attempts > 0 && !configured_retry.max_attempts &&
      !environment.Get("AWS_MAX_ATTEMPTS")) {
    client_config.retry.max_attempts = options.default_max_attempts;
  }

  wiring->context_ = std::make_shared<ClientContext>(
      transport, clock, &RandomSource::Real(), &aws_config, &environment, client_config.retry.mode);
  // The assumer signs with each profile's source credentials, not the chain's result.
  wiring->role_assumer_ =
      std::make_unique<StsRoleAssumer>(AwsClient(wiring->context_, nullptr, client_config));
  if (options.prompt_for_mfa) wiring->mfa_prompter_ = std::make_unique<auth::TerminalMfaPrompter>();
  // Without a usable cache directory (no home) roles are still assumed, just not cached.
  if (Result<std::string> directory = auth::RoleCredentialsCache::DefaultDirectory(environment);
      directory.ok()) {
    wiring->role_cache_ =
        std::make_unique<auth::RoleCredentialsCache>(*directory, *clock, options.notes);
  }

  auth::ProviderDependencies dependencies;
  dependencies.config = &aws_config;
  dependencies.transport = transport;
  dependencies.clock = clock;
  dependencies.role_assumer = wiring->role_assumer_.get();
  dependencies.mfa_prompter = wiring->mfa_prompter_.get();
  dependencies.role_cache = wiring->role_cache_.get();
  dependencies.notes = options.notes;
  ASSIGN_OR_RETURN(std::unique_ptr<auth::CredentialsChain> chain,
                   auth::MakeDefaultCredentialsChain(dependencies));
  auto credentials =
      std::make_shared<auth::RefreshingCredentials>(std::move(chain), *clock, options.notes);
  wiring->client_.emplace(wiring->context_, std::move(credentials), std::move(client_config));
  return wiring;
}

}  // namespace vueops::client
