// route_table: a route table with its routes and its subnet associations (notes: "VPC /
// Regions / AZ" and FUTURE "NAT in private VPC to allow outgoing"): the public table sends
// 0.0.0.0/0 to the internet gateway, each private table to its zone's NAT gateway.
//
// Attributes:
//   vpc_id      string  replace   the VPC (a reference)
//   routes      list    in place  [{"destination": "0.0.0.0/0", "<target>": id}], sorted by
//                                 destination; the target is one of gateway_id,
//                                 nat_gateway_id, network_interface_id,
//                                 vpc_peering_connection_id, transit_gateway_id,
//                                 egress_only_gateway_id. The local route and the routes a VPC
//                                 endpoint manages (to a prefix list) are left out.
//   subnet_ids  list    in place  the associated subnets (in the recorded order: the pass
//                                 sees references only)
//   tags        object  in place
// Outputs: id.
#include <algorithm>
#include <utility>

#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"vpc_id", UpdateMode::kReplace},
    {"routes", UpdateMode::kInPlace},
    {"subnet_ids", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// Route targets: the attribute's name and the EC2 API member (CreateRoute, Route).
constexpr std::pair<std::string_view, std::string_view> kTargets[] = {
    {"gateway_id", "GatewayId"},
    {"nat_gateway_id", "NatGatewayId"},
    {"network_interface_id", "NetworkInterfaceId"},
    {"vpc_peering_connection_id", "VpcPeeringConnectionId"},
    {"transit_gateway_id", "TransitGatewayId"},
    {"egress_only_gateway_id", "EgressOnlyInternetGatewayId"},
};

bool IsIpv6(const std::string& destination) {
  return destination.find(':') != std::string::npos;
}

Json Routes(const Json& table) {
  Json routes = Json::array();
  for (const Json& route : table.value("Routes", Json::array())) {
    // The local route comes with the table; endpoint routes (to a prefix list) belong to the
    // vpc_endpoint; propagated routes to the VPN gateway.
    if (route.value("Origin", "") == "CreateRouteTable" ||
        route.value("Origin", "") == "EnableVgwRoutePropagation" ||
        route.value("GatewayId", "") == "local" || route.contains("DestinationPrefixListId")) {
      continue;
    }
    std::string destination = route.value("DestinationCidrBlock", "");
    if (destination.empty()) destination = route.value("DestinationIpv6CidrBlock", "");
    if (destination.empty()) continue;
    Json item = {{"destination", destination}};
    for (const auto& [attribute, member] : kTargets) {
      std::string target = route.value(std::string(member), "");
      if (!target.empty()) {
        item[std::string(attribute)] = target;
        break;
      }
    }
    routes.push_back(std::move(item));
  }
  std::sort(routes.begin(), routes.end(), [](const Json& a, const Json& b) {
    return a.value("destination", "") < b.value("destination", "");
  });
  return routes;
}

// Subnet id -> association id, for the table's subnet associations.
std::vector<std::pair<std::string, std::string>> SubnetAssociations(const Json& table) {
  std::vector<std::pair<std::string, std::string>> associations;
  for (const Json& association : table.value("Associations", Json::array())) {
    if (association.value("Main", false)) continue;
    std::string subnet = association.value("SubnetId", "");
    if (subnet.empty()) continue;
    std::string state = association.contains("AssociationState")
                            ? association["AssociationState"].value("State", "associated")
                            : "associated";
    if (state != "associated" && state != "associating") continue;
    associations.emplace_back(subnet, association.value("RouteTableAssociationId", ""));
  }
  return associations;
}

Json Attributes(const Json& table, const Json& recorded_subnets) {
  Json subnets = Json::array();
  for (const auto& [subnet, association] : SubnetAssociations(table)) subnets.push_back(subnet);
  return {{"vpc_id", table.value("VpcId", "")},
          {"routes", Routes(table)},
          {"subnet_ids", OrderLike(subnets, recorded_subnets)},
          {"tags", UserTags(table.value("Tags", Json()))}};
}

DescribeBatch Batch() {
  return {.operation = "DescribeRouteTables",
          .filter = "route-table-id",
          .list_member = "RouteTables",
          .id_member = "RouteTableId",
          .noun = "route table",
          .attributes = [](const Json& table, const state::ResourceRecord& record) {
            return Attributes(table, record.attributes.value("subnet_ids", Json::array()));
          }};
}

Result<Json> Describe(ResourceContext& context, const std::string& id) {
  ASSIGN_OR_RETURN(Json output, context.CallOrNotFound("ec2", "DescribeRouteTables",
                                                       {{"RouteTableIds", {id}}},
                                                       {"InvalidRouteTableID.NotFound"}));
  const Json& tables = output["RouteTables"];
  if (!tables.is_array() || tables.empty()) {
    return NotFoundError(context.address() + ": route table " + id + " is gone");
  }
  return tables[0];
}

Json RouteInput(const std::string& table_id, const Json& route) {
  std::string destination = route.value("destination", "");
  Json input = {{"RouteTableId", table_id},
                {IsIpv6(destination) ? "DestinationIpv6CidrBlock" : "DestinationCidrBlock",
                 destination}};
  for (const auto& [attribute, member] : kTargets) {
    if (route.contains(std::string(attribute))) {
      input[std::string(member)] = route[std::string(attribute)];
    }
  }
  return input;
}

// Brings the table's routes from `live` to `desired` (both in the attribute's form).
Status SyncRoutes(ResourceContext& context, const std::string& id, const Json& live,
                  const Json& desired) {
  auto find = [](const Json& routes, const std::string& destination) -> const Json* {
    for (const Json& route : routes) {
      if (route.value("destination", "") == destination) return &route;
    }
    return nullptr;
  };
  for (const Json& route : desired) {
    const Json* current = find(live, route.value("destination", ""));
    if (current != nullptr && *current == route) continue;
    // ReplaceRoute keeps the destination routed while its target changes (a NAT gateway
    // replaced, or a blackhole route to a deleted one).
    RETURN_IF_ERROR(context
                        .Call("ec2", current == nullptr ? "CreateRoute" : "ReplaceRoute",
                              RouteInput(id, route))
                        .status());
  }
  for (const Json& route : live) {
    std::string destination = route.value("destination", "");
    if (find(desired, destination) != nullptr) continue;
    Json input = {{"RouteTableId", id},
                  {IsIpv6(destination) ? "DestinationIpv6CidrBlock" : "DestinationCidrBlock",
                   destination}};
    RETURN_IF_ERROR(
        DeleteIgnoringGone(context, "ec2", "DeleteRoute", input, {"InvalidRoute.NotFound"}));
  }
  return Status::Ok();
}

// Associates `subnet` with the table, moving it from the table it was associated with.
Status Associate(ResourceContext& context, const std::string& id, const std::string& subnet) {
  std::string code;
  Result<Json> associated = CallForCode(context, "ec2", "AssociateRouteTable",
                                        {{"RouteTableId", id}, {"SubnetId", subnet}}, &code);
  if (associated.ok()) return Status::Ok();
  if (code != "Resource.AlreadyAssociated") return associated.status();
  // A subnet has one explicit association: replace the other table's.
  ASSIGN_OR_RETURN(Json output,
                   context.Call("ec2", "DescribeRouteTables",
                                {{"Filters", {{{"Name", "association.subnet-id"},
                                               {"Values", {subnet}}}}}}));
  for (const Json& table : output.value("RouteTables", Json::array())) {
    for (const auto& [associated_subnet, association] : SubnetAssociations(table)) {
      if (associated_subnet != subnet) continue;
      if (table.value("RouteTableId", "") == id) return Status::Ok();
      return context
          .Call("ec2", "ReplaceRouteTableAssociation",
                {{"AssociationId", association}, {"RouteTableId", id}})
          .status();
    }
  }
  return associated.status();
}

Status SyncAssociations(ResourceContext& context, const std::string& id, const Json& table,
                        const Json& desired) {
  std::vector<std::pair<std::string, std::string>> live = SubnetAssociations(table);
  for (const Json& subnet : desired) {
    std::string wanted = subnet.get<std::string>();
    bool present = std::any_of(live.begin(), live.end(),
                               [&](const auto& entry) { return entry.first == wanted; });
    if (!present) RETURN_IF_ERROR(Associate(context, id, wanted));
  }
  for (const auto& [subnet, association] : live) {
    if (std::find(desired.begin(), desired.end(), Json(subnet)) != desired.end()) continue;
    RETURN_IF_ERROR(DeleteIgnoringGone(context, "ec2", "DisassociateRouteTable",
                                       {{"AssociationId", association}},
                                       {"InvalidAssociationID.NotFound"}));
  }
  return Status::Ok();
}

class RouteTableType : public ResourceType {
 public:
  std::string_view name() const override { return "route_table"; }
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
    ASSIGN_OR_RETURN(Json output,
                     context.Call("ec2", "CreateRouteTable",
                                  {{"VpcId", desired["vpc_id"]},
                                   {"ClientToken", token},
                                   {"TagSpecifications",
                                    TagSpecificationsFor(context, "route-table", desired)}}));
    const Json& table = output["RouteTable"];
    std::string id = table.value("RouteTableId", "");
    RETURN_IF_ERROR(
        SyncRoutes(context, id, Routes(table), desired.value("routes", Json::array())));
    RETURN_IF_ERROR(
        SyncAssociations(context, id, table, desired.value("subnet_ids", Json::array())));
    return Created{id, {{"id", id}}, Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    // From the live table, not the record: a route changed by hand is brought back too.
    ASSIGN_OR_RETURN(Json table, Describe(context, record.id));
    for (const std::string& attribute : changed) {
      if (attribute == "routes") {
        RETURN_IF_ERROR(SyncRoutes(context, record.id, Routes(table),
                                   desired.value("routes", Json::array())));
      } else if (attribute == "subnet_ids") {
        RETURN_IF_ERROR(SyncAssociations(context, record.id, table,
                                         desired.value("subnet_ids", Json::array())));
      } else if (attribute == "tags") {
        RETURN_IF_ERROR(SyncTags(context, record.id, UserTags(table.value("Tags", Json())),
                                 desired.value("tags", Json::object())));
      }
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> table = Describe(context, record.id);
    if (!table.ok()) {
      return table.status().code() == StatusCode::kNotFound ? Status::Ok() : table.status();
    }
    // AWS refuses to delete a table with subnet associations (DependencyViolation).
    RETURN_IF_ERROR(SyncAssociations(context, record.id, *table, Json::array()));
    return DeleteIgnoringGone(context, "ec2", "DeleteRouteTable", {{"RouteTableId", record.id}},
                              {"InvalidRouteTableID.NotFound"});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> table,
                     FindByAddressTag(context, "DescribeRouteTables", "RouteTables"));
    if (!table) return std::optional<Found>();
    std::string id = table->value("RouteTableId", "");
    return std::optional<Found>(
        Found{id, {{"id", id}}, Attributes(*table, desired.value("subnet_ids", Json::array()))});
  }
};

}  // namespace

const ResourceType& RouteTable() {
  static const RouteTableType* type = new RouteTableType();
  return *type;
}

}  // namespace vueops::resources
