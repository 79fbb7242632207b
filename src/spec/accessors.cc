// Lookups and names on the typed spec.
#include <algorithm>

#include "spec/stack.h"

namespace vueops::spec {
namespace {

template <typename T>
const T* FindByName(const std::vector<T>& items, std::string_view name) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.name == name; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

std::string_view AccountKindName(AccountKind kind) {
  switch (kind) {
    case AccountKind::kRoot: return "root";
    case AccountKind::kIdentity: return "identity";
    case AccountKind::kBackup: return "backup";
    case AccountKind::kTools: return "tools";
    case AccountKind::kProduction: return "production";
    case AccountKind::kSandbox: return "sandbox";
  }
  return "?";
}

bool AccountKindMayHoldUsers(AccountKind kind) {
  return kind == AccountKind::kRoot || kind == AccountKind::kIdentity ||
         kind == AccountKind::kBackup;
}

std::string_view BucketAccessName(BucketAccess access) {
  switch (access) {
    case BucketAccess::kProtected: return "protected";
    case BucketAccess::kPublic: return "public";
    case BucketAccess::kPublicProtected: return "public-protected";
    case BucketAccess::kLogs: return "logs";
    case BucketAccess::kBackup: return "backup";
  }
  return "?";
}

std::string RuleSource::Describe() const {
  switch (kind) {
    case Kind::kWorld: return "the world";
    case Kind::kDevopsIps: return "the DevOps IPs";
    case Kind::kCidr: return cidr.ToString();
    case Kind::kSecurityGroup: return "security group '" + security_group + "'";
    case Kind::kSelf: return "its own members";
  }
  return "?";
}

std::string PortRange::ToString() const {
  if (IsAll()) return "all ports";
  if (from == to) return std::to_string(from);
  return std::to_string(from) + "-" + std::to_string(to);
}

const Account* Organization::FindAccount(std::string_view name) const {
  return FindByName(accounts, name);
}

const Account* Organization::FirstOfKind(AccountKind kind) const {
  for (const Account& account : accounts) {
    if (account.kind == kind) return &account;
  }
  return nullptr;
}

const Role* Access::FindRole(std::string_view name) const { return FindByName(roles, name); }
const PermissionSet* Access::FindPermissionSet(std::string_view name) const {
  return FindByName(permission_sets, name);
}
const Group* Access::FindGroup(std::string_view name) const { return FindByName(groups, name); }

const ServerProfile* Servers::FindProfile(std::string_view name) const {
  return FindByName(profiles, name);
}

const TargetGroup* LoadBalancer::FindTargetGroup(std::string_view name) const {
  return FindByName(target_groups, name);
}

const Origin* Distribution::FindOrigin(std::string_view name) const {
  return FindByName(origins, name);
}

const Distribution* Cdn::FindDistribution(std::string_view name) const {
  return FindByName(distributions, name);
}

const SecurityGroup* Environment::FindSecurityGroup(std::string_view name) const {
  return FindByName(security_groups, name);
}

const Bucket* Environment::FindBucket(std::string_view key) const {
  auto it = std::find_if(buckets.begin(), buckets.end(),
                         [&](const Bucket& bucket) { return bucket.key == key; });
  return it == buckets.end() ? nullptr : &*it;
}

const Certificate* Environment::FindCertificate(std::string_view name) const {
  return FindByName(certificates, name);
}

const Secret* Environment::FindSecret(std::string_view name) const {
  return FindByName(secrets, name);
}

const Environment* Stack::FindEnvironment(std::string_view name) const {
  return FindByName(environments, name);
}

std::vector<std::string> Stack::EnvironmentNames() const {
  std::vector<std::string> names;
  for (const Environment& env : environments) names.push_back(env.name);
  return names;
}

}  // namespace vueops::spec
