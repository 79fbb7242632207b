// target_group: where a listener sends a profile's traffic (notes: "ELB": "Create target
// groups to handle BOH, FOH, FT traffic"; "Stickiness may be used to leverage server local
// caching"; "Adding/removing servers from target groups is scripted as part of Autoscale
// groups": the autoscaling groups register their instances, so targets are not managed here).
//
// Attributes:
//   name                          string  replace   at most 32 characters
//   protocol                      string  replace   "HTTP"
//   port                          int     replace   80
//   vpc_id                        string  replace
//   target_type                   string  replace   "instance"
//   health_check                  object  in place  {path, protocol, interval_seconds,
//                                                   healthy_threshold, unhealthy_threshold,
//                                                   matcher}
//   stickiness                    object  in place  {"enabled": true, "duration_seconds": n}
//                                                   (load balancer cookie), or
//                                                   {"enabled": false}
//   deregistration_delay_seconds  int     in place
//   tags                          object  in place  the environment's tags
// Outputs: id (the ARN), arn.
#include "resources/busy_retry.h"
#include "resources/canonical_values.h"
#include "resources/elbv2_describe.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"protocol", UpdateMode::kReplace},
    {"port", UpdateMode::kReplace},
    {"vpc_id", UpdateMode::kReplace},
    {"target_type", UpdateMode::kReplace},
    {"health_check", UpdateMode::kInPlace},
    {"stickiness", UpdateMode::kInPlace},
    {"deregistration_delay_seconds", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// Target group attribute keys (ELB User Guide, "Target group attributes").
constexpr char kStickinessEnabled[] = "stickiness.enabled";
constexpr char kStickinessType[] = "stickiness.type";
constexpr char kCookieDuration[] = "stickiness.lb_cookie.duration_seconds";
constexpr char kDeregistrationDelay[] = "deregistration_delay.timeout_seconds";
// ELB User Guide: the default deregistration delay is 300 seconds, the default load balancer
// cookie lasts one day (86400 seconds).
constexpr int kDefaultDeregistrationDelay = 300;
constexpr int kDefaultCookieDuration = 86400;
// A listener or rule deleted a moment ago can hold the group for a few seconds more.
constexpr auto kInUseTimeout = std::chrono::minutes(5);

constexpr Elbv2Describe kDescribe = {"DescribeTargetGroups", "TargetGroupArns", "TargetGroups",
                                     "TargetGroupArn", "TargetGroupNotFound"};

Json HealthCheck(const Json& group) {
  return {{"path", group.value("HealthCheckPath", "")},
          {"protocol", group.value("HealthCheckProtocol", "")},
          {"interval_seconds", group.value("HealthCheckIntervalSeconds", 0)},
          {"healthy_threshold", group.value("HealthyThresholdCount", 0)},
          {"unhealthy_threshold", group.value("UnhealthyThresholdCount", 0)},
          {"matcher", group.value("Matcher", Json::object()).value("HttpCode", "")}};
}

Json Stickiness(const Json& values) {
  if (values.value(kStickinessEnabled, "false") != "true") return {{"enabled", false}};
  return {{"enabled", true},
          {"duration_seconds", IntOr(values.value(kCookieDuration, ""), kDefaultCookieDuration)}};
}

Json Attributes(const Json& group, const Json& values, const Json& tags) {
  return {{"name", group.value("TargetGroupName", "")},
          {"protocol", group.value("Protocol", "")},
          {"port", group.value("Port", 0)},
          {"vpc_id", group.value("VpcId", "")},
          {"target_type", group.value("TargetType", "")},
          {"health_check", HealthCheck(group)},
          {"stickiness", Stickiness(values)},
          {"deregistration_delay_seconds",
           IntOr(values.value(kDeregistrationDelay, ""), kDefaultDeregistrationDelay)},
          {"tags", tags}};
}

Json Outputs(const std::string& arn) { return {{"id", arn}, {"arn", arn}}; }

// The health check settings as CreateTargetGroup and ModifyTargetGroup take them.
void AddHealthCheck(const Json& check, Json* input) {
  (*input)["HealthCheckEnabled"] = true;
  (*input)["HealthCheckPath"] = check["path"];
  (*input)["HealthCheckProtocol"] = check["protocol"];
  (*input)["HealthCheckIntervalSeconds"] = check["interval_seconds"];
  (*input)["HealthyThresholdCount"] = check["healthy_threshold"];
  (*input)["UnhealthyThresholdCount"] = check["unhealthy_threshold"];
  (*input)["Matcher"] = {{"HttpCode", check["matcher"]}};
}

Json AttributeList(const Json& desired) {
  const Json stickiness = desired.value("stickiness", Json{{"enabled", false}});
  bool sticky = stickiness.value("enabled", false);
  Json list = Json::array({
      Json{{"Key", kDeregistrationDelay},
           {"Value", std::to_string(desired.value("deregistration_delay_seconds",
                                                  kDefaultDeregistrationDelay))}},
      Json{{"Key", kStickinessEnabled}, {"Value", sticky ? "true" : "false"}},
  });
  if (sticky) {
    list.push_back({{"Key", kStickinessType}, {"Value", "lb_cookie"}});
    list.push_back(
        {{"Key", kCookieDuration},
         {"Value", std::to_string(stickiness.value("duration_seconds", kDefaultCookieDuration))}});
  }
  return list;
}

Result<Json> AttributeValues(ResourceContext& context, const std::string& arn) {
  ASSIGN_OR_RETURN(Json output, context.Call("elbv2", "DescribeTargetGroupAttributes",
                                             {{"TargetGroupArn", arn}}));
  return KeyValueMap(output.value("Attributes", Json::array()));
}

Result<Json> ReadOne(ResourceContext& context, const state::ResourceRecord& record,
                     const std::optional<Json>& group, const Json& tags) {
  if (!group) return NotFoundError(record.address + ": target group " + record.id + " is gone");
  ASSIGN_OR_RETURN(Json values, AttributeValues(context, record.id));
  return Attributes(*group, values, tags);
}

class TargetGroupType : public ResourceType {
 public:
  std::string_view name() const override { return "target_group"; }
  std::string_view service() const override { return "elbv2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One DescribeTargetGroups and one DescribeTags per 20; the attributes take a call each.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    return ReadManyByArn(context, kDescribe, records,
                         [&](const state::ResourceRecord& record, const std::optional<Json>& group,
                             const Json& tags) { return ReadOne(context, record, group, tags); });
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    // CreateTargetGroup is idempotent: the same name and settings answer with the same one.
    Json input = {{"Name", desired["name"]},
                  {"Protocol", desired["protocol"]},
                  {"Port", desired["port"]},
                  {"VpcId", desired["vpc_id"]},
                  {"TargetType", desired.value("target_type", "instance")},
                  {"Tags", context.TagList()}};
    AddHealthCheck(desired["health_check"], &input);
    ASSIGN_OR_RETURN(Json output, context.Call("elbv2", "CreateTargetGroup", input));
    const Json& group = output["TargetGroups"][0];
    std::string arn = group.value("TargetGroupArn", "");
    RETURN_IF_ERROR(context
                        .Call("elbv2", "ModifyTargetGroupAttributes",
                              {{"TargetGroupArn", arn}, {"Attributes", AttributeList(desired)}})
                        .status());
    ASSIGN_OR_RETURN(Json values, AttributeValues(context, arn));
    return Created{arn, Outputs(arn),
                   Attributes(group, values, desired.value("tags", Json::object()))};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    if (has("health_check")) {
      Json input = {{"TargetGroupArn", record.id}};
      AddHealthCheck(desired["health_check"], &input);
      RETURN_IF_ERROR(context.Call("elbv2", "ModifyTargetGroup", input).status());
    }
    if (has("stickiness") || has("deregistration_delay_seconds")) {
      RETURN_IF_ERROR(context
                          .Call("elbv2", "ModifyTargetGroupAttributes",
                                {{"TargetGroupArn", record.id},
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

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return CallUntilAccepted(context, "elbv2", "DeleteTargetGroup", {{"TargetGroupArn", record.id}},
                             {"TargetGroupNotFound"}, {"ResourceInUse"},
                             "the listeners using the target group to let go of it",
                             kInUseTimeout);
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    Result<Json> output =
        context.CallOrNotFound("elbv2", "DescribeTargetGroups",
                               {{"Names", {desired.value("name", "")}}}, {"TargetGroupNotFound"});
    if (!output.ok()) {
      if (output.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return output.status();
    }
    const Json groups = output->value("TargetGroups", Json::array());
    if (groups.empty()) return std::optional<Found>();
    std::string arn = groups[0].value("TargetGroupArn", "");
    ASSIGN_OR_RETURN(auto tags, UserTagsByArn(context, {arn}));
    state::ResourceRecord record;
    record.address = context.address();
    record.id = arn;
    ASSIGN_OR_RETURN(Json attributes, ReadOne(context, record, groups[0], tags[0]));
    return std::optional<Found>(Found{arn, Outputs(arn), attributes});
  }
};

}  // namespace

const ResourceType& TargetGroup() {
  static const TargetGroupType* type = new TargetGroupType();
  return *type;
}

}  // namespace vueops::resources
