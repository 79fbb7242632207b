// The request an evaluation decides: who asks (the principal), for what (action and resource),
// and the condition keys AWS would put in the request context (IAM User Guide, "Policy
// evaluation logic": "Processing the request context").
#ifndef VUEOPS_IAM_REQUEST_CONTEXT_H_
#define VUEOPS_IAM_REQUEST_CONTEXT_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vueops::iam {

enum class PrincipalKind {
  kUser,              // an IAM user
  kRoleSession,       // an assumed-role session (arn:aws:sts::acct:assumed-role/role/session)
  kRoot,              // an account's root user
  kFederatedUser,     // a GetFederationToken session (arn:aws:sts::acct:federated-user/name)
  kService,           // an AWS service acting for itself (cloudfront.amazonaws.com)
  kIdentityProvider,  // a web-identity or SAML caller of AssumeRoleWith*; arn is the provider
  kAnonymous,         // an unauthenticated caller
};

std::string_view PrincipalKindName(PrincipalKind kind);

struct Principal {
  PrincipalKind kind = PrincipalKind::kUser;
  // The calling identity: the user, session, root or federated-user ARN; for kService the
  // service principal name; for kIdentityProvider the provider ("cognito-identity.amazonaws.com"
  // or a saml-provider ARN); empty for kAnonymous.
  std::string arn;
  // The 12-digit account the principal belongs to; empty for services, providers, anonymous.
  std::string account;
  // kRoleSession only: the role's ARN with its path; aws:PrincipalArn of the session.
  std::string role_arn;
  // A service-linked role's session: service control policies do not apply to it.
  bool service_linked_role = false;

  // Whether the principal is an identity of some account, whose own policies must allow.
  bool HasAccount() const { return !account.empty(); }
  bool IsSession() const {
    return kind == PrincipalKind::kRoleSession || kind == PrincipalKind::kFederatedUser;
  }
};

// Principals built from their ARNs; the account comes from the ARN.
Principal UserPrincipal(std::string_view user_arn);
// The session "arn:aws:sts::<acct>:assumed-role/<role name>/<session>" of `role_arn` (whose
// path, if any, the session ARN leaves out, as STS does).
Principal RoleSessionPrincipal(std::string_view role_arn, std::string_view session_name);
Principal RootPrincipal(std::string_view account);
Principal FederatedUserPrincipal(std::string_view federated_user_arn);
Principal ServicePrincipal(std::string_view service_name);
Principal IdentityProviderPrincipal(std::string_view provider);

// One condition key's value in the request: single-valued keys hold one value; multivalued
// keys (aws:TagKeys, aws:PrincipalServiceNamesList) any number, none included.
struct ContextValue {
  std::vector<std::string> values;
  bool multivalued = false;
};

// Condition keys with their values. Keys are case-insensitive ("aws:SourceIp" is
// "AWS:sourceip"); values keep their case.
class ContextValues {
 public:
  void Set(std::string_view key, std::string value);
  void SetMultivalued(std::string_view key, std::vector<std::string> values);
  // Adds `key` only when it is not there yet.
  void SetDefault(std::string_view key, std::string value);
  void Erase(std::string_view key);

  // nullptr when the request has no such key.
  const ContextValue* Find(std::string_view key) const;
  // The key's single value, or nullptr when it is absent or multivalued: what a policy
  // variable can be replaced by.
  const std::string* FindSingle(std::string_view key) const;

 private:
  std::map<std::string, ContextValue> values_;  // by lower-cased key
};

struct Request {
  Principal principal;
  std::string action;    // "s3:GetObject"
  std::string resource;  // an ARN, or "*" for actions on no particular resource
  // The account that owns the resource; empty when it is the principal's own account.
  std::string resource_account;
  ContextValues context;

  // resource_account, or the principal's account when that is empty.
  const std::string& ResourceAccount() const;
};

// sts:AssumeRole of `role_arn` by `caller`: the role is the resource, its account the
// resource account.
Request AssumeRoleRequest(Principal caller, std::string_view role_arn);

// The request's context with the keys AWS adds for every request where the caller did not set
// them: aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username (IAM users),
// aws:ResourceAccount (IAM User Guide, "AWS global condition context keys").
ContextValues EffectiveContext(const Request& request);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_REQUEST_CONTEXT_H_
