// vpc: the environment's VPC (notes: "VPC / Regions / AZ": "All AWS resources except CF and
// S3 are inside VPC").
//
// Attributes:
//   cidr_block            string  replace   the VPC's IPv4 block
//   enable_dns_hostnames  bool    create    public DNS names for instances (set once; not
//                                           read back, which would cost a call per VPC)
//   tags                  object  in place  the environment's tags and a Name
// Outputs: id, cidr_block.
#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"cidr_block", UpdateMode::kReplace},
    {"enable_dns_hostnames", UpdateMode::kCreateOnly},
    {"tags", UpdateMode::kInPlace},
};

Json Attributes(const Json& vpc) {
  return {{"cidr_block", vpc.value("CidrBlock", "")}, {"tags", UserTags(vpc.value("Tags", Json()))}};
}

Json Outputs(const Json& vpc) {
  return {{"id", vpc.value("VpcId", "")}, {"cidr_block", vpc.value("CidrBlock", "")}};
}

class VpcType : public ResourceType {
 public:
  std::string_view name() const override { return "vpc"; }
  std::string_view service() const override { return "ec2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Json ids = Json::array();
    for (const state::ResourceRecord* record : records) ids.push_back(record->id);
    // Filtering by vpc-id, unlike VpcIds, answers with the VPCs that exist instead of failing
    // the whole call when one is gone.
    Result<Json> output = context.Call(
        "ec2", "DescribeVpcs", {{"Filters", {{{"Name", "vpc-id"}, {"Values", ids}}}}});
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      if (!output.ok()) {
        results.push_back(output.status());
        continue;
      }
      Result<Json> found = NotFoundError(record->address + ": VPC " + record->id + " is gone");
      for (const Json& vpc : (*output)["Vpcs"]) {
        if (vpc.value("VpcId", "") == record->id) found = Attributes(vpc);
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    ASSIGN_OR_RETURN(Json output,
                     context.Call("ec2", "CreateVpc",
                                  {{"CidrBlock", desired["cidr_block"]},
                                   {"TagSpecifications",
                                    TagSpecificationsFor(context, "vpc", desired)}}));
    const Json& vpc = output["Vpc"];
    std::string id = vpc.value("VpcId", "");
    if (desired.value("enable_dns_hostnames", true)) {
      RETURN_IF_ERROR(context
                          .Call("ec2", "ModifyVpcAttribute",
                                {{"VpcId", id}, {"EnableDnsHostnames", {{"Value", true}}}})
                          .status());
    }
    return Created{id, Outputs(vpc), Attributes(vpc)};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    return SyncTags(context, record.id, record.attributes.value("tags", Json::object()),
                    desired.value("tags", Json::object()));
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> deleted =
        context.CallOrNotFound("ec2", "DeleteVpc", {{"VpcId", record.id}}, {"InvalidVpcID.NotFound"});
    if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) return deleted.status();
    return Status::Ok();
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json&,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> vpc, FindByAddressTag(context, "DescribeVpcs", "Vpcs"));
    if (!vpc) return std::optional<Found>();
    return std::optional<Found>(Found{vpc->value("VpcId", ""), Outputs(*vpc), Attributes(*vpc)});
  }
};

}  // namespace

const ResourceType& Vpc() {
  static const VpcType* type = new VpcType();
  return *type;
}

}  // namespace vueops::resources
