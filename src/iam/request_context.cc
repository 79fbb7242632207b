#include "iam/request_context.h"

#include "iam/arn.h"
#include "iam/wildcard.h"

namespace vueops::iam {
namespace {

std::string AccountOf(std::string_view arn) {
  std::optional<Arn> parsed = ParseArn(arn);
  return parsed ? parsed->account : std::string();
}

std::string PartitionOf(std::string_view arn) {
  std::optional<Arn> parsed = ParseArn(arn);
  return parsed && !parsed->partition.empty() ? parsed->partition : "aws";
}

// The last '/'-separated part of an ARN's resource: a role's or user's name.
std::string NameOf(std::string_view arn) {
  std::optional<Arn> parsed = ParseArn(arn);
  if (!parsed) return std::string(arn);
  size_t slash = parsed->resource.rfind('/');
  return slash == std::string::npos ? parsed->resource : parsed->resource.substr(slash + 1);
}

// aws:PrincipalType as AWS documents its values.
const char* PrincipalTypeValue(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kUser: return "User";
    case PrincipalKind::kRoleSession: return "AssumedRole";
    case PrincipalKind::kRoot: return "Account";
    case PrincipalKind::kFederatedUser: return "FederatedUser";
    case PrincipalKind::kService: return "Service";
    case PrincipalKind::kIdentityProvider: return "WebIdentityUser";
    case PrincipalKind::kAnonymous: return "Anonymous";
  }
  return "";
}

}  // namespace

std::string_view PrincipalKindName(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kUser: return "IAM user";
    case PrincipalKind::kRoleSession: return "role session";
    case PrincipalKind::kRoot: return "root user";
    case PrincipalKind::kFederatedUser: return "federated user";
    case PrincipalKind::kService: return "service";
    case PrincipalKind::kIdentityProvider: return "identity provider";
    case PrincipalKind::kAnonymous: return "anonymous";
  }
  return "";
}

Principal UserPrincipal(std::string_view user_arn) {
  return Principal{PrincipalKind::kUser, std::string(user_arn), AccountOf(user_arn), "", false};
}

Principal RoleSessionPrincipal(std::string_view role_arn, std::string_view session_name) {
  std::string account = AccountOf(role_arn);
  std::string session_arn = "arn:" + PartitionOf(role_arn) + ":sts::" + account + ":assumed-role/" +
                            NameOf(role_arn) + "/" + std::string(session_name);
  return Principal{PrincipalKind::kRoleSession, session_arn, account, std::string(role_arn), false};
}

Principal RootPrincipal(std::string_view account) {
  return Principal{PrincipalKind::kRoot, AccountRootArn(account), std::string(account), "", false};
}

Principal FederatedUserPrincipal(std::string_view federated_user_arn) {
  return Principal{PrincipalKind::kFederatedUser, std::string(federated_user_arn),
                   AccountOf(federated_user_arn), "", false};
}

Principal ServicePrincipal(std::string_view service_name) {
  return Principal{PrincipalKind::kService, std::string(service_name), "", "", false};
}

Principal IdentityProviderPrincipal(std::string_view provider) {
  return Principal{PrincipalKind::kIdentityProvider, std::string(provider), "", "", false};
}

void ContextValues::Set(std::string_view key, std::string value) {
  values_[ToLowerAscii(key)] = ContextValue{{std::move(value)}, false};
}

void ContextValues::SetMultivalued(std::string_view key, std::vector<std::string> values) {
  values_[ToLowerAscii(key)] = ContextValue{std::move(values), true};
}

void ContextValues::SetDefault(std::string_view key, std::string value) {
  values_.try_emplace(ToLowerAscii(key), ContextValue{{std::move(value)}, false});
}

void ContextValues::Erase(std::string_view key) { values_.erase(ToLowerAscii(key)); }

const ContextValue* ContextValues::Find(std::string_view key) const {
  auto it = values_.find(ToLowerAscii(key));
  return it == values_.end() ? nullptr : &it->second;
}

const std::string* ContextValues::FindSingle(std::string_view key) const {
  const ContextValue* value = Find(key);
  if (value == nullptr || value->multivalued || value->values.size() != 1) return nullptr;
  return &value->values.front();
}

const std::string& Request::ResourceAccount() const {
  return resource_account.empty() ? principal.account : resource_account;
}

Request AssumeRoleRequest(Principal caller, std::string_view role_arn) {
  Request request;
  request.principal = std::move(caller);
  request.action = "sts:AssumeRole";
  request.resource = std::string(role_arn);
  request.resource_account = AccountOf(role_arn);
  return request;
}

ContextValues EffectiveContext(const Request& request) {
  ContextValues context = request.context;
  const Principal& principal = request.principal;
  if (principal.kind != PrincipalKind::kAnonymous) {
    context.SetDefault("aws:PrincipalType", PrincipalTypeValue(principal.kind));
  }
  if (principal.HasAccount()) {
    context.SetDefault("aws:PrincipalAccount", principal.account);
    // A session's aws:PrincipalArn is its role's ARN, not the session ARN.
    context.SetDefault("aws:PrincipalArn",
                       principal.kind == PrincipalKind::kRoleSession && !principal.role_arn.empty()
                           ? principal.role_arn
                           : principal.arn);
  }
  if (principal.kind == PrincipalKind::kUser) {
    context.SetDefault("aws:username", NameOf(principal.arn));
  }
  if (principal.kind == PrincipalKind::kService) {
    context.SetDefault("aws:PrincipalServiceName", principal.arn);
  }
  if (!request.ResourceAccount().empty()) {
    context.SetDefault("aws:ResourceAccount", request.ResourceAccount());
  }
  return context;
}

}  // namespace vueops::iam
