// scaling_policy: target tracking on the autoscaling group's average CPU (notes: "EC2":
// autoscale groups "allow for autoscaling"): the group adds servers above the target and
// removes them below it.
//
// Attributes:
//   autoscaling_group_name  string  replace   the group (a reference to its id)
//   name                    string  replace   the policy's name
//   metric                  string  in place  the predefined metric (ASGAverageCPUUtilization)
//   target_value            number  in place  the metric's target (percent for CPU)
// Outputs: id (the policy's ARN), arn.
#include <algorithm>

#include "resources/ec2_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"autoscaling_group_name", UpdateMode::kReplace},
    {"name", UpdateMode::kReplace},
    {"metric", UpdateMode::kInPlace},
    {"target_value", UpdateMode::kInPlace},
};

// DescribePolicies: PolicyNames holds "Maximum number of 50 items".
constexpr size_t kMaxNamesPerCall = 50;

Json Attributes(const Json& policy) {
  const Json& tracking = policy.value("TargetTrackingConfiguration", Json::object());
  return {{"autoscaling_group_name", policy.value("AutoScalingGroupName", "")},
          {"name", policy.value("PolicyName", "")},
          {"metric", tracking.value("PredefinedMetricSpecification", Json::object())
                         .value("PredefinedMetricType", "")},
          {"target_value", tracking.value("TargetValue", 0.0)}};
}

// Every policy named in `names`, in any group (unknown names are ignored, not errors).
Result<Json> PoliciesNamed(ResourceContext& context, const std::vector<std::string>& names) {
  Json policies = Json::array();
  for (size_t start = 0; start < names.size(); start += kMaxNamesPerCall) {
    Json chunk = Json::array();
    for (size_t i = start; i < names.size() && i < start + kMaxNamesPerCall; ++i) {
      chunk.push_back(names[i]);
    }
    ASSIGN_OR_RETURN(Json page, CallAllPages(context, "autoscaling", "DescribePolicies",
                                             {{"PolicyNames", chunk}}, "ScalingPolicies"));
    for (Json& policy : page) policies.push_back(std::move(policy));
  }
  return policies;
}

// PutScalingPolicy creates or replaces the policy, keeping its ARN.
Result<std::string> Put(ResourceContext& context, const Json& desired) {
  ASSIGN_OR_RETURN(
      Json output,
      context.Call(
          "autoscaling", "PutScalingPolicy",
          {{"AutoScalingGroupName", desired["autoscaling_group_name"]},
           {"PolicyName", desired["name"]},
           {"PolicyType", "TargetTrackingScaling"},
           {"TargetTrackingConfiguration",
            {{"PredefinedMetricSpecification",
              {{"PredefinedMetricType", desired.value("metric", "ASGAverageCPUUtilization")}}},
             {"TargetValue", desired["target_value"]}}}}));
  std::string arn = output.value("PolicyARN", "");
  if (!arn.empty()) return arn;
  // The answer names the policy's ARN (PolicyARNType.PolicyARN, Auto Scaling API reference);
  // an endpoint that leaves it out (moto 5 calls it PolicyArn) is asked for the policy.
  ASSIGN_OR_RETURN(Json policies, PoliciesNamed(context, {desired.value("name", "")}));
  for (const Json& policy : policies) {
    if (policy.value("AutoScalingGroupName", "") == desired.value("autoscaling_group_name", "")) {
      arn = policy.value("PolicyARN", "");
    }
  }
  if (arn.empty()) {
    return InternalError(context.address() +
                         ": PutScalingPolicy answered without the policy's "
                         "ARN and DescribePolicies does not list it");
  }
  return arn;
}

class ScalingPolicyType : public ResourceType {
 public:
  std::string_view name() const override { return "scaling_policy"; }
  std::string_view service() const override { return "autoscaling"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    std::vector<std::string> names;
    for (const state::ResourceRecord* record : records) {
      std::string name = record->attributes.value("name", "");
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    Result<Json> policies = PoliciesNamed(context, names);
    if (!policies.ok()) return std::vector<Result<Json>>(records.size(), policies.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      Result<Json> found =
          NotFoundError(record->address + ": scaling policy " + record->id + " is gone");
      for (const Json& policy : *policies) {
        if (policy.value("PolicyARN", "") == record->id) found = Attributes(policy);
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    ASSIGN_OR_RETURN(std::string arn, Put(context, desired));
    return Created{arn, {{"id", arn}, {"arn", arn}}, Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord&, const Json& desired,
                const std::vector<std::string>&) const override {
    return Put(context, desired).status();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    std::string code;
    std::string message;
    // PolicyName takes the name or the ARN; the name with its group is what every endpoint
    // honours (moto keys policies by name and ignores an ARN).
    std::string policy = record.attributes.value("name", "");
    if (policy.empty()) policy = record.id;
    Result<Json> deleted = CallForCode(
        context, "autoscaling", "DeletePolicy",
        {{"AutoScalingGroupName", record.attributes.value("autoscaling_group_name", "")},
         {"PolicyName", policy}},
        &code, &message);
    if (deleted.ok() ||
        (code == "ValidationError" && message.find("not found") != std::string::npos)) {
      return Status::Ok();
    }
    return deleted.status();
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(Json policies, PoliciesNamed(context, {desired.value("name", "")}));
    for (const Json& policy : policies) {
      if (policy.value("AutoScalingGroupName", "") != desired.value("autoscaling_group_name", "")) {
        continue;
      }
      std::string arn = policy.value("PolicyARN", "");
      return std::optional<Found>(Found{arn, {{"id", arn}, {"arn", arn}}, Attributes(policy)});
    }
    return std::optional<Found>();
  }
};

}  // namespace

const ResourceType& ScalingPolicy() {
  static const ScalingPolicyType* type = new ScalingPolicyType();
  return *type;
}

}  // namespace vueops::resources
