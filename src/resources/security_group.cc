// security_group: one of the environment's security groups (notes: "Network Security
// Groups": "External visibility is controlled by holes in firewall"). Its inbound rules are
// separate security_group_rule objects, so a rule can change without touching the group.
// Outbound traffic stays open, as AWS makes every new group (one allow-all egress rule): the
// servers call AWS APIs, package mirrors and SES, and the notes warn that "AWS service calls
// will fail silently ... when security groups are not set up correctly".
//
// Attributes:
//   name         string  replace   <stack>-<env>-<group> (unique in the VPC)
//   description  string  replace   AWS cannot change a group's description
//   vpc_id       string  replace
//   tags           object  in place
//   ingress_rules  list    in place  every inbound rule the group may have
//                                    (security_group_rules.h's CanonicalRules: another group
//                                    as a source by its name): each one is a
//                                    security_group_rule; any other is revoked, so a hole
//                                    opened by hand (port 22 to the world) is drift
// Outputs: id.
//
// Outbound rules are not compared: the group keeps AWS's allow-all egress rule.
#include <algorithm>
#include <map>
#include <set>

#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/resource_calls.h"
#include "resources/security_group_rules.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},          {"description", UpdateMode::kReplace},
    {"vpc_id", UpdateMode::kReplace},        {"tags", UpdateMode::kInPlace},
    {"ingress_rules", UpdateMode::kInPlace},
};

// RevokeSecurityGroupIngress of a rule that is already gone.
constexpr std::string_view kRuleGone = "InvalidPermission.NotFound";

// A group still used by a network interface (an instance terminating, a load balancer
// releasing its interfaces) cannot be deleted: DependencyViolation until they are gone,
// which takes minutes after an instance terminates.
constexpr auto kInUseTimeout = std::chrono::minutes(10);

// The attributes, with the inbound rules as EC2 lists them (another group as a source by its
// id, source_security_group_id): NamedRules names those groups.
Json Attributes(const Json& group) {
  return {{"name", group.value("GroupName", "")},
          {"description", group.value("Description", "")},
          {"vpc_id", group.value("VpcId", "")},
          {"tags", UserTags(group.value("Tags", Json()))},
          {"ingress_rules", FlattenPermissions(group.value("IpPermissions", Json()))}};
}

using GroupNames = std::map<std::string, std::string>;  // group id -> name

