#include "auth/credentials_chain.h"

#include "auth/container_credentials.h"
#include "auth/environment_credentials.h"
#include "auth/instance_metadata_credentials.h"

namespace vueops::auth {

Result<std::optional<Credentials>> CredentialsChain::Provide() {
  if (chosen_ != nullptr) return chosen_->Provide();
  for (const std::unique_ptr<CredentialsProvider>& provider : providers_) {
    ASSIGN_OR_RETURN(std::optional<Credentials> credentials, provider->Provide());
    if (credentials) {
      chosen_ = provider.get();
      return credentials;
    }
  }
  return std::optional<Credentials>();
}

std::string CredentialsChain::name() const {
  std::string names;
  for (const std::unique_ptr<CredentialsProvider>& provider : providers_) {
    if (!names.empty()) names += "; ";
    names += provider->name();
  }
  return names;
}

Result<std::unique_ptr<CredentialsChain>> MakeDefaultCredentialsChain(
    const ProviderDependencies& dependencies) {
  const AwsConfig& config = *dependencies.config;
  if (config.profile_was_chosen()) RETURN_IF_ERROR(config.CheckProfileExists());
  std::vector<std::unique_ptr<CredentialsProvider>> providers;
  if (!config.profile_is_explicit()) {
    providers.push_back(std::make_unique<EnvironmentCredentialsProvider>(config.environment(),
                                                                         *dependencies.clock));
  }
  providers.push_back(std::make_unique<ProfileCredentialsProvider>(dependencies));
  providers.push_back(std::make_unique<ContainerCredentialsProvider>(
      config.environment(), *dependencies.transport, *dependencies.clock));
  providers.push_back(std::make_unique<InstanceMetadataCredentialsProvider>(
      config, *dependencies.transport, *dependencies.clock));
  return std::make_unique<CredentialsChain>(std::move(providers));
}

}  // namespace vueops::auth
