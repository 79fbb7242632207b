// Credentials from a profile of the shared config and credentials files, following the
// AWS CLI's rules (AWS CLI User Guide, "Use an IAM role in the AWS CLI" and "Sourcing
// credentials with an external process"). In a profile, in this order:
//   role_arn             assume the role, with credentials from exactly one of
//                          source_profile     another profile (resolved by these same rules;
//                                             a profile naming itself uses its own keys)
//                          credential_source  Environment | Ec2InstanceMetadata | EcsContainer
//                        and external_id, role_session_name, duration_seconds, mfa_serial
//   aws_access_key_id    static keys, with aws_secret_access_key and optional
//                        aws_session_token (or the older aws_security_token)
//   credential_process   a program printing the credentials
// A source_profile chain that comes back to a profile already in it is an error that
// prints the chain. IAM Identity Center (sso_session, sso_start_url) profiles are a clear
// "not supported" error.
#ifndef VUEOPS_AUTH_PROFILE_CREDENTIALS_H_
#define VUEOPS_AUTH_PROFILE_CREDENTIALS_H_

#include <memory>
#include <string>
#include <string_view>

#include "auth/aws_config.h"
#include "auth/credentials_provider.h"
#include "auth/mfa_prompter.h"
#include "auth/role_assumer.h"
#include "auth/role_credentials_cache.h"
#include "http/http.h"

namespace vueops::auth {

// What credential providers need from outside. Production wiring lives in cli/.
struct ProviderDependencies {
  const AwsConfig* config = nullptr;           // required
  http::Transport* transport = nullptr;        // required: container and instance metadata
  Clock* clock = nullptr;                      // required
  RoleAssumer* role_assumer = nullptr;         // null: role profiles fail, saying why
  MfaPrompter* mfa_prompter = nullptr;         // null: MFA profiles fail, saying why
  RoleCredentialsCache* role_cache = nullptr;  // null: assumed roles are not cached on disk
  NoteSink notes;
};

// The provider for profile `profile`, or nullptr when the profile exists but holds no
// credential settings (only a region, say). Fails when the profile does not exist, when its
// settings are inconsistent (a key id without its secret, role_arn without a source, both
// sources, an unknown credential_source, a bad duration_seconds), or on a source_profile
// cycle.
Result<std::unique_ptr<CredentialsProvider>> MakeProfileProvider(
    std::string_view profile, const ProviderDependencies& dependencies);

// The selected profile (AwsConfig::profile_name) as a chain member: nullopt when that
// profile does not exist or holds no credentials. The provider tree is built on first use
// and kept, so a refresh reuses it.
class ProfileCredentialsProvider : public CredentialsProvider {
 public:
  explicit ProfileCredentialsProvider(ProviderDependencies dependencies)
      : dependencies_(std::move(dependencies)) {}

  Result<std::optional<Credentials>> Provide() override;
  std::string name() const override;

 private:
  ProviderDependencies dependencies_;
  bool built_ = false;
  std::unique_ptr<CredentialsProvider> provider_;  // null: no credentials in the profile
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_PROFILE_CREDENTIALS_H_
