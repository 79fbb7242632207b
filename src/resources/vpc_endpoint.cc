// vpc_endpoint: the S3 gateway endpoint on the VPC's route tables (notes, S3: "VPC Endpoint
// for S3 (which makes it not visible to public IPs)"): the servers reach the buckets without
// the internet, and the bucket policies can name the endpoint.
//
// Attributes:
//   vpc_id             string  replace   the VPC
//   service_name       string  replace   com.amazonaws.<region>.s3
//   vpc_endpoint_type  string  replace   Gateway
//   route_table_ids    list    in place  the route tables it adds its prefix-list route to
//                                        (recorded order; the pass sees references)
//   tags               object  in place
// Outputs: id.
#include <algorithm>

#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"vpc_id", UpdateMode::kReplace},
    {"service_name", UpdateMode::kReplace},
    {"vpc_endpoint_type", UpdateMode::kReplace},
    {"route_table_ids", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// Gateway endpoints become "available" within seconds; interface ones take minutes.
constexpr auto kReadyTimeout = std::chrono::minutes(10);

bool IsGone(const Json& endpoint) {
  std::string state = endpoint.value("State", "");
  return state == "deleted" || state == "deleting" || state == "Deleted" ||
         state == "Deleting" || state == "failed" || state == "Failed";
}

Json Attributes(const Json& endpoint, const Json& recorded_tables) {
  return {{"vpc_id", endpoint.value("VpcId", "")},
          {"service_name", endpoint.value("ServiceName", "")},
          {"vpc_endpoint_type", endpoint.value("VpcEndpointType", "")},
          {"route_table_ids",
           OrderLike(endpoint.value("RouteTableIds", Json::array()), recorded_tables)},
          {"tags", UserTags(endpoint.value("Tags", Json()))}};
}

// The endpoints among `ids` that exist and are not being deleted, by id. VpcEndpointIds fails
// the whole call when one id is unknown (InvalidVpcEndpointId.NotFound): then each id is read
// alone, so that only the missing ones read as gone.
Result<std::vector<Json>> DescribeEndpoints(ResourceContext& context, const Json& ids) {
  std::string code;
  Result<Json> output = CallForCode(context, "ec2", "DescribeVpcEndpoints",
                                    {{"VpcEndpointIds", ids}}, &code);
  std::vector<Json> endpoints;
  if (output.ok()) {
    for (const Json& endpoint : output->value("VpcEndpoints", Json::array())) {
      if (!IsGone(endpoint)) endpoints.push_back(endpoint);
    }
    return endpoints;
  }
  if (code != "InvalidVpcEndpointId.NotFound") return output.status();
  if (ids.size() == 1) return endpoints;
  for (const Json& id : ids) {
    ASSIGN_OR_RETURN(std::vector<Json> one, DescribeEndpoints(context, Json::array({id})));
    endpoints.insert(endpoints.end(), one.begin(), one.end());
  }
  return endpoints;
}

class VpcEndpointType : public ResourceType {
 public:
  std::string_view name() const override { return "vpc_endpoint"; }
  std::string_view service() const override { return "ec2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // By VpcEndpointIds rather than the vpc-endpoint-id filter, which AWS has and moto lacks.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Json ids = Json::array();
    for (const state::ResourceRecord* record : records) ids.push_back(record->id);
    Result<std::vector<Json>> endpoints = DescribeEndpoints(context, ids);
    if (!endpoints.ok()) return std::vector<Result<Json>>(records.size(), endpoints.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      Result<Json> found =
          NotFoundError(record->address + ": VPC endpoint " + record->id + " is gone");
      for (const Json& endpoint : *endpoints) {
        if (endpoint.value("VpcEndpointId", "") != record->id) continue;
        found = Attributes(endpoint, record->attributes.value("route_table_ids", Json::array()));
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override {
    ASSIGN_OR_RETURN(
        Json output,
        context.Call("ec2", "CreateVpcEndpoint",
                     {{"VpcId", desired["vpc_id"]},
                      {"ServiceName", desired["service_name"]},
                      {"VpcEndpointType", desired.value("vpc_endpoint_type", "Gateway")},
                      {"RouteTableIds", desired.value("route_table_ids", Json::array())},
                      {"ClientToken", token},
                      {"TagSpecifications",
                       TagSpecificationsFor(context, "vpc-endpoint", desired)}}));
    const Json& endpoint = output["VpcEndpoint"];
    std::string id = endpoint.value("VpcEndpointId", "");
    return Created{id, {{"id", id}}, Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    ASSIGN_OR_RETURN(Json live, Read(context, record));
    for (const std::string& attribute : changed) {
      if (attribute == "route_table_ids") {
        Json wanted = desired.value("route_table_ids", Json::array());
        Json current = live["route_table_ids"];
        Json add = Json::array();
        Json remove = Json::array();
        for (const Json& table : wanted) {
          if (std::find(current.begin(), current.end(), table) == current.end()) {
            add.push_back(table);
          }
        }
        for (const Json& table : current) {
          if (std::find(wanted.begin(), wanted.end(), table) == wanted.end()) {
            remove.push_back(table);
          }
        }
        Json input = {{"VpcEndpointId", record.id}};
        if (!add.empty()) input["AddRouteTableIds"] = add;
        if (!remove.empty()) input["RemoveRouteTableIds"] = remove;
        if (!add.empty() || !remove.empty()) {
          RETURN_IF_ERROR(context.Call("ec2", "ModifyVpcEndpoint", input).status());
        }
      } else if (attribute == "tags") {
        RETURN_IF_ERROR(
            SyncTags(context, record.id, live["tags"], desired.value("tags", Json::object())));
      }
    }
    return Status::Ok();
  }

  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    return context.Poll("the VPC endpoint to become available", kReadyTimeout,
                        [&]() -> Result<bool> {
                          ASSIGN_OR_RETURN(Json output,
                                           context.Call("ec2", "DescribeVpcEndpoints",
                                                        {{"VpcEndpointIds", {record.id}}}));
                          const Json& endpoints = output["VpcEndpoints"];
                          if (!endpoints.is_array() || endpoints.empty()) return false;
                          std::string state = endpoints[0].value("State", "");
                          if (IsGone(endpoints[0])) {
                            return FailedPreconditionError(context.address() + ": endpoint " +
                                                           record.id + " is " + state);
                          }
                          return state == "available" || state == "Available";
                        });
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    // DeleteVpcEndpoints reports per endpoint in Unsuccessful instead of failing the call.
    Result<Json> output = context.CallOrNotFound("ec2", "DeleteVpcEndpoints",
                                                 {{"VpcEndpointIds", {record.id}}},
                                                 {"InvalidVpcEndpointId.NotFound"});
    if (!output.ok()) {
      return output.status().code() == StatusCode::kNotFound ? Status::Ok() : output.status();
    }
    for (const Json& failure : output->value("Unsuccessful", Json::array())) {
      const Json& error = failure.value("Error", Json::object());
      std::string code = error.value("Code", "");
      if (code == "InvalidVpcEndpointId.NotFound" || code == "InvalidVpcEndpoint.NotFound") {
        continue;
      }
      return FailedPreconditionError(context.address() + ": DeleteVpcEndpoints: " + code + ": " +
                                     error.value("Message", ""));
    }
    return Status::Ok();
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> endpoint,
                     FindByAddressTag(context, "DescribeVpcEndpoints", "VpcEndpoints"));
    if (!endpoint || IsGone(*endpoint)) return std::optional<Found>();
    std::string id = endpoint->value("VpcEndpointId", "");
    return std::optional<Found>(
        Found{id,
              {{"id", id}},
              Attributes(*endpoint, desired.value("route_table_ids", Json::array()))});
  }
};

}  // namespace

const ResourceType& VpcEndpoint() {
  static const VpcEndpointType* type = new VpcEndpointType();
  return *type;
}

}  // namespace vueops::resources
