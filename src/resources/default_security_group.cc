// default_security_group: the security group every VPC comes with, adopted and stripped of
// its rules (CIS AWS Foundations 5.4: "the default security group of every VPC restricts
// all traffic"), so nothing that falls back to it is reachable or reaches out. AWS makes and
// deletes it with the VPC: Create adopts it, and Delete only forgets it (removes the
// vueops:address tag, leaving its rules as they are). Read answers kNotFound for a group that
// no longer carries the tag, so a claim removed by hand is taken again.
//
// Attributes:
//   vpc_id   string  replace   the VPC whose default group it is
//   ingress  list    in place  its inbound rules (security_group_rules.h), sorted: [] strips
//   egress   list    in place  its outbound rules: [] strips the default allow-all
//   tags     object  in place
// Outputs: id.
#include <algorithm>

#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/security_group_rules.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"vpc_id", UpdateMode::kReplace},
    {"ingress", UpdateMode::kInPlace},
    {"egress", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// The name AWS gives every VPC's default group (Amazon VPC User Guide, "Default security
// groups for your VPCs").
constexpr std::string_view kDefaultGroupName = "default";

// Whether the group carries vueops:address = `address`.
bool Claimed(const std::string& address, const Json& group) {
  for (const Json& tag : group.value("Tags", Json::array())) {
    if (tag.value("Key", "") == kAddressTag) return tag.value("Value", "") == address;
  }
  return false;
}

Json Attributes(const Json& group) {
  return {{"vpc_id", group.value("VpcId", "")},
          {"ingress", FlattenPermissions(group.value("IpPermissions", Json::array()))},
          {"egress", FlattenPermissions(group.value("IpPermissionsEgress", Json::array()))},
          {"tags", UserTags(group.value("Tags", Json()))}};
}

// The VPC's default group, or nullopt when the VPC is gone.
Result<std::optional<Json>> DefaultGroupOf(ResourceContext& context, const std::string& vpc_id) {
  ASSIGN_OR_RETURN(Json output,
                   context.Call("ec2", "DescribeSecurityGroups",
                                {{"Filters", {{{"Name", "vpc-id"}, {"Values", {vpc_id}}},
                                              {{"Name", "group-name"},
                                               {"Values", {kDefaultGroupName}}}}}}));
  const Json& groups = output["SecurityGroups"];
  if (!groups.is_array() || groups.empty()) return std::optional<Json>();
  return std::optional<Json>(groups[0]);
}

// Makes the group's rules in one direction exactly `desired`: revokes the others by rule id
// and authorizes the missing ones.
Status SyncRules(ResourceContext& context, const std::string& group_id, bool egress,
                 const Json& desired) {
  ASSIGN_OR_RETURN(Json rules, CallAllPages(context, "ec2", "DescribeSecurityGroupRules",
                                            {{"Filters", {{{"Name", "group-id"},
                                                           {"Values", {group_id}}}}}},
                                            "SecurityGroupRules"));
  Json revoke = Json::array();
  Json present = Json::array();
  for (const Json& rule : rules) {
    if (rule.value("IsEgress", false) != egress) continue;
    Json canonical = RuleFromSecurityGroupRule(rule);
    if (std::find(desired.begin(), desired.end(), canonical) != desired.end()) {
      present.push_back(canonical);
    } else {
      revoke.push_back(rule.value("SecurityGroupRuleId", ""));
    }
  }
  if (!revoke.empty()) {
    RETURN_IF_ERROR(context
                        .Call("ec2",
                              egress ? "RevokeSecurityGroupEgress" : "RevokeSecurityGroupIngress",
                              {{"GroupId", group_id}, {"SecurityGroupRuleIds", revoke}})
                        .status());
  }
  Json grant = Json::array();
  for (const Json& rule : desired) {
    if (std::find(present.begin(), present.end(), rule) == present.end()) {
      grant.push_back(PermissionOf(rule));
    }
  }
  if (!grant.empty()) {
    RETURN_IF_ERROR(
        context
            .Call("ec2", egress ? "AuthorizeSecurityGroupEgress" : "AuthorizeSecurityGroupIngress",
                  {{"GroupId", group_id}, {"IpPermissions", grant}})
            .status());
  }
  return Status::Ok();
}

class DefaultSecurityGroupType : public ResourceType {
 public:
  std::string_view name() const override { return "default_security_group"; }
  std::string_view service() const override { return "ec2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    DescribeBatch batch = {
        .operation = "DescribeSecurityGroups",
        .filter = "group-id",
        .list_member = "SecurityGroups",
        .id_member = "GroupId",
        .noun = "default security group",
        .attributes = [](const Json& group, const state::ResourceRecord&) {
          return Attributes(group);
        },
        // The claim is the tag: a group without it is one vueops no longer manages.
        .gone = [](const Json& group, const state::ResourceRecord& record) {
          return !Claimed(record.address, group);
        },
    };
    return DescribeRecords(context, records, batch);
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string vpc_id = desired.value("vpc_id", "");
    ASSIGN_OR_RETURN(std::optional<Json> group, DefaultGroupOf(context, vpc_id));
    if (!group) {
      return NotFoundError(context.address() + ": VPC " + vpc_id +
                           " has no default security group");
    }
    std::string id = group->value("GroupId", "");
    RETURN_IF_ERROR(context
                        .Call("ec2", "CreateTags",
                              {{"Resources", {id}}, {"Tags", TagListFor(context, desired)}})
                        .status());
    RETURN_IF_ERROR(SyncRules(context, id, false, desired.value("ingress", Json::array())));
    RETURN_IF_ERROR(SyncRules(context, id, true, desired.value("egress", Json::array())));
    return Created{id, {{"id", id}}, Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    for (const std::string& attribute : changed) {
      if (attribute == "ingress" || attribute == "egress") {
        RETURN_IF_ERROR(SyncRules(context, record.id, attribute == "egress",
                                  desired.value(attribute, Json::array())));
      } else if (attribute == "tags") {
        ASSIGN_OR_RETURN(Json live, Read(context, record));
        RETURN_IF_ERROR(
            SyncTags(context, record.id, live["tags"], desired.value("tags", Json::object())));
      }
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return DeleteIgnoringGone(context, "ec2", "DeleteTags",
                              {{"Resources", {record.id}},
                               {"Tags", {{{"Key", kAddressTag}}, {{"Key", kStackTag}}}}},
                              {"InvalidGroup.NotFound", "InvalidID"});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> group,
                     DefaultGroupOf(context, desired.value("vpc_id", "")));
    if (!group || !Claimed(context.address(), *group)) return std::optional<Found>();
    std::string id = group->value("GroupId", "");
    return std::optional<Found>(Found{id, {{"id", id}}, Attributes(*group)});
  }
};

}  // namespace

const ResourceType& DefaultSecurityGroup() {
  static const DefaultSecurityGroupType* type = new DefaultSecurityGroupType();
  return *type;
}

}  // namespace vueops::resources
