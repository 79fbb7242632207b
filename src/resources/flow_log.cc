// flow_log: the VPC's flow log, every accepted and rejected connection delivered to the
// environment's logs bucket (CIS AWS Foundations 3.7, "VPC flow logging is enabled in all
// VPCs"; notes: "Logging: Log to separate S3 bucket"). The bucket's policy must let
// delivery.logs.amazonaws.com write (the S3 section's bucket_policy).
//
// Attributes (a flow log cannot be changed, only replaced, but for its tags):
//   resource_id               string  replace   the VPC
//   traffic_type              string  replace   ALL, ACCEPT or REJECT
//   log_destination_type      string  replace   s3
//   log_destination           string  replace   the bucket's ARN (optionally with a folder)
//   max_aggregation_interval  number  replace   60 or 600 seconds
//   tags                      object  in place
// Outputs: id.
#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"resource_id", UpdateMode::kReplace},
    {"traffic_type", UpdateMode::kReplace},
    {"log_destination_type", UpdateMode::kReplace},
    {"log_destination", UpdateMode::kReplace},
    {"max_aggregation_interval", UpdateMode::kReplace},
    {"tags", UpdateMode::kInPlace},
};

// CreateFlowLogs: MaxAggregationInterval "600 seconds (10 minutes)" unless given.
constexpr int kDefaultAggregationSeconds = 600;

Json Attributes(const Json& flow_log) {
  return {{"resource_id", flow_log.value("ResourceId", "")},
          {"traffic_type", flow_log.value("TrafficType", "")},
          {"log_destination_type", flow_log.value("LogDestinationType", "")},
          {"log_destination", flow_log.value("LogDestination", "")},
          {"max_aggregation_interval",
           flow_log.value("MaxAggregationInterval", kDefaultAggregationSeconds)},
          {"tags", UserTags(flow_log.value("Tags", Json()))}};
}

DescribeBatch Batch() {
  return {.operation = "DescribeFlowLogs",
          .filter = "flow-log-id",
          .list_member = "FlowLogs",
          .id_member = "FlowLogId",
          .noun = "flow log",
          .attributes = [](const Json& flow_log, const state::ResourceRecord&) {
            return Attributes(flow_log);
          },
          .filters_member = "Filter"};
}

// The first error of an Unsuccessful list (CreateFlowLogs, DeleteFlowLogs answer per flow log
// instead of failing the call), or OK; `ignore` is a code that means success.
Status FirstFailure(const ResourceContext& context, std::string_view operation,
                    const Json& output, std::string_view ignore = "") {
  for (const Json& failure : output.value("Unsuccessful", Json::array())) {
    const Json& error = failure.value("Error", Json::object());
    std::string code = error.value("Code", "");
    if (!ignore.empty() && code == ignore) continue;
    return FailedPreconditionError(context.address() + ": " + std::string(operation) + ": " +
                                   code + ": " + error.value("Message", ""));
  }
  return Status::Ok();
}

class FlowLogType : public ResourceType {
 public:
  std::string_view name() const override { return "flow_log"; }
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
    ASSIGN_OR_RETURN(
        Json output,
        context.Call("ec2", "CreateFlowLogs",
                     {{"ResourceIds", {desired["resource_id"]}},
                      {"ResourceType", "VPC"},
                      {"TrafficType", desired.value("traffic_type", "ALL")},
                      {"LogDestinationType", desired.value("log_destination_type", "s3")},
                      {"LogDestination", desired["log_destination"]},
                      {"MaxAggregationInterval",
                       desired.value("max_aggregation_interval", kDefaultAggregationSeconds)},
                      {"ClientToken", token},
                      {"TagSpecifications",
                       TagSpecificationsFor(context, "vpc-flow-log", desired)}}));
    RETURN_IF_ERROR(FirstFailure(context, "CreateFlowLogs", output));
    const Json& ids = output["FlowLogIds"];
    if (!ids.is_array() || ids.empty()) {
      return InternalError(context.address() + ": CreateFlowLogs answered without a flow log id");
    }
    std::string id = ids[0].get<std::string>();
    return Created{id, {{"id", id}}, Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Json live, Read(context, record));
    return SyncTags(context, record.id, live["tags"], desired.value("tags", Json::object()));
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> output = context.CallOrNotFound("ec2", "DeleteFlowLogs",
                                                 {{"FlowLogIds", {record.id}}},
                                                 {"InvalidFlowLogId.NotFound"});
    if (!output.ok()) {
      return output.status().code() == StatusCode::kNotFound ? Status::Ok() : output.status();
    }
    return FirstFailure(context, "DeleteFlowLogs", *output, "InvalidFlowLogId.NotFound");
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json&,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> flow_log,
                     FindTagged(context, "DescribeFlowLogs", "FlowLogs", "Filter"));
    if (!flow_log) return std::optional<Found>();
    std::string id = flow_log->value("FlowLogId", "");
    return std::optional<Found>(Found{id, {{"id", id}}, Attributes(*flow_log)});
  }
};

}  // namespace

const ResourceType& FlowLog() {
  static const FlowLogType* type = new FlowLogType();
  return *type;
}

}  // namespace vueops::resources
