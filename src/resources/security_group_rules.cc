#include "resources/security_group_rules.h"

#include <algorithm>
#include <string>

namespace vueops::resources {
namespace {

// EC2 leaves FromPort and ToPort out for protocol -1; the schema says -1, as
// DescribeSecurityGroupRules does.
Json BaseRule(const Json& item) {
  return {{"protocol", item.value("IpProtocol", "")},
          {"from_port", item.value("FromPort", -1)},
          {"to_port", item.value("ToPort", -1)}};
}

}  // namespace

Json FlattenPermissions(const Json& ip_permissions) {
  std::vector<Json> rules;
  if (!ip_permissions.is_array()) return Json::array();
  for (const Json& permission : ip_permissions) {
    Json base = BaseRule(permission);
    auto add = [&](std::string_view list, std::string_view member, std::string_view source) {
      for (const Json& item : permission.value(std::string(list), Json::array())) {
        Json rule = base;
        rule[std::string(source)] = item.value(std::string(member), "");
        rules.push_back(std::move(rule));
      }
    };
    add("IpRanges", "CidrIp", "cidr_ipv4");
    add("Ipv6Ranges", "CidrIpv6", "cidr_ipv6");
    add("UserIdGroupPairs", "GroupId", "source_security_group_id");
    add("PrefixListIds", "PrefixListId", "prefix_list_id");
  }
  std::sort(rules.begin(), rules.end(),
            [](const Json& a, const Json& b) { return a.dump() < b.dump(); });
  return Json(rules);
}

Json RuleFromSecurityGroupRule(const Json& item) {
  Json rule = BaseRule(item);
  if (item.contains("CidrIpv4")) rule["cidr_ipv4"] = item.value("CidrIpv4", "");
  if (item.contains("CidrIpv6")) rule["cidr_ipv6"] = item.value("CidrIpv6", "");
  if (item.contains("ReferencedGroupInfo") &&
      !item["ReferencedGroupInfo"].value("GroupId", "").empty()) {
    rule["source_security_group_id"] = item["ReferencedGroupInfo"].value("GroupId", "");
  }
  if (item.contains("PrefixListId")) rule["prefix_list_id"] = item.value("PrefixListId", "");
  return rule;
}

Json CanonicalRule(const Json& rule) {
  Json ordered = {{"protocol", rule.value("protocol", "")},
                  {"from_port", rule.value("from_port", -1)},
                  {"to_port", rule.value("to_port", -1)}};
  for (auto it = rule.begin(); it != rule.end(); ++it) {
    if (!ordered.contains(it.key())) ordered[it.key()] = it.value();
  }
  return ordered;
}

Json CanonicalRules(const Json& rules) {
  std::vector<Json> canonical;
  if (rules.is_array()) {
    for (const Json& rule : rules) canonical.push_back(CanonicalRule(rule));
  }
  // By port, as people read a firewall, then by the rest.
  std::sort(canonical.begin(), canonical.end(), [](const Json& a, const Json& b) {
    auto port = [](const Json& rule) {
      const Json& from = rule["from_port"];
      return from.is_number_integer() ? from.get<long long>() : -1;
    };
    if (port(a) != port(b)) return port(a) < port(b);
    return a.dump() < b.dump();
  });
  canonical.erase(std::unique(canonical.begin(), canonical.end()), canonical.end());
  return Json(canonical);
}

Json PermissionOf(const Json& rule, std::string_view description) {
  Json permission = {{"IpProtocol", rule.value("protocol", "tcp")}};
  if (permission["IpProtocol"] != "-1") {
    permission["FromPort"] = rule.value("from_port", 0);
    permission["ToPort"] = rule.value("to_port", 0);
  }
  auto source = [&](std::string_view list, std::string_view member, const std::string& value) {
    Json item = {{std::string(member), value}};
    if (!description.empty()) item["Description"] = description;
    permission[std::string(list)] = Json::array({item});
  };
  if (rule.contains("cidr_ipv4")) {
    source("IpRanges", "CidrIp", rule.value("cidr_ipv4", ""));
  } else if (rule.contains("cidr_ipv6")) {
    source("Ipv6Ranges", "CidrIpv6", rule.value("cidr_ipv6", ""));
  } else if (rule.contains("source_security_group_id")) {
    source("UserIdGroupPairs", "GroupId", rule.value("source_security_group_id", ""));
  } else if (rule.contains("prefix_list_id")) {
    source("PrefixListIds", "PrefixListId", rule.value("prefix_list_id", ""));
  }
  return permission;
}

}  // namespace vueops::resources
