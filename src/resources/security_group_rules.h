// Security-group rules in the schema's vocabulary, shared by security_group_rule and
// default_security_group: one rule is
//   {"protocol": "tcp", "from_port": 22, "to_port": 22, "<source>": "..."}
// with exactly one source: cidr_ipv4, cidr_ipv6, source_security_group_id or prefix_list_id.
// "protocol" is EC2's IpProtocol ("tcp", "udp", "icmp", or "-1" for every protocol, whose
// ports are -1).
#ifndef VUEOPS_RESOURCES_SECURITY_GROUP_RULES_H_
#define VUEOPS_RESOURCES_SECURITY_GROUP_RULES_H_

#include <string_view>

#include "base/json.h"

namespace vueops::resources {

// The source members: the attribute's name, and the member of a SecurityGroupRule
// (DescribeSecurityGroupRules) that holds it.
inline constexpr std::string_view kRuleSources[] = {"cidr_ipv4", "cidr_ipv6",
                                                    "source_security_group_id", "prefix_list_id"};

// The rules an IpPermissions list (DescribeSecurityGroups) holds, one per source, sorted.
Json FlattenPermissions(const Json& ip_permissions);

// A rule (as above) from a SecurityGroupRule of DescribeSecurityGroupRules, without its
// description.
Json RuleFromSecurityGroupRule(const Json& rule);

// A security group's inbound rules as the security_group resource compares them
// (its ingress_rules attribute): each rule with its members in one order (protocol,
// from_port, to_port, then the source), sorted, duplicates dropped. A source that is another
// group is named by that group's name, "source_security_group", where it is known.
Json CanonicalRules(const Json& rules);
// One rule with its members in that order.
Json CanonicalRule(const Json& rule);

// The IpPermissions item that grants `rule`; `description` ("" for none) is attached to its
// source.
Json PermissionOf(const Json& rule, std::string_view description = "");

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_SECURITY_GROUP_RULES_H_
