// Decoding the notes' "Accounts and IAM" section: organization: and access:.

#include "spec/decode.h"

namespace vueops::spec {
namespace {

constexpr EnumName<AccountKind> kAccountKinds[] = {
    {"root", AccountKind::kRoot},           {"identity", AccountKind::kIdentity},
    {"backup", AccountKind::kBackup},       {"tools", AccountKind::kTools},
    {"production", AccountKind::kProduction}, {"sandbox", AccountKind::kSandbox},
};

bool IsAccountId(const std::string& text) {
  return text.size() == 12 && text.find_first_not_of("0123456789") == std::string::npos;
}

void DecodeAccount(DecodeContext& context, const MapEntry& entry, Account* account) {
  account->name = entry.key;
  MapReader reader(context, entry.value.get(), "account '" + entry.key + "'", account, true);
  reader.Enum("kind", &account->kind, kAccountKinds, true);
  if (reader.String("email", &account->email, true) &&
      account->email.find('@') == std::string::npos) {
    context.Error("spec.value", *reader.Get("email"),
                  "email of account '" + entry.key + "' is not an email address",
                  "Organizations needs a unique root email per account");
  }
  if (reader.String("id", &account->id) && !IsAccountId(account->id)) {
    context.Error("spec.value", *reader.Get("id"),
                  "id of account '" + entry.key + "' must be 12 digits",
                  "write the account number as AWS shows it, e.g. id: \"012345678901\"");
    account->id.clear();
  }
  reader.Boolean("ssh_entry", &account->ssh_entry);
  reader.Finish();
}

void DecodeUnit(DecodeContext& context, const MapEntry& entry, OrganizationalUnit* unit) {
  unit->name = entry.key;
  unit->location = entry.key_location;
  // Either a bare list of accounts, or a mapping with accounts:.
  if (entry.value->is_sequence() || entry.value->is_scalar()) {
    ReadStringList(context, *entry.value, "organizational unit '" + entry.key + "'",
                   &unit->accounts);
    unit->Mark("accounts", entry.value->location);
    for (size_t i = 0; i < entry.value->items.size(); ++i) {
      unit->Mark("accounts[" + std::to_string(i) + "]", entry.value->items[i]->location);
    }
    return;
  }
  MapReader reader(context, entry.value.get(), "organizational unit '" + entry.key + "'", unit);
  reader.StringList("accounts", &unit->accounts, true);
  reader.Finish();
}

void DecodeScp(DecodeContext& context, const MapEntry& entry, ServiceControlPolicy* policy) {
  policy->name = entry.key;
  std::string what = "service control policy '" + entry.key + "'";
  MapReader reader(context, entry.value.get(), what, policy, true);
  reader.String("description", &policy->description);
  reader.StringList("targets", &policy->targets, true);
  if (const Node* document = reader.Require("policy", "policy: {Version: ..., Statement: [...]}")) {
    DecodePolicyDocument(context, *document, what, &policy->policy);
  }
  reader.Finish();
}

}  // namespace

void DecodeOrganization(DecodeContext& context, const Node* node, Organization* out) {
  MapReader reader(context, node, "organization", out, true);
  reader.String("management_account", &out->management_account, true);
  reader.EachEntry("accounts", "accounts", [&](const MapEntry& entry) {
    DecodeAccount(context, entry, &out->accounts.emplace_back());
  });
  if (reader.ok() && reader.Get("accounts") == nullptr) {
    reader.Require("accounts", "accounts: {vueorg: {kind: root, email: ...}, ...}");
  }
  reader.EachEntry("organizational_units", "organizational units", [&](const MapEntry& entry) {
    DecodeUnit(context, entry, &out->units.emplace_back());
  });
  reader.EachEntry("service_control_policies", "policies", [&](const MapEntry& entry) {
    DecodeScp(context, entry, &out->policies.emplace_back());
  });
  reader.Finish();
}

namespace {

void DecodePermissionSet(DecodeContext& context, const MapEntry& entry, PermissionSet* set) {
  set->name = entry.key;
  std::string what = "permission set '" + entry.key + "'";
  MapReader reader(context, entry.value.get(), what, set, true);
  reader.String("description", &set->description);
  reader.StringList("managed_policies", &set->managed_policies);
  for (const std::string& arn : set->managed_policies) {
    if (arn.rfind("arn:aws", 0) != 0) {
      context.Error("spec.value", *reader.Get("managed_policies"),
                    "managed policy '" + arn + "' of " + what + " is not an ARN",
                    "write the ARN, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess");
    }
  }
  if (const Node* document = reader.Get("policy")) {
    DecodePolicyDocument(context, *document, what, &set->policy.emplace());
  }
  if (set->managed_policies.empty() && !set->policy && reader.ok()) {
    context.Error("spec.missing", entry.value->location,
                  what + " grants nothing: it needs managed_policies or a policy");
  }
  reader.Finish();
}

void DecodeRole(DecodeContext& context, const MapEntry& entry, Role* role) {
  role->name = entry.key;
  std::string what = "role '" + entry.key + "'";
  MapReader reader(context, entry.value.get(), what, role, true);
  reader.String("description", &role->description);
  reader.EachEntry("grants", "permission sets", [&](const MapEntry& grant_entry) {
    Grant& grant = role->grants.emplace_back();
    grant.selector = grant_entry.key;
    grant.location = grant_entry.key_location;
    grant.Mark("selector", grant_entry.key_location);
    grant.Mark("permission_set", grant_entry.value->location);
    ReadString(context, *grant_entry.value, "grant of " + what + " in '" + grant_entry.key + "'",
               &grant.permission_set);
  });
  if (reader.ok() && reader.Get("grants") == nullptr) {
    reader.Require("grants", "grants: {vueprod: read-only, sandboxes: admin}");
  }
  reader.String("trusted_account", &role->trusted_account);
  reader.Boolean("require_mfa", &role->require_mfa);
  // STS: a role's maximum session duration is 1 to 12 hours (IAM CreateRole
  // MaxSessionDuration, 3600..43200 seconds).
  reader.Integer("max_session_hours", &role->max_session_hours, 1, 12);
  reader.Finish();
}

constexpr EnumName<UserKind> kUserKinds[] = {{"human", UserKind::kHuman},
                                            {"service", UserKind::kService}};

void DecodeUser(DecodeContext& context, const MapEntry& entry, User* user) {
  user->name = entry.key;
  std::string what = "user '" + entry.key + "'";
  MapReader reader(context, entry.value.get(), what, user, true);
  reader.Enum("kind", &user->kind, kUserKinds, true);
  reader.String("account", &user->account);
  reader.StringList("groups", &user->groups);
  // IAM: at most two access keys per user (IAM quotas, "Access keys assigned to an IAM user").
  reader.Integer("access_keys", &user->access_keys, 0, 2);
  if (user->kind == UserKind::kHuman && user->access_keys > 0) {
    context.Error("spec.value", user->At("access_keys"),
                  "human user '" + entry.key + "' has access keys",
                  "notes: human IAM users use passwords to log into AWS; make a service user "
                  "for API access");
  }
  if (const Node* document = reader.Get("policy")) {
    DecodePolicyDocument(context, *document, what, &user->policy.emplace());
  }
  reader.Finish();
}

}  // namespace

void DecodeAccess(DecodeContext& context, const Node* node, Access* out) {
  MapReader reader(context, node, "access", out, true);
  reader.String("identity_account", &out->identity_account, true);
  reader.EachEntry("permission_sets", "permission sets", [&](const MapEntry& entry) {
    DecodePermissionSet(context, entry, &out->permission_sets.emplace_back());
  });
  reader.EachEntry("roles", "roles", [&](const MapEntry& entry) {
    DecodeRole(context, entry, &out->roles.emplace_back());
  });
  reader.EachEntry("groups", "groups", [&](const MapEntry& entry) {
    Group& group = out->groups.emplace_back();
    group.name = entry.key;
    MapReader group_reader(context, entry.value.get(), "group '" + entry.key + "'", &group,
                           true);
    group_reader.String("account", &group.account);
    group_reader.StringList("roles", &group.roles);
    if (const Node* policy = group_reader.Get("policy")) {
      DecodePolicyDocument(context, *policy, "group '" + entry.key + "'", &group.policy.emplace());
    }
    if (group.roles.empty() && !group.policy && group_reader.ok()) {
      context.Error("spec.missing", entry.value->location,
                    "group '" + entry.key + "' grants nothing: it needs roles or a policy");
    }
    group_reader.Finish();
  });
  reader.EachEntry("users", "users", [&](const MapEntry& entry) {
    DecodeUser(context, entry, &out->users.emplace_back());
  });
  reader.Finish();
}

}  // namespace vueops::spec
