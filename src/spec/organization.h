// Accounts and IAM (notes: "Accounts and IAM", "Access notes"): the organization, its
// accounts and OUs, service control policies, and who may assume which role where.
#ifndef VUEOPS_SPEC_ORGANIZATION_H_
#define VUEOPS_SPEC_ORGANIZATION_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "spec/element.h"

namespace vueops::spec {

// What an account is for, as the notes group them. The first group (root, identity, backup)
// may hold IAM users; the second (tools, production, sandbox) holds none: "all access is
// through IAM roles assumed by IAM users in the vueusers account".
enum class AccountKind { kRoot, kIdentity, kBackup, kTools, kProduction, kSandbox };

std::string_view AccountKindName(AccountKind kind);
// Whether the notes allow IAM users in an account of this kind.
bool AccountKindMayHoldUsers(AccountKind kind);

struct Account : Element {
  std::string name;        // vueorg, vueusers, vueprod, vuedev, ...
  AccountKind kind = AccountKind::kSandbox;
  std::string email;       // the account's root email (Organizations CreateAccount)
  std::string id;          // 12 digits once it exists; empty until vueops creates it
  std::string organizational_unit;  // empty: directly under the root
  bool ssh_entry = false;  // notes: vueops is the "SSH entry"
};

// An IAM policy document written in the spec, kept as the JSON AWS takes. Its keys were
// checked against the IAM grammar when it was read.
struct PolicyDocument : Element {
  Json document;
};

struct ServiceControlPolicy : Element {
  std::string name;
  std::string description;
  PolicyDocument policy;
  std::vector<std::string> targets;  // OU names, account names, or "root"
};

struct OrganizationalUnit : Element {
  std::string name;
  std::vector<std::string> accounts;
};

struct Organization : Element {
  std::string management_account;  // the root account (kind root)
  std::vector<Account> accounts;
  std::vector<OrganizationalUnit> units;
  std::vector<ServiceControlPolicy> policies;

  const Account* FindAccount(std::string_view name) const;
  const Account* FirstOfKind(AccountKind kind) const;
};

// What a role may do in an account: AWS managed policies plus an inline policy.
// "admin" and "read-only" are always defined (AdministratorAccess, ReadOnlyAccess).
struct PermissionSet : Element {
  std::string name;
  std::string description;
  std::vector<std::string> managed_policies;  // ARNs
  std::optional<PolicyDocument> policy;       // inline
};

// One grant: the permission set a role has in the accounts a selector picks. Selectors are an
// account name, "all", "sandboxes", "production" or "workloads" (production + sandboxes).
struct Grant : Element {
  std::string selector;
  std::string permission_set;  // a PermissionSet name, or "none"
};

struct Role : Element {
  std::string name;  // VueAdmin, VueProd, VueDev, VueRead, VueOrg
  std::string description;
  std::vector<Grant> grants;
  // The account whose principals may assume the role: the identity account (vueusers) by
  // default; VueOrg is "managed by the vueorg root account".
  std::string trusted_account;
  bool require_mfa = true;
  int max_session_hours = 1;  // 1..12
};

// A group in the identity account (or, for OrgAdmin, the root account) whose members may
// assume roles. vueops creates one group per role in the identity account, named as the
// role ("vueusers defines IAM groups with the same names as the roles"); `groups:` adds more.
struct Group : Element {
  std::string name;
  std::string account;
  std::vector<std::string> roles;   // roles its members may assume, in every granted account
  std::optional<PolicyDocument> policy;  // further permissions for its members (inline)
};

enum class UserKind { kHuman, kService };

struct User : Element {
  std::string name;
  UserKind kind = UserKind::kHuman;  // human: console password + MFA; service: API keys
  std::string account;               // default: the identity account
  std::vector<std::string> groups;
  int access_keys = 0;               // service users: how many active keys (0..2)
  std::optional<PolicyDocument> policy;  // a service user's own inline policy
};

struct Access : Element {
  std::string identity_account;  // vueusers
  std::vector<PermissionSet> permission_sets;
  std::vector<Role> roles;
  std::vector<Group> groups;     // includes the derived same-named groups
  std::vector<User> users;

  const Role* FindRole(std::string_view name) const;
  const PermissionSet* FindPermissionSet(std::string_view name) const;
  const Group* FindGroup(std::string_view name) const;
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_ORGANIZATION_H_
