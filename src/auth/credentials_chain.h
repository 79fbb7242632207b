// The default credentials chain, in the standard AWS order (AWS SDKs and Tools Reference
// Guide, "Default credentials provider chain"; botocore's create_credential_resolver):
//   1. environment variables           (skipped when --profile names a profile, as the AWS
//                                        CLI does; AWS_PROFILE does not skip them)
//   2. the profile                      (config and credentials files: role_arn chains,
//                                        static keys, credential_process)
//   3. container credentials            (ECS task role, EKS Pod Identity)
//   4. EC2 instance metadata (IMDSv2)
#ifndef VUEOPS_AUTH_CREDENTIALS_CHAIN_H_
#define VUEOPS_AUTH_CREDENTIALS_CHAIN_H_

#include <memory>
#include <vector>

#include "auth/credentials_provider.h"
#include "auth/profile_credentials.h"

namespace vueops::auth {

class CredentialsChain : public CredentialsProvider {
 public:
  explicit CredentialsChain(std::vector<std::unique_ptr<CredentialsProvider>> providers)
      : providers_(std::move(providers)) {}

  // Asks each provider in order until one answers, and from then on only that one, so that
  // a refresh never switches identity. An error from a provider stops the chain. nullopt
  // when no provider is configured.
  Result<std::optional<Credentials>> Provide() override;
  // Every provider's name, in order.
  std::string name() const override;

  // The provider that answered, or nullptr before one has.
  const CredentialsProvider* chosen() const { return chosen_; }

 private:
  std::vector<std::unique_ptr<CredentialsProvider>> providers_;
  CredentialsProvider* chosen_ = nullptr;
};

// The default chain for `dependencies.config`'s profile. Fails at once when that profile
// was chosen (--profile, AWS_PROFILE) but is not defined, naming the closest one.
Result<std::unique_ptr<CredentialsChain>> MakeDefaultCredentialsChain(
    const ProviderDependencies& dependencies);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_CREDENTIALS_CHAIN_H_
