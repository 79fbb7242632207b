// auth::RoleAssumer through STS AssumeRole, and credentials of a role assumed with a client's
// own credentials (how the engine acts in each account).
#ifndef VUEOPS_CLIENT_STS_ROLE_ASSUMER_H_
#define VUEOPS_CLIENT_STS_ROLE_ASSUMER_H_

#include <memory>

#include "auth/mfa_prompter.h"
#include "auth/refreshing_credentials.h"
#include "auth/role_assumer.h"
#include "auth/role_credentials_cache.h"
#include "base/json.h"
#include "client/aws_client.h"

namespace vueops::client {

class StsRoleAssumer : public auth::RoleAssumer {
 public:
  // Calls go through `base`'s context (transport, retries, endpoint overrides) and region,
  // signed with the source credentials each call is given; `base`'s own credentials are not
  // used (it may have none). An empty region uses us-east-1, the region STS's global endpoint
  // signs for.
  explicit StsRoleAssumer(AwsClient base);

  // sts:AssumeRole signed with `source`. Errors carry STS's code and message and the role
  // ARN, never the MFA code or a secret. Thread-safe.
  Result<auth::Credentials> AssumeRole(const auth::Credentials& source,
                                       const auth::AssumeRoleParams& params) override;

  // The AssumeRole input members for `params` (STS API Reference, AssumeRole).
  static Json AssumeRoleInput(const auth::AssumeRoleParams& params);

 private:
  AwsClient base_;
};

// Credentials of the role `params.role_arn`, assumed with `source`'s current credentials
// through `assumer`, refreshed before they expire and cached on disk in `cache` (may be
// null). `prompter` (may be null) is asked for a code when params.mfa_serial is set. The
// source's identity (Credentials::source) is part of the cache key, so two identities never
// share a cached session. Fails when the source has no credentials now.
// REQUIRES: `assumer`, `cache`, `prompter` and `clock` outlive the result.
Result<std::shared_ptr<auth::RefreshingCredentials>> AssumedRoleCredentials(
    const AwsClient& source, auth::AssumeRoleParams params, auth::RoleAssumer& assumer,
    auth::RoleCredentialsCache* cache, auth::MfaPrompter* prompter, auth::NoteSink notes = {});

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_STS_ROLE_ASSUMER_H_
