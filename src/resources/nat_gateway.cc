// nat_gateway: a public NAT gateway in a public subnet, through which the private subnets
// reach out (notes FUTURE: "Move EC2 instances into private VPC ... NAT in private VPC to
// allow outgoing"). Not stateful: it holds no data, and its Elastic IP is a separate object.
//
// Attributes:
//   subnet_id      string  replace   the public subnet it lives in
//   allocation_id  string  replace   its Elastic IP
//   tags           object  in place
// Outputs: id.
#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"subnet_id", UpdateMode::kReplace},
    {"allocation_id", UpdateMode::kReplace},
    {"tags", UpdateMode::kInPlace},
};

// A NAT gateway is "pending" for a few minutes after creation and "deleting" for about as
// long (Amazon VPC User Guide, "NAT gateway basics"); allow for a slow region.
constexpr auto kStateTimeout = std::chrono::minutes(15);

const std::initializer_list<std::string_view> kGoneCodes = {"NatGatewayNotFound",
                                                            "InvalidNatGatewayID.NotFound"};

bool IsGone(const Json& gateway) {
  std::string state = gateway.value("State", "");
  return state == "deleted" || state == "deleting" || state == "failed";
}

std::string AllocationOf(const Json& gateway) {
  for (const Json& address : gateway.value("NatGatewayAddresses", Json::array())) {
    std::string allocation = address.value("AllocationId", "");
    if (!allocation.empty()) return allocation;
  }
  return "";
}

Json Attributes(const Json& gateway) {
  return {{"subnet_id", gateway.value("SubnetId", "")},
          {"allocation_id", AllocationOf(gateway)},
          {"tags", UserTags(gateway.value("Tags", Json()))}};
}

Json Outputs(const Json& gateway) { return {{"id", gateway.value("NatGatewayId", "")}}; }

DescribeBatch Batch() {
  return {.operation = "DescribeNatGateways",
          .filter = "nat-gateway-id",
          .list_member = "NatGateways",
          .id_member = "NatGatewayId",
          .noun = "NAT gateway",
          .attributes = [](const Json& gateway, const state::ResourceRecord&) {
            return Attributes(gateway);
          },
          .gone = [](const Json& item, const state::ResourceRecord&) { return IsGone(item); },
          .filters_member = "Filter"};
}

// The gateway's description, or nullopt when AWS no longer lists it.
Result<std::optional<Json>> Describe(ResourceContext& context, const std::string& id) {
  Result<Json> output = context.CallOrNotFound("ec2", "DescribeNatGateways",
                                               {{"NatGatewayIds", {id}}}, kGoneCodes);
  if (!output.ok()) {
    if (output.status().code() == StatusCode::kNotFound) return std::optional<Json>();
    return output.status();
  }
  const Json& gateways = (*output)["NatGateways"];
  if (!gateways.is_array() || gateways.empty()) return std::optional<Json>();
  return std::optional<Json>(gateways[0]);
}

class NatGatewayType : public ResourceType {
 public:
  std::string_view name() const override { return "nat_gateway"; }
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
                         const std::string& token) const override {
    Json input = {{"SubnetId", desired["subnet_id"]},
                  {"AllocationId", desired["allocation_id"]},
                  {"ConnectivityType", "public"},
                  {"ClientToken", token},
                  {"TagSpecifications", TagSpecificationsFor(context, "natgateway", desired)}};
    ASSIGN_OR_RETURN(Json output, context.Call("ec2", "CreateNatGateway", input));
    Json gateway = output["NatGateway"];
    if (IsGone(gateway)) {
      // The token named a gateway deleted since (the engine keeps an address's token): ask
      // again with a token derived from it, the same on every retry.
      input["ClientToken"] = TokenAfter(token, gateway.value("NatGatewayId", ""));
      ASSIGN_OR_RETURN(output, context.Call("ec2", "CreateNatGateway", input));
      gateway = output["NatGateway"];
    }
    std::string id = gateway.value("NatGatewayId", "");
    return Created{id, Outputs(gateway), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Json live, Read(context, record));
    return SyncTags(context, record.id, live["tags"], desired.value("tags", Json::object()));
  }

  // The private route tables point at the gateway: it must be "available" to carry traffic.
  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    return context.Poll("the NAT gateway to become available", kStateTimeout,
                        [&]() -> Result<bool> {
                          ASSIGN_OR_RETURN(std::optional<Json> gateway,
                                           Describe(context, record.id));
                          if (!gateway) {
                            return NotFoundError(context.address() + ": NAT gateway " +
                                                 record.id + " vanished while being created");
                          }
                          std::string state = gateway->value("State", "");
                          if (state == "failed" || state == "deleted" || state == "deleting") {
                            return FailedPreconditionError(
                                context.address() + ": NAT gateway " + record.id + " is " +
                                state + ": " + gateway->value("FailureMessage", "no reason given"));
                          }
                          return state == "available";
                        });
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    RETURN_IF_ERROR(DeleteIgnoringGone(context, "ec2", "DeleteNatGateway",
                                       {{"NatGatewayId", record.id}}, kGoneCodes));
    // Its Elastic IP cannot be released, nor its subnet deleted, while the gateway's network
    // interface exists: wait until the gateway is "deleted".
    return context.Poll("the NAT gateway to be deleted", kStateTimeout, [&]() -> Result<bool> {
      ASSIGN_OR_RETURN(std::optional<Json> gateway, Describe(context, record.id));
      return !gateway || gateway->value("State", "") == "deleted";
    });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json&,
                                    const std::string&) const override {
    Json state_filter = {{"Name", "state"}, {"Values", {"pending", "available"}}};
    ASSIGN_OR_RETURN(std::optional<Json> gateway,
                     FindTagged(context, "DescribeNatGateways", "NatGateways", "Filter",
                                Json::array({state_filter})));
    if (!gateway) return std::optional<Found>();
    return std::optional<Found>(
        Found{gateway->value("NatGatewayId", ""), Outputs(*gateway), Attributes(*gateway)});
  }
};

}  // namespace

const ResourceType& NatGateway() {
  static const NatGatewayType* type = new NatGatewayType();
  return *type;
}

}  // namespace vueops::resources
