#include "lint/rule_helpers.h"

#include <algorithm>

namespace vueops::lint {

using spec::AccountKind;

spec::AccountKind EnvironmentKind(const spec::Stack& stack, const spec::Environment& env) {
  const spec::Account* account = stack.organization.FindAccount(env.account);
  return account != nullptr ? account->kind : AccountKind::kSandbox;
}

bool IsProduction(const spec::Stack& stack, const spec::Environment& env) {
  return EnvironmentKind(stack, env) == AccountKind::kProduction;
}

std::vector<const spec::Account*> AccountsSelected(const spec::Stack& stack,
                                                   std::string_view selector) {
  std::vector<const spec::Account*> accounts;
  for (const spec::Account& account : stack.organization.accounts) {
    bool workload = account.kind == AccountKind::kProduction || account.kind == AccountKind::kSandbox;
    bool match = account.name == selector || selector == "all" ||
                 (selector == "sandboxes" && account.kind == AccountKind::kSandbox) ||
                 (selector == "production" && account.kind == AccountKind::kProduction) ||
                 (selector == "workloads" && workload);
    if (match) accounts.push_back(&account);
  }
  return accounts;
}

std::string PermissionIn(const spec::Stack& stack, const spec::Role& role,
                         const spec::Account& account) {
  // Most specific first: the account's name, then its kind, then everyone.
  int best_rank = 0;
  std::string best;
  for (const spec::Grant& grant : role.grants) {
    int rank = grant.selector == account.name ? 3 : grant.selector == "all" ? 1 : 2;
    auto selected = AccountsSelected(stack, grant.selector);
    if (std::find(selected.begin(), selected.end(), &account) == selected.end()) continue;
    if (rank > best_rank) {
      best_rank = rank;
      best = grant.permission_set;
    }
  }
  return best == "none" ? "" : best;
}

bool AdmitsTcpPort(const spec::IngressRule& rule, int port) {
  return (rule.protocol == "tcp" || rule.protocol == "all") && rule.ports.Contains(port);
}

bool IsWorld(const spec::RuleSource& source) {
  return source.kind == spec::RuleSource::Kind::kWorld;
}

bool WithinDevopsIps(const spec::Environment& env, const spec::RuleSource& source) {
  if (source.kind == spec::RuleSource::Kind::kDevopsIps) return true;
  if (source.kind != spec::RuleSource::Kind::kCidr) return false;
  return std::any_of(env.devops_ips.begin(), env.devops_ips.end(), [&](const spec::DevopsIp& ip) {
    return spec::CidrContains(ip.cidr, source.cidr);
  });
}

void ForEachRuleOf(const spec::Environment& env, const std::vector<std::string>& members,
                   const std::function<void(const spec::SecurityGroup&,
                                            const spec::IngressRule&)>& visit) {
  for (const std::string& name : members) {
    const spec::SecurityGroup* group = env.FindSecurityGroup(name);
    if (group == nullptr) continue;
    for (const spec::IngressRule& rule : group->ingress) visit(*group, rule);
  }
}

bool GroupsAdmit(const spec::Environment& env, const std::vector<std::string>& target,
                 const std::vector<std::string>& source, int port) {
  bool admitted = false;
  ForEachRuleOf(env, target, [&](const spec::SecurityGroup& group, const spec::IngressRule& rule) {
    if (!AdmitsTcpPort(rule, port)) return;
    for (const spec::RuleSource& from : rule.sources) {
      bool by_reference = from.kind == spec::RuleSource::Kind::kSecurityGroup &&
                          std::find(source.begin(), source.end(), from.security_group) !=
                              source.end();
      bool by_self = from.kind == spec::RuleSource::Kind::kSelf &&
                     std::find(source.begin(), source.end(), group.name) != source.end();
      admitted = admitted || by_reference || by_self;
    }
  });
  return admitted;
}

void ForEachPolicy(const spec::Stack& stack,
                   const std::function<void(const spec::PolicyDocument&, const std::string&)>&
                       visit) {
  for (const spec::ServiceControlPolicy& policy : stack.organization.policies) {
    visit(policy.policy, Address("org", "service_control_policy", policy.name));
  }
  for (const spec::PermissionSet& set : stack.access.permission_sets) {
    if (set.policy) visit(*set.policy, Address("org", "permission_set", set.name));
  }
  for (const spec::Group& group : stack.access.groups) {
    if (group.policy) visit(*group.policy, Address("org", "group", group.name));
  }
  for (const spec::User& user : stack.access.users) {
    if (user.policy) visit(*user.policy, Address("org", "user", user.name));
  }
  for (const spec::Environment& env : stack.environments) {
    if (env.servers && env.servers->instance_role.policy) {
      visit(*env.servers->instance_role.policy, Address(env.name, "instance_role"));
    }
  }
}

std::vector<Json> Statements(const Json& policy) {
  if (!policy.is_object() || !policy.contains("Statement")) return {};
  const Json& statements = policy["Statement"];
  if (statements.is_array()) return std::vector<Json>(statements.begin(), statements.end());
  return {statements};
}

std::vector<std::string> StringsOf(const Json& statement, std::string_view key) {
  std::vector<std::string> values;
  auto it = statement.find(std::string(key));
  if (it == statement.end()) return values;
  if (it->is_string()) {
    values.push_back(it->get<std::string>());
  } else if (it->is_array()) {
    for (const Json& item : *it) {
      if (item.is_string()) values.push_back(item.get<std::string>());
    }
  }
  return values;
}

std::string WeakTlsPolicy(const std::string& policy) {
  bool modern_versions =
      policy.find("-1-2-") != std::string::npos || policy.find("-1-3-") != std::string::npos;
  if (!modern_versions) return "allows TLS versions before 1.2";
  if (policy.find("-Ext1-") != std::string::npos || policy.find("-Ext2-") != std::string::npos) {
    return "allows legacy ciphers";
  }
  return "";
}

}  // namespace vueops::lint
