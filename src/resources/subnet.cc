// subnet: one subnet of the environment's VPC in one availability zone (notes: "VPC /
// Regions / AZ": "configured to use multi-AZ"). Public subnets hold the load balancer and
// the NAT gateways; private ones the servers, RDS and Redis.
//
// Attributes:
//   vpc_id                   string  replace   the VPC's id (a reference)
//   cidr_block               string  replace   carved from the VPC's block
//   availability_zone        string  replace   full zone name (us-west-2a)
//   map_public_ip_on_launch  bool    in place  whether instances get a public address
//   tags                     object  in place  the environment's tags and a Name
// Outputs: id, availability_zone.
#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"vpc_id", UpdateMode::kReplace},
    {"cidr_block", UpdateMode::kReplace},
    {"availability_zone", UpdateMode::kReplace},
    {"map_public_ip_on_launch", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// A subnet is usable once "available" (DescribeSubnets, Subnet.State); creation seldom takes
// more than seconds.
constexpr auto kReadyTimeout = std::chrono::minutes(5);

Json Attributes(const Json& subnet) {
  return {{"vpc_id", subnet.value("VpcId", "")},
          {"cidr_block", subnet.value("CidrBlock", "")},
          {"availability_zone", subnet.value("AvailabilityZone", "")},
          {"map_public_ip_on_launch", subnet.value("MapPublicIpOnLaunch", false)},
          {"tags", UserTags(subnet.value("Tags", Json()))}};
}

Json Outputs(const Json& subnet) {
  return {{"id", subnet.value("SubnetId", "")},
          {"availability_zone", subnet.value("AvailabilityZone", "")}};
}

DescribeBatch Batch() {
  return {.operation = "DescribeSubnets",
          .filter = "subnet-id",
          .list_member = "Subnets",
          .id_member = "SubnetId",
          .noun = "subnet",
          .attributes = [](const Json& subnet, const state::ResourceRecord&) {
            return Attributes(subnet);
          }};
}

Status SetMapPublicIp(ResourceContext& context, const std::string& id, bool value) {
  return context
      .Call("ec2", "ModifySubnetAttribute",
            {{"SubnetId", id}, {"MapPublicIpOnLaunch", {{"Value", value}}}})
      .status();
}

class SubnetType : public ResourceType {
 public:
  std::string_view name() const override { return "subnet"; }
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
    // CreateSubnet takes no client token: a retry after a crash finds the first subnet by
    // its vueops:address tag (Find), and a second CreateSubnet for the same block fails with
    // InvalidSubnet.Conflict rather than making a twin.
    ASSIGN_OR_RETURN(Json output,
                     context.Call("ec2", "CreateSubnet",
                                  {{"VpcId", desired["vpc_id"]},
                                   {"CidrBlock", desired["cidr_block"]},
                                   {"AvailabilityZone", desired["availability_zone"]},
                                   {"TagSpecifications",
                                    TagSpecificationsFor(context, "subnet", desired)}}));
    Json subnet = output["Subnet"];
    std::string id = subnet.value("SubnetId", "");
    if (desired.value("map_public_ip_on_launch", false)) {
      RETURN_IF_ERROR(SetMapPublicIp(context, id, true));
      subnet["MapPublicIpOnLaunch"] = true;
    }
    return Created{id, Outputs(subnet), Attributes(subnet)};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    for (const std::string& attribute : changed) {
      if (attribute == "map_public_ip_on_launch") {
        RETURN_IF_ERROR(
            SetMapPublicIp(context, record.id, desired.value("map_public_ip_on_launch", false)));
      } else if (attribute == "tags") {
        ASSIGN_OR_RETURN(Json live, Read(context, record));
        RETURN_IF_ERROR(SyncTags(context, record.id, live["tags"],
                                 desired.value("tags", Json::object())));
      }
    }
    return Status::Ok();
  }

  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    return context.Poll("the subnet to become available", kReadyTimeout, [&]() -> Result<bool> {
      ASSIGN_OR_RETURN(Json output, context.Call("ec2", "DescribeSubnets",
                                                 {{"SubnetIds", {record.id}}}));
      const Json& subnets = output["Subnets"];
      return subnets.is_array() && !subnets.empty() &&
             subnets[0].value("State", "") == "available";
    });
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return DeleteIgnoringGone(context, "ec2", "DeleteSubnet", {{"SubnetId", record.id}},
                              {"InvalidSubnetID.NotFound"});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json&,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> subnet,
                     FindByAddressTag(context, "DescribeSubnets", "Subnets"));
    if (!subnet) return std::optional<Found>();
    return std::optional<Found>(
        Found{subnet->value("SubnetId", ""), Outputs(*subnet), Attributes(*subnet)});
  }
};

}  // namespace

const ResourceType& Subnet() {
  static const SubnetType* type = new SubnetType();
  return *type;
}

}  // namespace vueops::resources
