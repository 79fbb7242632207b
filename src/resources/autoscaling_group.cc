// autoscaling_group: a server profile's fleet (notes: "EC2": "All servers are run from
// autoscale groups. This allows for autoscaling, scheduling, easy management and updates of
// groups, assigning servers to ELB target groups and mixing normal/spot servers").
//
// It launches from its launch template's $Default version through a mixed instances policy
// (the instance types as overrides; the on-demand base, percentage above it and spot
// allocation strategy as the distribution), registers its instances with the profile's
// target group, and propagates its tags to them. Not stateful: its servers hold no data.
//
// Attributes:
//   name                       string  replace   <stack>-<env>-<profile> (its id)
//   launch_template_id         string  in place
//   instance_types             list    in place  the overrides, in the spec's order
//   purchase                   object  in place  {"on_demand_base",
//                                                 "on_demand_percent_above_base",
//                                                 "spot_allocation_strategy"}
//   subnet_ids                 list    in place  VPCZoneIdentifier (recorded order)
//   min_size, max_size         number  in place
//   desired_capacity           number  create    scaling policies and scheduled actions move
//                                                it: comparing it would undo their work
//   target_group_arns          list    in place  (recorded order)
//   health_check_type          string  in place  ELB when it serves a target group, else EC2
//   health_check_grace_period  number  in place  seconds
//   tags                       object  in place  propagated to the instances at launch
// Outputs: id (the name), arn.
#include <algorithm>

