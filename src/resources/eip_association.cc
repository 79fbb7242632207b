// eip_association: a dev server's Elastic IP (notes: "Route53": "Use Elastic IPs as
// convenience for associating dev subdomain names with specific dev servers").
//
// Attributes:
//   allocation_id  string  replace   the Elastic IP
//   instance_id    string  replace   the dev server
// Outputs: id (the association id).
#include "resources/ec2_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"allocation_id", UpdateMode::kReplace},
    {"instance_id", UpdateMode::kReplace},
};

Json Attributes(const Json& address) {
  return {{"allocation_id", address.value("AllocationId", "")},
          {"instance_id", address.value("InstanceId", "")}};
}

DescribeBatch Batch() {
  return {.operation = "DescribeAddresses",
          .filter = "association-id",
          .list_member = "Addresses",
          .id_member = "AssociationId",
          .noun = "Elastic IP association",
          .attributes = [](const Json& address, const state::ResourceRecord&) {
            return Attributes(address);
          }};
}

// The address of `allocation_id`, or nullopt.
Result<std::optional<Json>> Address(ResourceContext& context, const std::string& allocation_id) {
  ASSIGN_OR_RETURN(Json output, context.Call("ec2", "DescribeAddresses",
                                             {{"Filters", {{{"Name", "allocation-id"},
                                                            {"Values", {allocation_id}}}}}}));
  const Json& addresses = output["Addresses"];
  if (!addresses.is_array() || addresses.empty()) return std::optional<Json>();
  return std::optional<Json>(addresses[0]);
}

class EipAssociationType : public ResourceType {
 public:
  std::string_view name() const override { return "eip_association"; }
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
    std::string allocation = desired.value("allocation_id", "");
    std::string instance = desired.value("instance_id", "");
    // A retried association finds the first one in place.
    ASSIGN_OR_RETURN(std::optional<Json> address, Address(context, allocation));
    if (address && address->value("InstanceId", "") == instance &&
        !address->value("AssociationId", "").empty()) {
      std::string id = address->value("AssociationId", "");
      return Created{id, {{"id", id}}, Json::object()};
    }
    // The address is the environment's, made for this server: take it from wherever it was
    // moved by hand.
    ASSIGN_OR_RETURN(Json output, context.Call("ec2", "AssociateAddress",
                                               {{"AllocationId", allocation},
                                                {"InstanceId", instance},
                                                {"AllowReassociation", true}}));
    std::string id = output.value("AssociationId", "");
    return Created{id, {{"id", id}}, Json::object()};
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return DeleteIgnoringGone(context, "ec2", "DisassociateAddress", {{"AssociationId", record.id}},
                              {"InvalidAssociationID.NotFound"});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> address,
                     Address(context, desired.value("allocation_id", "")));
    if (!address || address->value("InstanceId", "") != desired.value("instance_id", "") ||
        address->value("AssociationId", "").empty()) {
      return std::optional<Found>();
    }
    std::string id = address->value("AssociationId", "");
    return std::optional<Found>(Found{id, {{"id", id}}, Attributes(*address)});
  }
};

}  // namespace

const ResourceType& EipAssociation() {
  static const EipAssociationType* type = new EipAssociationType();
  return *type;
}

}  // namespace vueops::resources
