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
//   tags         object  in place
// Outputs: id.
#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"description", UpdateMode::kReplace},
    {"vpc_id", UpdateMode::kReplace},
    {"tags", UpdateMode::kInPlace},
};

// A group still used by a network interface (an instance terminating, a load balancer
// releasing its interfaces) cannot be deleted: DependencyViolation until they are gone,
// which takes minutes after an instance terminates.
constexpr auto kInUseTimeout = std::chrono::minutes(10);

Json Attributes(const Json& group) {
  return {{"name", group.value("GroupName", "")},
          {"description", group.value("Description", "")},
          {"vpc_id", group.value("VpcId", "")},
          {"tags", UserTags(group.value("Tags", Json()))}};
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
    return DescribeRecord(context, record, Batch());
  }

  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    return DescribeRecords(context, records, Batch());
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
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Json live, Read(context, record));
    return SyncTags(context, record.id, live["tags"], desired.value("tags", Json::object()));
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return context.Poll("the security group to be released by its users", kInUseTimeout,
                        [&]() -> Result<bool> {
                          std::string code;
                          Result<Json> deleted = CallForCode(
                              context, "ec2", "DeleteSecurityGroup", {{"GroupId", record.id}},
                              &code);
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
                                    {{"Filters", {{{"Name", "vpc-id"},
                                                   {"Values", {desired["vpc_id"]}}},
                                                  {{"Name", "group-name"},
                                                   {"Values", {desired["name"]}}}}}}));
      const Json& groups = output["SecurityGroups"];
      if (groups.is_array() && !groups.empty()) group = groups[0];
    }
    if (!group) return std::optional<Found>();
    std::string id = group->value("GroupId", "");
    return std::optional<Found>(Found{id, {{"id", id}}, Attributes(*group)});
  }
};

}  // namespace

const ResourceType& SecurityGroup() {
  static const SecurityGroupType* type = new SecurityGroupType();
  return *type;
}

}  // namespace vueops::resources