#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"launch_template_id", UpdateMode::kInPlace},
    {"instance_types", UpdateMode::kInPlace},
    {"purchase", UpdateMode::kInPlace},
    {"subnet_ids", UpdateMode::kInPlace},
    {"min_size", UpdateMode::kInPlace},
    {"max_size", UpdateMode::kInPlace},
    {"desired_capacity", UpdateMode::kCreateOnly},
    {"target_group_arns", UpdateMode::kInPlace},
    {"health_check_type", UpdateMode::kInPlace},
    {"health_check_grace_period", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// ForceDelete terminates the instances first; the group disappears once they are gone,
// which for instances behind a load balancer includes its deregistration delay.
constexpr auto kDeleteTimeout = std::chrono::minutes(20);
// The launch template version the group follows: a template update becomes the default, and
// new instances launch from it (EC2 Auto Scaling User Guide, "Launch template versions").
constexpr std::string_view kDefaultVersion = "$Default";

Json Attributes(const Json& group, const Json& recorded) {
  Json attributes = {{"name", group.value("AutoScalingGroupName", "")}};
  Json types = Json::array();
  Json purchase = nullptr;
  std::string template_id;
  if (group.contains("MixedInstancesPolicy")) {
    const Json& policy = group["MixedInstancesPolicy"];
    const Json& launch = policy.value("LaunchTemplate", Json::object());
    template_id = launch.value("LaunchTemplateSpecification", Json::object())
                      .value("LaunchTemplateId", "");
    for (const Json& override : launch.value("Overrides", Json::array())) {
      types.push_back(override.value("InstanceType", ""));
    }
    const Json& distribution = policy.value("InstancesDistribution", Json::object());
    purchase = {
        {"on_demand_base", distribution.value("OnDemandBaseCapacity", 0)},
        {"on_demand_percent_above_base",
         distribution.value("OnDemandPercentageAboveBaseCapacity", 100)},
        {"spot_allocation_strategy", distribution.value("SpotAllocationStrategy", "")}};
  } else if (group.contains("LaunchTemplate")) {
    template_id = group["LaunchTemplate"].value("LaunchTemplateId", "");
  }
  Json subnets = Json::array();
  for (const std::string& subnet : SplitCommas(group.value("VPCZoneIdentifier", ""))) {
    subnets.push_back(subnet);
  }
  attributes["launch_template_id"] = template_id;
  attributes["instance_types"] = types;
  attributes["purchase"] = purchase;
  attributes["subnet_ids"] = OrderLike(subnets, recorded.value("subnet_ids", Json::array()));
  attributes["min_size"] = group.value("MinSize", 0);
  attributes["max_size"] = group.value("MaxSize", 0);
  attributes["target_group_arns"] = OrderLike(group.value("TargetGroupARNs", Json::array()),
                                              recorded.value("target_group_arns", Json::array()));
  attributes["health_check_type"] = group.value("HealthCheckType", "");
  attributes["health_check_grace_period"] = group.value("HealthCheckGracePeriod", 0);
  attributes["tags"] = UserTags(group.value("Tags", Json()));
  return attributes;
}

Json Outputs(const Json& group) {
  return {{"id", group.value("AutoScalingGroupName", "")},
          {"arn", group.value("AutoScalingGroupARN", "")}};
}

Json MixedInstancesPolicy(const Json& desired) {
  Json overrides = Json::array();
  for (const Json& type : desired.value("instance_types", Json::array())) {
    overrides.push_back({{"InstanceType", type}});
  }
  Json launch = {{"LaunchTemplateSpecification",
                  {{"LaunchTemplateId", desired["launch_template_id"]},
                   {"Version", kDefaultVersion}}}};
  if (!overrides.empty()) launch["Overrides"] = overrides;
  Json policy = {{"LaunchTemplate", launch}};
  const Json& purchase = desired.value("purchase", Json::object());
  if (purchase.is_object() && !purchase.empty()) {
    Json distribution = {
        {"OnDemandBaseCapacity", purchase.value("on_demand_base", 0)},
        {"OnDemandPercentageAboveBaseCapacity", purchase.value("on_demand_percent_above_base", 100)}};
    if (!purchase.value("spot_allocation_strategy", "").empty()) {
      distribution["SpotAllocationStrategy"] = purchase["spot_allocation_strategy"];
    }
    policy["InstancesDistribution"] = distribution;
  }
  return policy;
}

std::string JoinCommas(const Json& items) {
  std::string joined;
  for (const Json& item : items) joined += (joined.empty() ? "" : ",") + item.get<std::string>();
  return joined;
}

// The group's tags as CreateAutoScalingGroup and CreateOrUpdateTags take them. Every tag but
// vueops:address propagates to the instances (they are not the group).
Json GroupTags(const std::string& group, const Json& tag_list) {
  Json tags = Json::array();
  for (const Json& tag : tag_list) {
    std::string key = tag.value("Key", "");
    tags.push_back({{"ResourceId", group},
                    {"ResourceType", "auto-scaling-group"},
                    {"Key", key},
                    {"Value", tag.value("Value", "")},
                    {"PropagateAtLaunch", key != kAddressTag}});
  }
  return tags;
}

// The group named `name`, or nullopt when there is none (or it is being deleted).
Result<std::optional<Json>> Describe(ResourceContext& context, const std::string& name) {
  ASSIGN_OR_RETURN(Json groups, CallAllPages(context, "autoscaling", "DescribeAutoScalingGroups",
                                             {{"AutoScalingGroupNames", {name}}},
                                             "AutoScalingGroups"));
  for (const Json& group : groups) {
    if (group.value("AutoScalingGroupName", "") == name) return std::optional<Json>(group);
  }
  return std::optional<Json>();
}

class AutoscalingGroupType : public ResourceType {
 public:
  std::string_view name() const override { return "autoscaling_group"; }
  std::string_view service() const override { return "autoscaling"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Json names = Json::array();
    for (const state::ResourceRecord* record : records) names.push_back(record->id);
    Result<Json> groups = CallAllPages(context, "autoscaling", "DescribeAutoScalingGroups",
                                       {{"AutoScalingGroupNames", names}}, "AutoScalingGroups");
    if (!groups.ok()) return std::vector<Result<Json>>(records.size(), groups.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      Result<Json> found = NotFoundError(record->address + ": autoscaling group " + record->id +
                                         " is gone");
      for (const Json& group : *groups) {
        if (group.value("AutoScalingGroupName", "") != record->id) continue;
        // "Delete in progress": as good as gone.
        if (!group.value("Status", "").empty()) break;
        found = Attributes(group, record->attributes);
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string name = desired.value("name", "");
    Json input = {{"AutoScalingGroupName", name},
                  {"MixedInstancesPolicy", MixedInstancesPolicy(desired)},
                  {"MinSize", desired.value("min_size", 0)},
                  {"MaxSize", desired.value("max_size", 0)},
                  {"DesiredCapacity",
                   desired.value("desired_capacity", desired.value("min_size", 0))},
                  {"VPCZoneIdentifier", JoinCommas(desired.value("subnet_ids", Json::array()))},
                  {"HealthCheckType", desired.value("health_check_type", "EC2")},
                  {"HealthCheckGracePeriod", desired.value("health_check_grace_period", 0)},
                  {"Tags", GroupTags(name, TagListFor(context, desired))}};
    Json target_groups = desired.value("target_group_arns", Json::array());
    if (!target_groups.empty()) input["TargetGroupARNs"] = target_groups;
    // No client token, but the name is unique: a repeated create fails with AlreadyExists,
    // and Find adopts the group by name.
    RETURN_IF_ERROR(context.Call("autoscaling", "CreateAutoScalingGroup", input).status());
    ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, name));
    if (!group) return InternalError(context.address() + ": " + name + " vanished once created");
    return Created{name, Outputs(*group), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    auto has = [&](std::string_view name) {
      return std::find(changed.begin(), changed.end(), name) != changed.end();
    };
    Json input = {{"AutoScalingGroupName", record.id}};
    if (has("launch_template_id") || has("instance_types") || has("purchase")) {
      input["MixedInstancesPolicy"] = MixedInstancesPolicy(desired);
    }
    if (has("subnet_ids")) {
      input["VPCZoneIdentifier"] = JoinCommas(desired.value("subnet_ids", Json::array()));
    }
    if (has("min_size")) input["MinSize"] = desired["min_size"];
    if (has("max_size")) input["MaxSize"] = desired["max_size"];
    if (has("health_check_type")) input["HealthCheckType"] = desired["health_check_type"];
    if (has("health_check_grace_period")) {
      input["HealthCheckGracePeriod"] = desired["health_check_grace_period"];
    }
    if (input.size() > 1) {
      RETURN_IF_ERROR(context.Call("autoscaling", "UpdateAutoScalingGroup", input).status());
    }
    if (!has("target_group_arns") && !has("tags")) return Status::Ok();
    ASSIGN_OR_RETURN(Json live, Read(context, record));
    if (has("target_group_arns")) RETURN_IF_ERROR(SyncTargetGroups(context, record, live, desired));
    if (has("tags")) RETURN_IF_ERROR(SyncGroupTags(context, record, live, desired));
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    std::string code;
    std::string message;
    Result<Json> deleted =
        CallForCode(context, "autoscaling", "DeleteAutoScalingGroup",
                    {{"AutoScalingGroupName", record.id}, {"ForceDelete", true}}, &code, &message);
    bool already_gone = code == "ValidationError" && message.find("not found") != std::string::npos;
    if (!deleted.ok() && !already_gone) return deleted.status();
    // The security groups and subnets the instances use cannot be deleted before they are
    // terminated, which is when the group disappears.
    return context.Poll("the autoscaling group's instances to terminate", kDeleteTimeout,
                        [&]() -> Result<bool> {
                          ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, record.id));
                          return !group.has_value();
                        });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, desired.value("name", "")));
    if (!group || !group->value("Status", "").empty()) return std::optional<Found>();
    return std::optional<Found>(Found{group->value("AutoScalingGroupName", ""), Outputs(*group),
                                      Attributes(*group, desired)});
  }

 private:
  static Status SyncTargetGroups(ResourceContext& context, const state::ResourceRecord& record,
                                 const Json& live, const Json& desired) {
    Json wanted = desired.value("target_group_arns", Json::array());
    const Json& current = live["target_group_arns"];
    Json attach = Json::array();
    Json detach = Json::array();
    for (const Json& arn : wanted) {
      if (std::find(current.begin(), current.end(), arn) == current.end()) attach.push_back(arn);
    }
    for (const Json& arn : current) {
      if (std::find(wanted.begin(), wanted.end(), arn) == wanted.end()) detach.push_back(arn);
    }
    if (!attach.empty()) {
      RETURN_IF_ERROR(context
                          .Call("autoscaling", "AttachLoadBalancerTargetGroups",
                                {{"AutoScalingGroupName", record.id}, {"TargetGroupARNs", attach}})
                          .status());
    }
    if (!detach.empty()) {
      RETURN_IF_ERROR(context
                          .Call("autoscaling", "DetachLoadBalancerTargetGroups",
                                {{"AutoScalingGroupName", record.id}, {"TargetGroupARNs", detach}})
                          .status());
    }
    return Status::Ok();
  }

  static Status SyncGroupTags(ResourceContext& context, const state::ResourceRecord& record,
                              const Json& live, const Json& desired) {
    Json wanted = desired.value("tags", Json::object());
    const Json& current = live["tags"];
    Json put = Json::array();
    Json remove = Json::array();
    for (auto it = wanted.begin(); it != wanted.end(); ++it) {
      if (!current.contains(it.key()) || current[it.key()] != it.value()) {
        put.push_back({{"Key", it.key()}, {"Value", it.value()}});
      }
    }
    for (auto it = current.begin(); it != current.end(); ++it) {
      if (!wanted.contains(it.key())) remove.push_back({{"Key", it.key()}, {"Value", it.value()}});
    }
    if (!put.empty()) {
      RETURN_IF_ERROR(context
                          .Call("autoscaling", "CreateOrUpdateTags",
                                {{"Tags", GroupTags(record.id, put)}})
                          .status());
    }
    if (!remove.empty()) {
      RETURN_IF_ERROR(context
                          .Call("autoscaling", "DeleteTags", {{"Tags", GroupTags(record.id, remove)}})
                          .status());
    }
    return Status::Ok();
  }
};

}  // namespace

const ResourceType& AutoscalingGroup() {
  static const AutoscalingGroupType* type = new AutoscalingGroupType();
  return *type;
}

}  // namespace vueops::resources