// Adds to `names` the names of the groups among `ids` it lacks, with one
// DescribeSecurityGroups. A group it cannot see (another account's) stays unnamed.
Status LookUpNames(ResourceContext& context, const std::set<std::string>& ids, GroupNames& names) {
  Json missing = Json::array();
  for (const std::string& id : ids) {
    if (!names.count(id)) missing.push_back(id);
  }
  if (missing.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(
      Json groups,
      CallAllPages(context, "ec2", "DescribeSecurityGroups",
                   {{"Filters", {{{"Name", "group-id"}, {"Values", missing}}}}}, "SecurityGroups"));
  for (const Json& group : groups) names[group.value("GroupId", "")] = group.value("GroupName", "");
  return Status::Ok();
}

// The group ids the rules name as sources.
std::set<std::string> SourceIds(const Json& rules) {
  std::set<std::string> ids;
  for (const Json& rule : rules) {
    if (rule.contains("source_security_group_id"))
      ids.insert(rule.value("source_security_group_id", ""));
  }
  return ids;
}

// A rule with its source group named ("source_security_group") where `names` knows it.
Json Named(const Json& rule, const GroupNames& names) {
  auto name = names.find(rule.value("source_security_group_id", ""));
  if (name == names.end()) return rule;
  Json named = rule;
  named.erase("source_security_group_id");
  named["source_security_group"] = name->second;
  return named;
}

Json NamedRules(const Json& rules, const GroupNames& names) {
  Json named = Json::array();
  for (const Json& rule : rules) named.push_back(Named(rule, names));
  return CanonicalRules(named);
}

DescribeBatch Batch() {
  return {.operation = "DescribeSecurityGroups",
          .filter = "group-id",
          .list_member = "SecurityGroups",
          .id_member = "GroupId",
          .noun = "security group",
          .attributes = [](const Json& group, const state::ResourceRecord&) {
            return Attributes(group);
          }};
}

class SecurityGroupType : public ResourceType {
 public:
  std::string_view name() const override { return "security_group"; }
  std::string_view service() const override { return "ec2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // The groups of a batch usually name each other as sources, so their own answer names
  // most; one more DescribeSecurityGroups names the rest.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    std::vector<Result<Json>> results = DescribeRecords(context, records, Batch());
    GroupNames names;
    std::set<std::string> sources;
    for (size_t i = 0; i < results.size(); ++i) {
      if (!results[i].ok()) continue;
      names[records[i]->id] = results[i]->value("name", "");
      std::set<std::string> ids = SourceIds((*results[i])["ingress_rules"]);
      sources.insert(ids.begin(), ids.end());
    }
    Status looked_up = LookUpNames(context, sources, names);
    for (Result<Json>& result : results) {
      if (!result.ok()) continue;
      if (!looked_up.ok()) {
        result = looked_up;
        continue;
      }
      (*result)["ingress_rules"] = NamedRules((*result)["ingress_rules"], names);
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    // No client token, but the name is unique in the VPC: a repeated create fails with
    // InvalidGroup.Duplicate, and Find adopts the first by name.
    ASSIGN_OR_RETURN(Json output,
                     context.Call("ec2", "CreateSecurityGroup",
                                  {{"GroupName", desired["name"]},
                                   {"Description", desired["description"]},
                                   {"VpcId", desired["vpc_id"]},
                                   {"TagSpecifications",
                                    TagSpecificationsFor(context, "security-group", desired)}}));
    std::string id = output.value("GroupId", "");
    return Created{id, {{"id", id}}, Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    ASSIGN_OR_RETURN(
        Json output,
        context.Call("ec2", "DescribeSecurityGroups",
                     {{"Filters", {{{"Name", "group-id"}, {"Values", {record.id}}}}}}));
    const Json& groups = output["SecurityGroups"];
    if (!groups.is_array() || groups.empty()) {
      return NotFoundError(record.address + ": security group " + record.id + " is gone");
    }
    Json live = Attributes(groups[0]);
    if (has("tags")) {
      RETURN_IF_ERROR(
          SyncTags(context, record.id, live["tags"], desired.value("tags", Json::object())));
    }
    if (has("ingress_rules")) {
      // Revokes the rules the spec does not have; its security_group_rule resources add the
      // ones that are missing.
      GroupNames names = {{record.id, live.value("name", "")}};
      RETURN_IF_ERROR(LookUpNames(context, SourceIds(live["ingress_rules"]), names));
      Json wanted = CanonicalRules(desired.value("ingress_rules", Json::array()));
      for (const Json& rule : live["ingress_rules"]) {
        Json named = CanonicalRule(Named(rule, names));
        if (std::find(wanted.begin(), wanted.end(), named) != wanted.end()) continue;
        RETURN_IF_ERROR(CallIgnoring(
            context, "ec2", "RevokeSecurityGroupIngress",
            {{"GroupId", record.id}, {"IpPermissions", Json::array({PermissionOf(rule)})}},
            {kRuleGone}));
      }
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return context.Poll(
        "the security group to be released by its users", kInUseTimeout, [&]() -> Result<bool> {
          std::string code;
          Result<Json> deleted =
              CallForCode(context, "ec2", "DeleteSecurityGroup", {{"GroupId", record.id}}, &code);
          if (deleted.ok() || code == "InvalidGroup.NotFound") return true;
          if (code == "DependencyViolation") return false;
          return deleted.status();
        });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> group,
                     FindByAddressTag(context, "DescribeSecurityGroups", "SecurityGroups"));
    if (!group && desired.contains("name") && desired.contains("vpc_id")) {
      ASSIGN_OR_RETURN(Json output,
                       context.Call("ec2", "DescribeSecurityGroups",
                                    {{"Filters",
                                      {{{"Name", "vpc-id"}, {"Values", {desired["vpc_id"]}}},
                                       {{"Name", "group-name"}, {"Values", {desired["name"]}}}}}}));
      const Json& groups = output["SecurityGroups"];
      if (groups.is_array() && !groups.empty()) group = groups[0];
    }
    if (!group) return std::optional<Found>();
    std::string id = group->value("GroupId", "");
    Json attributes = Attributes(*group);
    GroupNames names = {{id, attributes.value("name", "")}};
    RETURN_IF_ERROR(LookUpNames(context, SourceIds(attributes["ingress_rules"]), names));
    attributes["ingress_rules"] = NamedRules(attributes["ingress_rules"], names);
    return std::optional<Found>(Found{id, {{"id", id}}, std::move(attributes)});
  }
};

}  // namespace

const ResourceType& SecurityGroup() {
  static const SecurityGroupType* type = new SecurityGroupType();
  return *type;
}

}  // namespace vueops::resources
