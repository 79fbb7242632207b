// Credentials of an IAM role, assumed with source credentials from another provider (a
// profile's role_arn with source_profile or credential_source).
#ifndef VUEOPS_AUTH_ASSUME_ROLE_PROVIDER_H_
#define VUEOPS_AUTH_ASSUME_ROLE_PROVIDER_H_

#include <chrono>
#include <memory>
#include <string>

#include "auth/credentials_provider.h"
#include "auth/mfa_prompter.h"
#include "auth/role_assumer.h"
#include "auth/role_credentials_cache.h"

namespace vueops::auth {

// A role session assumed with another role's credentials ("role chaining") lasts at most
// one hour (IAM User Guide, "Roles terms and concepts": role chaining "limits your AWS CLI or
// AWS API role session to a maximum of one hour").
inline constexpr std::chrono::seconds kRoleChainingMaxDuration{3600};

struct AssumeRoleSettings {
  AssumeRoleParams params;  // the MFA code is asked for on each AssumeRole, not kept here
  std::string profile;      // the profile that configures the role, for prompts and messages
  // What the source credentials are ("profile base", "credential_source Ec2InstanceMetadata"):
  // part of the cache key and of messages.
  std::string source_description;
  // Known from the configuration: the source is itself a role (a chained profile, an instance
  // or container role), so the duration is clamped to kRoleChainingMaxDuration.
  bool source_is_role_session = false;
};

class AssumeRoleProvider : public CredentialsProvider {
 public:
  // `assumer` and `prompter` may be null: a profile that needs them then fails with a clear
  // error. `cache` may be null (no file cache). REQUIRES: what is given outlives the provider.
  AssumeRoleProvider(AssumeRoleSettings settings, std::unique_ptr<CredentialsProvider> source,
                     RoleAssumer* assumer, MfaPrompter* prompter, RoleCredentialsCache* cache,
                     Clock& clock, NoteSink notes = {})
      : settings_(std::move(settings)),
        source_(std::move(source)),
        assumer_(assumer),
        prompter_(prompter),
        cache_(cache),
        clock_(clock),
        notes_(std::move(notes)) {}

  // Cached credentials valid for more than the advisory refresh window when there are some;
  // otherwise resolves the source, asks for the MFA code when the role needs one, assumes
  // the role and caches the result. Never returns nullopt.
  Result<std::optional<Credentials>> Provide() override;
  std::string name() const override;

 private:
  // Clamps params.duration to the role-chaining limit, with a note.
  void ClampForRoleChaining(AssumeRoleParams& params) const;

  AssumeRoleSettings settings_;
  std::unique_ptr<CredentialsProvider> source_;
  RoleAssumer* assumer_;
  MfaPrompter* prompter_;
  RoleCredentialsCache* cache_;
  Clock& clock_;
  NoteSink notes_;
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_ASSUME_ROLE_PROVIDER_H_
