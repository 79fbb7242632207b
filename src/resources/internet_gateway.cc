// internet_gateway: the VPC's way to the internet, with its attachment to the VPC (notes:
// "ELB is visible publicly on 80 and 443"; the NAT gateways reach out through it).
//
// Attributes:
//   vpc_id  string  in place  the VPC it is attached to (detached and attached again when it
//                             changes)
//   tags    object  in place
// Outputs: id.
#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"vpc_id", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// The VPC the gateway is attached to, or "" (an attachment "detaching" no longer counts).
std::string AttachedVpc(const Json& gateway) {
  for (const Json& attachment : gateway.value("Attachments", Json::array())) {
    std::string state = attachment.value("State", "");
    if (state == "attached" || state == "available" || state == "attaching") {
      return attachment.value("VpcId", "");
    }
  }
  return "";
}

Json Attributes(const Json& gateway) {
  return {{"vpc_id", AttachedVpc(gateway)}, {"tags", UserTags(gateway.value("Tags", Json()))}};
}

Json Outputs(const Json& gateway) { return {{"id", gateway.value("InternetGatewayId", "")}}; }

DescribeBatch Batch() {
  return {.operation = "DescribeInternetGateways",
          .filter = "internet-gateway-id",
          .list_member = "InternetGateways",
          .id_member = "InternetGatewayId",
          .noun = "internet gateway",
          .attributes = [](const Json& gateway, const state::ResourceRecord&) {
            return Attributes(gateway);
          }};
}

Status Attach(ResourceContext& context, const std::string& id, const std::string& vpc_id) {
  std::string code;
  Result<Json> attached = CallForCode(context, "ec2", "AttachInternetGateway",
                                      {{"InternetGatewayId", id}, {"VpcId", vpc_id}}, &code);
  // Already attached to this VPC: a retried attach after a crash.
  if (attached.ok() || code == "Resource.AlreadyAssociated") return Status::Ok();
  return attached.status();
}

Status Detach(ResourceContext& context, const std::string& id, const std::string& vpc_id) {
  return DeleteIgnoringGone(context, "ec2", "DetachInternetGateway",
                            {{"InternetGatewayId", id}, {"VpcId", vpc_id}},
                            {"Gateway.NotAttached", "InvalidInternetGatewayID.NotFound"});
}

class InternetGatewayType : public ResourceType {
 public:
  std::string_view name() const override { return "internet_gateway"; }
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
    // No client token: after a crash the engine adopts the gateway by its vueops:address tag
    // (Find), and an unattached one shows as a vpc_id change that Update attaches.
    ASSIGN_OR_RETURN(Json output,
                     context.Call("ec2", "CreateInternetGateway",
                                  {{"TagSpecifications",
                                    TagSpecificationsFor(context, "internet-gateway", desired)}}));
    Json gateway = output["InternetGateway"];
    std::string id = gateway.value("InternetGatewayId", "");
    std::string vpc_id = desired.value("vpc_id", "");
    if (!vpc_id.empty()) {
      RETURN_IF_ERROR(Attach(context, id, vpc_id));
      gateway["Attachments"] = Json::array({{{"VpcId", vpc_id}, {"State", "available"}}});
    }
    return Created{id, Outputs(gateway), Attributes(gateway)};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Json live, Read(context, record));
    std::string current = live.value("vpc_id", "");
    std::string wanted = desired.value("vpc_id", "");
    if (current != wanted) {
      if (!current.empty()) RETURN_IF_ERROR(Detach(context, record.id, current));
      if (!wanted.empty()) RETURN_IF_ERROR(Attach(context, record.id, wanted));
    }
    return SyncTags(context, record.id, live["tags"], desired.value("tags", Json::object()));
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> live = Read(context, record);
    if (!live.ok()) {
      return live.status().code() == StatusCode::kNotFound ? Status::Ok() : live.status();
    }
    // AWS refuses to delete an attached gateway (DependencyViolation).
    std::string vpc_id = live->value("vpc_id", "");
    if (!vpc_id.empty()) RETURN_IF_ERROR(Detach(context, record.id, vpc_id));
    return DeleteIgnoringGone(context, "ec2", "DeleteInternetGateway",
                              {{"InternetGatewayId", record.id}},
                              {"InvalidInternetGatewayID.NotFound"});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json&,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> gateway,
                     FindByAddressTag(context, "DescribeInternetGateways", "InternetGateways"));
    if (!gateway) return std::optional<Found>();
    return std::optional<Found>(Found{gateway->value("InternetGatewayId", ""), Outputs(*gateway),
                                      Attributes(*gateway)});
  }
};

}  // namespace

const ResourceType& InternetGateway() {
  static const InternetGatewayType* type = new InternetGatewayType();
  return *type;
}

}  // namespace vueops::resources
