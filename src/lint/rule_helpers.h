// Small queries the rules share: what kind of account an environment is in, which rules
// admit which ports from where, which accounts a grant selector reaches, and walking the
// policy documents a spec writes.
#ifndef VUEOPS_LINT_RULE_HELPERS_H_
#define VUEOPS_LINT_RULE_HELPERS_H_

#include <functional>
#include <string>
#include <vector>

#include "base/json.h"
#include "lint/rule.h"

namespace vueops::lint {

// The account kind an environment lives in (kSandbox when the account is unknown).
spec::AccountKind EnvironmentKind(const spec::Stack& stack, const spec::Environment& env);
bool IsProduction(const spec::Stack& stack, const spec::Environment& env);

// The accounts a grant selector names: one account, "all", "sandboxes", "production" or
// "workloads".
std::vector<const spec::Account*> AccountsSelected(const spec::Stack& stack,
                                                   std::string_view selector);

// The permission set a role has in an account ("" when it has none there): an account's own
// grant wins over a kind selector ("sandboxes", "production", "workloads"), which wins over
// "all".
std::string PermissionIn(const spec::Stack& stack, const spec::Role& role,
                         const spec::Account& account);

// Whether a rule admits TCP traffic to `port` (protocol tcp or all).
// ELB security policies name their lowest TLS version ("...-TLS13-1-2-2021-06" is TLS 1.2);
// Ext1 and Ext2 keep TLS 1.2 but add legacy CBC/SHA-1 ciphers, which Trivy AWS-0047 flags too.
// Returns why `policy` is weak, or "" when it is TLS 1.2+ with modern ciphers. (Lint and the
// live audit share it.)
std::string WeakTlsPolicy(const std::string& policy);

bool AdmitsTcpPort(const spec::IngressRule& rule, int port);
bool IsWorld(const spec::RuleSource& source);
// A source the DevOps IPs cover: the devops_ips keyword, or a CIDR inside one of them.
bool WithinDevopsIps(const spec::Environment& env, const spec::RuleSource& source);

// Calls `visit` for every ingress rule of every group named in `members` (the groups a
// database, the servers or the load balancer belong to).
void ForEachRuleOf(const spec::Environment& env, const std::vector<std::string>& members,
                   const std::function<void(const spec::SecurityGroup&,
                                            const spec::IngressRule&)>& visit);

// Whether a group the `target` belongs to admits `port` from a group the `source` belongs to
// (by a security-group reference, or a self rule when they share a group).
bool GroupsAdmit(const spec::Environment& env, const std::vector<std::string>& target,
                 const std::vector<std::string>& source, int port);

// Every policy document the spec writes, with the address of its owner.
void ForEachPolicy(const spec::Stack& stack,
                   const std::function<void(const spec::PolicyDocument&, const std::string&)>&
                       visit);
// The statements of a policy (Statement may be one object or a list).
std::vector<Json> Statements(const Json& policy);
// A string-or-list member of a statement as a list ("Action": "s3:*" -> {"s3:*"}).
std::vector<std::string> StringsOf(const Json& statement, std::string_view key);

}  // namespace vueops::lint

#endif  // VUEOPS_LINT_RULE_HELPERS_H_
