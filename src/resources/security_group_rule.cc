// security_group_rule: one inbound rule of a security group, from one source (notes:
// "Network Security Groups": "80 -- From ELB", "22 -- from DevOps IPs that can deploy",
// "3306 -- from servers"). One object per source keeps each hole in the firewall visible in
// a plan and changeable alone.
//
// Attributes (security_group_rules.h has the rule vocabulary):
//   security_group_id         string  replace   the group the rule belongs to
//   protocol                  string  replace   tcp, udp, icmp, or -1 for all
//   from_port, to_port        number  replace   -1 with protocol -1
//   cidr_ipv4 | cidr_ipv6 | source_security_group_id
//                             string  replace   exactly one: where traffic may come from
//   description               string  in place  UpdateSecurityGroupRuleDescriptionsIngress
//   tags                      object  in place
// Outputs: id (the security group rule id, sgr-...).
#include <algorithm>
#include <set>

#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/security_group_rules.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"security_group_id", UpdateMode::kReplace},
    {"protocol", UpdateMode::kReplace},
    {"from_port", UpdateMode::kReplace},
    {"to_port", UpdateMode::kReplace},
    {"cidr_ipv4", UpdateMode::kReplace},
    {"cidr_ipv6", UpdateMode::kReplace},
    {"source_security_group_id", UpdateMode::kReplace},
    {"description", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

const std::initializer_list<std::string_view> kGoneCodes = {
    "InvalidPermission.NotFound", "InvalidGroup.NotFound",
    "InvalidSecurityGroupRuleId.NotFound"};

Json Attributes(const Json& rule) {
  Json attributes = RuleFromSecurityGroupRule(rule);
  attributes["security_group_id"] = rule.value("GroupId", "");
  attributes["description"] = rule.value("Description", "");
  attributes["tags"] = UserTags(rule.value("Tags", Json()));
  return attributes;
}

// Protocol and ports of a SecurityGroupRule or an IpPermissions item (both name them
// IpProtocol, FromPort, ToPort), to pair the two.
Json BaseOf(const Json& item) {
  return {item.value("IpProtocol", ""), item.value("FromPort", -1), item.value("ToPort", -1)};
}

// The rule part of the attributes (protocol, ports, source), to compare with a live rule.
Json RuleOf(const Json& attributes) {
  Json rule = {{"protocol", attributes.value("protocol", "tcp")},
               {"from_port", attributes.value("from_port", -1)},
               {"to_port", attributes.value("to_port", -1)}};
  for (std::string_view source : kRuleSources) {
    if (attributes.contains(std::string(source))) {
      rule[std::string(source)] = attributes[std::string(source)];
    }
  }
  return rule;
}

// Every inbound rule of `group_id`.
Result<Json> IngressRules(ResourceContext& context, const std::string& group_id) {
  ASSIGN_OR_RETURN(Json rules, CallAllPages(context, "ec2", "DescribeSecurityGroupRules",
                                            {{"Filters", {{{"Name", "group-id"},
                                                           {"Values", {group_id}}}}}},
                                            "SecurityGroupRules"));
  Json ingress = Json::array();
  for (const Json& rule : rules) {
    if (!rule.value("IsEgress", false)) ingress.push_back(rule);
  }
  return ingress;
}

// The live rule of `group_id` that grants what `desired` asks for, or nullopt.
Result<std::optional<Json>> Matching(ResourceContext& context, const Json& desired) {
  ASSIGN_OR_RETURN(Json rules, IngressRules(context, desired.value("security_group_id", "")));
  Json wanted = RuleOf(desired);
  for (const Json& rule : rules) {
    if (RuleFromSecurityGroupRule(rule) == wanted) return std::optional<Json>(rule);
  }
  return std::optional<Json>();
}

Status CheckOneSource(const std::string& address, const Json& desired) {
  int sources = 0;
  for (std::string_view source : kRuleSources) {
    if (desired.contains(std::string(source))) ++sources;
  }
  if (sources == 1 && !desired.contains("prefix_list_id")) return Status::Ok();
  return InvalidArgumentError(address + ": a security_group_rule needs exactly one of cidr_ipv4, "
                                        "cidr_ipv6 and source_security_group_id");
}

// The description of a rule whose source is another group, where DescribeSecurityGroupRules
// left it out, taken from DescribeSecurityGroups (one call for all `groups`), which holds the
// same rule with its description in IpPermissions. AWS answers both alike; moto leaves the
// description out of the first, which would show every such rule as drift. A rule with no
// description in either answer keeps none.
void FillGroupPairDescriptions(ResourceContext& context, const std::set<std::string>& groups,
                               Json& rules) {
  bool missing = false;
  for (const Json& rule : rules) {
    if (rule.contains("ReferencedGroupInfo") && !rule.contains("Description")) missing = true;
  }
  if (!missing) return;
  Result<Json> described = CallAllPages(context, "ec2", "DescribeSecurityGroups",
                                        {{"GroupIds", Json(groups)}}, "SecurityGroups");
  if (!described.ok()) return;  // the rules' own answer stands
  for (Json& rule : rules) {
    if (!rule.contains("ReferencedGroupInfo") || rule.contains("Description")) continue;
    Json wanted = RuleFromSecurityGroupRule(rule);
    for (const Json& group : *described) {
      if (group.value("GroupId", "") != rule.value("GroupId", "")) continue;
      for (const Json& permission : group.value("IpPermissions", Json::array())) {
        if (BaseOf(permission) != BaseOf(rule)) continue;
        for (const Json& pair : permission.value("UserIdGroupPairs", Json::array())) {
          if (pair.value("GroupId", "") == wanted.value("source_security_group_id", "") &&
              pair.contains("Description")) {
            rule["Description"] = pair["Description"];
          }
        }
      }
    }
  }
}

class SecurityGroupRuleType : public ResourceType {
 public:
  std::string_view name() const override { return "security_group_rule"; }
  std::string_view service() const override { return "ec2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One DescribeSecurityGroupRules for the records' groups (their recorded group ids); by rule
  // id for records that have none.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    std::set<std::string> groups;
    bool every_group_known = true;
    for (const state::ResourceRecord* record : records) {
      std::string group = record->attributes.value("security_group_id", "");
      if (group.empty()) every_group_known = false;
      groups.insert(group);
    }
    Json filter = every_group_known
                      ? Json{{"Name", "group-id"}, {"Values", Json(groups)}}
                      : Json{{"Name", "security-group-rule-id"}, {"Values", Json::array()}};
    if (!every_group_known) {
      for (const state::ResourceRecord* record : records) filter["Values"].push_back(record->id);
    }
    Result<Json> rules = CallAllPages(context, "ec2", "DescribeSecurityGroupRules",
                                      {{"Filters", Json::array({filter})}}, "SecurityGroupRules");
    if (!rules.ok()) return std::vector<Result<Json>>(records.size(), rules.status());
    if (every_group_known) FillGroupPairDescriptions(context, groups, *rules);
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      Result<Json> found = NotFoundError(record->address + ": security group rule " + record->id +
                                         " is gone");
      for (const Json& rule : *rules) {
        if (rule.value("SecurityGroupRuleId", "") == record->id) found = Attributes(rule);
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    RETURN_IF_ERROR(CheckOneSource(context.address(), desired));
    std::string group_id = desired.value("security_group_id", "");
    std::string code;
    Result<Json> output = CallForCode(
        context, "ec2", "AuthorizeSecurityGroupIngress",
        {{"GroupId", group_id},
         {"IpPermissions",
          Json::array({PermissionOf(RuleOf(desired), desired.value("description", ""))})},
         {"TagSpecifications", TagSpecificationsFor(context, "security-group-rule", desired)}},
        &code);
    if (output.ok()) {
      const Json& rules = (*output)["SecurityGroupRules"];
      if (rules.is_array() && !rules.empty()) {
        std::string id = rules[0].value("SecurityGroupRuleId", "");
        return Created{id, {{"id", id}}, Json::object()};
      }
    } else if (code != "InvalidPermission.Duplicate") {
      return output.status();
    }
    // The rule exists already (a create retried after a crash, or a rule made by hand):
    // adopt it, with the description and tags asked for.
    ASSIGN_OR_RETURN(std::optional<Json> existing, Matching(context, desired));
    if (!existing) {
      return InternalError(context.address() + ": AuthorizeSecurityGroupIngress answered "
                                               "without the rule, and no such rule exists");
    }
    std::string id = existing->value("SecurityGroupRuleId", "");
    RETURN_IF_ERROR(context
                        .Call("ec2", "CreateTags",
                              {{"Resources", {id}}, {"Tags", TagListFor(context, desired)}})
                        .status());
    Json live = Attributes(*existing);
    live.erase("tags");  // just written
    RETURN_IF_ERROR(Sync(context, id, live, desired));
    return Created{id, {{"id", id}}, Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Json live, Read(context, record));
    return Sync(context, record.id, live, desired);
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    std::string group_id = record.attributes.value("security_group_id", "");
    if (group_id.empty()) {
      Result<Json> live = Read(context, record);
      if (!live.ok()) {
        return live.status().code() == StatusCode::kNotFound ? Status::Ok() : live.status();
      }
      group_id = live->value("security_group_id", "");
    }
    return DeleteIgnoringGone(context, "ec2", "RevokeSecurityGroupIngress",
                              {{"GroupId", group_id}, {"SecurityGroupRuleIds", {record.id}}},
                              kGoneCodes);
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    if (!desired.contains("security_group_id")) return std::optional<Found>();
    ASSIGN_OR_RETURN(std::optional<Json> rule, Matching(context, desired));
    if (!rule) return std::optional<Found>();
    std::string id = rule->value("SecurityGroupRuleId", "");
    return std::optional<Found>(Found{id, {{"id", id}}, Attributes(*rule)});
  }

 private:
  // Brings the description and tags of rule `id` from `live` to `desired`.
  static Status Sync(ResourceContext& context, const std::string& id, const Json& live,
                     const Json& desired) {
    std::string description = desired.value("description", "");
    if (live.value("description", "") != description) {
      RETURN_IF_ERROR(context
                          .Call("ec2", "UpdateSecurityGroupRuleDescriptionsIngress",
                                {{"GroupId", desired["security_group_id"]},
                                 {"IpPermissions",
                                  Json::array({PermissionOf(RuleOf(desired), description)})}})
                          .status());
    }
    if (!live.contains("tags")) return Status::Ok();
    Json wanted = desired.value("tags", Json::object());
    if (!JsonEqualUnordered(live["tags"], wanted)) {
      RETURN_IF_ERROR(SyncTags(context, id, live["tags"], wanted));
    }
    return Status::Ok();
  }
};

}  // namespace

const ResourceType& SecurityGroupRule() {
  static const SecurityGroupRuleType* type = new SecurityGroupRuleType();
  return *type;
}

}  // namespace vueops::resources
