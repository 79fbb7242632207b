// The STS AssumeRole call, as the credential providers need it. The client module implements
// it (it signs and sends sts:AssumeRole); providers are written and tested against this
// interface.
#ifndef VUEOPS_AUTH_ROLE_ASSUMER_H_
#define VUEOPS_AUTH_ROLE_ASSUMER_H_

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/credentials.h"
#include "base/status.h"

namespace vueops::auth {

// The AssumeRole request parameters (STS API Reference, AssumeRole).
struct AssumeRoleParams {
  std::string role_arn;
  std::string role_session_name;
  std::string external_id;                                // empty: not sent
  std::optional<std::chrono::seconds> duration;           // DurationSeconds; unset: the STS default
  std::string mfa_serial;                                 // SerialNumber; empty: no MFA
  std::string mfa_token_code;                             // TokenCode: a secret, never logged
  std::string source_identity;                            // SourceIdentity; empty: not sent
  std::vector<std::string> policy_arns;                   // PolicyArns (managed session policies)
  std::string policy;                                     // Policy: an inline session policy (JSON)
  std::vector<std::pair<std::string, std::string>> tags;  // session tags
  std::vector<std::string> transitive_tag_keys;
};

class RoleAssumer {
 public:
  virtual ~RoleAssumer() = default;

  // Calls sts:AssumeRole signed with `source` and returns the role's temporary credentials
  // with their expiration set. Errors carry the STS error code and message (AccessDenied,
  // "MultiFactorAuthentication failed with invalid MFA one time pass code", ...) but never
  // params.mfa_token_code or any secret. Must be safe to call from several threads.
  virtual Result<Credentials> AssumeRole(const Credentials& source,
                                         const AssumeRoleParams& params) = 0;
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_ROLE_ASSUMER_H_
