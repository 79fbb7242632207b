// load_balancer: the environment's application load balancer (notes: "ELB": "80 and 443
// open, both passing to 80, so SSL is terminated at ELB"; "ELB is visible publicly on 80
// and 443"; "One or more ELBs may be used with Autoscale groups for targets").
//
// Attributes:
//   name                        string  replace   at most 32 characters
//   scheme                      string  replace   "internet-facing"
//   subnet_ids                  list    in place  the public subnets, one per zone
//   security_group_ids          list    in place
//   idle_timeout_seconds        int     in place
//   drop_invalid_header_fields  bool    in place
//   deletion_protection         bool    in place  Delete refuses while it is on
//   access_logs_bucket          string  in place  the logs bucket's name; "" = no access logs
//   access_logs_prefix          string  in place
//   tags                        object  in place  the environment's tags
// Outputs: id (the ARN), arn, dns_name, zone_id (CanonicalHostedZoneId, for alias records).
#include <map>

#include "resources/canonical_values.h"
#include "resources/elbv2_describe.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"scheme", UpdateMode::kReplace},
    {"subnet_ids", UpdateMode::kInPlace},
    {"security_group_ids", UpdateMode::kInPlace},
    {"idle_timeout_seconds", UpdateMode::kInPlace},
    {"drop_invalid_header_fields", UpdateMode::kInPlace},
    {"deletion_protection", UpdateMode::kInPlace},
    {"access_logs_bucket", UpdateMode::kInPlace},
    {"access_logs_prefix", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// ELBv2 load balancer attribute keys (ELB User Guide, "Load balancer attributes").
constexpr char kIdleTimeout[] = "idle_timeout.timeout_seconds";
constexpr char kDropInvalidHeaders[] = "routing.http.drop_invalid_header_fields.enabled";
constexpr char kDeletionProtection[] = "deletion_protection.enabled";
constexpr char kAccessLogsEnabled[] = "access_logs.s3.enabled";
constexpr char kAccessLogsBucket[] = "access_logs.s3.bucket";
constexpr char kAccessLogsPrefix[] = "access_logs.s3.prefix";
// ELB User Guide: "the default idle timeout is 60 seconds".
constexpr int kDefaultIdleTimeout = 60;

// A new load balancer provisions in a few minutes; deleting one is quicker.
constexpr auto kActiveTimeout = std::chrono::minutes(20);
constexpr auto kDeletedTimeout = std::chrono::minutes(10);

constexpr Elbv2Describe kDescribe = {"DescribeLoadBalancers", "LoadBalancerArns",
                                     "LoadBalancers", "LoadBalancerArn", "LoadBalancerNotFound"};

bool IsTrue(const Json& values, const char* key) { return values.value(key, "false") == "true"; }

// `balancer` (DescribeLoadBalancers), its attributes ({key: value}) and user tags, in the
// schema.
Json Attributes(const Json& balancer, const Json& values, const Json& tags, const Json& recorded) {
  Json subnets = Json::array();
  for (const Json& zone : balancer.value("AvailabilityZones", Json::array())) {
    subnets.push_back(zone.value("SubnetId", ""));
  }
  bool logs = IsTrue(values, kAccessLogsEnabled);
  int idle_timeout = IntOr(values.value(kIdleTimeout, ""), kDefaultIdleTimeout);
  return {
      {"name", balancer.value("LoadBalancerName", "")},
      {"scheme", balancer.value("Scheme", "")},
      {"subnet_ids", OrderLike(subnets, recorded.value("subnet_ids", Json()))},
      {"security_group_ids",
       OrderLike(balancer.value("SecurityGroups", Json::array()),
                 recorded.value("security_group_ids", Json()))},
      {"idle_timeout_seconds", idle_timeout},
      {"drop_invalid_header_fields", IsTrue(values, kDropInvalidHeaders)},
      {"deletion_protection", IsTrue(values, kDeletionProtection)},
      {"access_logs_bucket", logs ? values.value(kAccessLogsBucket, "") : ""},
      {"access_logs_prefix", logs ? values.value(kAccessLogsPrefix, "") : ""},
      {"tags", tags},
  };
}

Json Outputs(const Json& balancer) {
  std::string arn = balancer.value("LoadBalancerArn", "");
  return {{"id", arn},
          {"arn", arn},
          {"dns_name", balancer.value("DNSName", "")},
          {"zone_id", balancer.value("CanonicalHostedZoneId", "")}};
}

// The desired attribute values as ModifyLoadBalancerAttributes takes them.
Json AttributeList(const Json& desired) {
  bool logs = !desired.value("access_logs_bucket", "").empty();
  Json list = Json::array({
      Json{{"Key", kIdleTimeout},
           {"Value", std::to_string(desired.value("idle_timeout_seconds", kDefaultIdleTimeout))}},
      Json{{"Key", kDropInvalidHeaders},
           {"Value", desired.value("drop_invalid_header_fields", false) ? "true" : "false"}},
      Json{{"Key", kDeletionProtection},
           {"Value", desired.value("deletion_protection", false) ? "true" : "false"}},
      Json{{"Key", kAccessLogsEnabled}, {"Value", logs ? "true" : "false"}},
  });
  if (logs) {
    list.push_back({{"Key", kAccessLogsBucket}, {"Value", desired["access_logs_bucket"]}});
    list.push_back({{"Key", kAccessLogsPrefix}, {"Value", desired.value("access_logs_prefix", "")}});
  }
  return list;
}

Result<Json> AttributeValues(ResourceContext& context, const std::string& arn) {
  ASSIGN_OR_RETURN(Json output, context.Call("elbv2", "DescribeLoadBalancerAttributes",
                                             {{"LoadBalancerArn", arn}}));
  return KeyValueMap(output.value("Attributes", Json::array()));
}

class LoadBalancerType : public ResourceType {
 public:
  std::string_view name() const override { return "load_balancer"; }
  std::string_view service() const override { return "elbv2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One DescribeLoadBalancers and one DescribeTags per 20; the attributes take a call each.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    return ReadManyByArn(context, kDescribe, records,
                         [&](const state::ResourceRecord& record,
                             const std::optional<Json>& balancer, const Json& tags) {
                           return ReadOne(context, record, balancer, tags);
                         });
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    // CreateLoadBalancer is idempotent: the same name and settings answer with the same one.
    ASSIGN_OR_RETURN(Json output,
                     context.Call("elbv2", "CreateLoadBalancer",
                                  {{"Name", desired["name"]},
                                   {"Subnets", desired["subnet_ids"]},
                                   {"SecurityGroups", desired["security_group_ids"]},
                                   {"Scheme", desired["scheme"]},
                                   {"Type", "application"},
                                   {"IpAddressType", "ipv4"},
                                   {"Tags", context.TagList()}}));
    const Json& balancer = output["LoadBalancers"][0];
    std::string arn = balancer.value("LoadBalancerArn", "");
    RETURN_IF_ERROR(context
                        .Call("elbv2", "ModifyLoadBalancerAttributes",
                              {{"LoadBalancerArn", arn}, {"Attributes", AttributeList(desired)}})
                        .status());
    ASSIGN_OR_RETURN(Json values, AttributeValues(context, arn));
    return Created{arn, Outputs(balancer),
                   Attributes(balancer, values, desired.value("tags", Json::object()), desired)};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    if (has("subnet_ids")) {
      RETURN_IF_ERROR(context
                          .Call("elbv2", "SetSubnets",
                                {{"LoadBalancerArn", record.id}, {"Subnets", desired["subnet_ids"]}})
                          .status());
    }
    if (has("security_group_ids")) {
      RETURN_IF_ERROR(context
                          .Call("elbv2", "SetSecurityGroups",
                                {{"LoadBalancerArn", record.id},
                                 {"SecurityGroups", desired["security_group_ids"]}})
                          .status());
    }
    if (has("idle_timeout_seconds") || has("drop_invalid_header_fields") ||
        has("deletion_protection") || has("access_logs_bucket") || has("access_logs_prefix")) {
      RETURN_IF_ERROR(context
                          .Call("elbv2", "ModifyLoadBalancerAttributes",
                                {{"LoadBalancerArn", record.id},
                                 {"Attributes", AttributeList(desired)}})
                          .status());
    }
    if (has("tags")) {
      RETURN_IF_ERROR(SyncElbv2Tags(context, record.id,
                                    record.attributes.value("tags", Json::object()),
                                    desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    std::string reported;
    return context.Poll(
        "the load balancer to become active", kActiveTimeout,
        [&]() -> Result<bool> {
          ASSIGN_OR_RETURN(auto balancers, DescribeByArn(context, kDescribe, {record.id}));
          if (!balancers[0]) {
            return NotFoundError(context.address() + ": load balancer " + record.id +
                                 " disappeared while waiting for it");
          }
          const Json state = balancers[0]->value("State", Json::object());
          std::string code = state.value("Code", "");
          if (code == "failed") {
            return FailedPreconditionError(context.address() + ": load balancer failed: " +
                                           state.value("Reason", ""));
          }
          if (code != reported) {
            context.Progress("load balancer is " + code);
            reported = code;
          }
          // "active_impaired" routes traffic, short of capacity in a zone.
          return code == "active" || code == "active_impaired";
        },
        std::chrono::seconds(5), std::chrono::seconds(30));
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    client::CallInfo info;
    Result<Json> deleted =
        context.Call("elbv2", "DeleteLoadBalancer", {{"LoadBalancerArn", record.id}}, &info);
    if (!deleted.ok()) {
      std::string code = info.error ? info.error->code : "";
      if (code == "LoadBalancerNotFound") return Status::Ok();
      if (code == "OperationNotPermitted") {
        return FailedPreconditionError(
            context.address() + ": the load balancer has deletion protection on; set "
                                "load_balancer.deletion_protection: false and apply first");
      }
      return deleted.status();
    }
    // Its listeners go with it; what it used (subnets, security groups) is free once AWS
    // no longer lists it.
    return context.Poll("the load balancer to be deleted", kDeletedTimeout,
                        [&]() -> Result<bool> {
                          ASSIGN_OR_RETURN(auto left, DescribeByArn(context, kDescribe, {record.id}));
                          return !left[0].has_value();
                        });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    Result<Json> output =
        context.CallOrNotFound("elbv2", "DescribeLoadBalancers",
                               {{"Names", {desired.value("name", "")}}}, {"LoadBalancerNotFound"});
    if (!output.ok()) {
      if (output.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return output.status();
    }
    const Json balancers = output->value("LoadBalancers", Json::array());
    if (balancers.empty()) return std::optional<Found>();
    const Json& balancer = balancers[0];
    std::string arn = balancer.value("LoadBalancerArn", "");
    ASSIGN_OR_RETURN(auto tags, UserTagsByArn(context, {arn}));
    state::ResourceRecord record;
    record.address = context.address();
    record.id = arn;
    record.attributes = desired;
    ASSIGN_OR_RETURN(Json attributes, ReadOne(context, record, balancer, tags[0]));
    return std::optional<Found>(Found{arn, Outputs(balancer), attributes});
  }

 private:
  static Result<Json> ReadOne(ResourceContext& context, const state::ResourceRecord& record,
                              const std::optional<Json>& balancer, const Json& tags) {
    if (!balancer) {
      return NotFoundError(record.address + ": load balancer " + record.id + " is gone");
    }
    ASSIGN_OR_RETURN(Json values, AttributeValues(context, record.id));
    return Attributes(*balancer, values, tags, record.attributes);
  }
};

}  // namespace

const ResourceType& LoadBalancer() {
  static const LoadBalancerType* type = new LoadBalancerType();
  return *type;
}

}  // namespace vueops::resources
