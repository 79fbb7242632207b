// elastic_ip: an Elastic IP address allocated to the environment's account, for a NAT gateway
// or a dev server (notes: "Route53": "Use Elastic IPs as convenience for associating dev
// subdomain names with specific dev servers").
//
// Attributes:
//   domain  string  replace   "vpc" (EC2-Classic addresses are gone)
//   tags    object  in place
// Outputs: id (the allocation id), public_ip.
#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"domain", UpdateMode::kReplace},
    {"tags", UpdateMode::kInPlace},
};

Json Attributes(const Json& address) {
  return {{"domain", address.value("Domain", "vpc")},
          {"tags", UserTags(address.value("Tags", Json()))}};
}

Json Outputs(const Json& address) {
  return {{"id", address.value("AllocationId", "")},
          {"public_ip", address.value("PublicIp", "")}};
}

DescribeBatch Batch() {
  return {.operation = "DescribeAddresses",
          .filter = "allocation-id",
          .list_member = "Addresses",
          .id_member = "AllocationId",
          .noun = "Elastic IP",
          .attributes = [](const Json& address, const state::ResourceRecord&) {
            return Attributes(address);
          }};
}

class ElasticIpType : public ResourceType {
 public:
  std::string_view name() const override { return "elastic_ip"; }
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
    // AllocateAddress takes no client token; after a crash the address is adopted by its
    // vueops:address tag (Find).
    ASSIGN_OR_RETURN(Json output,
                     context.Call("ec2", "AllocateAddress",
                                  {{"Domain", desired.value("domain", "vpc")},
                                   {"TagSpecifications",
                                    TagSpecificationsFor(context, "elastic-ip", desired)}}));
    std::string id = output.value("AllocationId", "");
    return Created{id, Outputs(output),
                   {{"domain", output.value("Domain", "vpc")},
                    {"tags", desired.value("tags", DesiredUserTags(context))}}};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Json live, Read(context, record));
    return SyncTags(context, record.id, live["tags"], desired.value("tags", Json::object()));
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return DeleteIgnoringGone(context, "ec2", "ReleaseAddress", {{"AllocationId", record.id}},
                              {"InvalidAllocationID.NotFound"});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json&,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> address,
                     FindByAddressTag(context, "DescribeAddresses", "Addresses"));
    if (!address) return std::optional<Found>();
    return std::optional<Found>(
        Found{address->value("AllocationId", ""), Outputs(*address), Attributes(*address)});
  }
};

}  // namespace

const ResourceType& ElasticIp() {
  static const ElasticIpType* type = new ElasticIpType();
  return *type;
}

}  // namespace vueops::resources
