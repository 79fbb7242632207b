// instance: a dev server (notes: "EC2": "Dev servers use the same launch templates, but are
// created manually as needed and configured after launch"), one instance launched from its
// profile's launch template. Not stateful by the notes' account (servers are rebuilt from
// the template), though a dev server's hand configuration is lost when it is replaced: its
// instance type therefore changes in place (stop, modify, start) rather than by replacement.
//
// Attributes:
//   launch_template_id  string  create    the template it was launched from; a new template
//                                         version does not replace a configured server
//   instance_type       string  in place  stopped, changed and started again
//   subnet_id           string  replace
//   tags                object  in place  the environment's tags and a Name
// Outputs: id, private_ip.
#include <algorithm>

#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"launch_template_id", UpdateMode::kCreateOnly},
    {"instance_type", UpdateMode::kInPlace},
    {"subnet_id", UpdateMode::kReplace},
    {"tags", UpdateMode::kInPlace},
};

// Launching, stopping and terminating take seconds to a few minutes (EC2 User Guide,
// "Instance lifecycle").
constexpr auto kStateTimeout = std::chrono::minutes(10);
// The launch template version a dev server starts from, like the autoscaling groups.
constexpr std::string_view kDefaultVersion = "$Default";

std::string StateOf(const Json& instance) {
  return instance.value("State", Json::object()).value("Name", "");
}

bool IsGone(const Json& instance) {
  std::string state = StateOf(instance);
  return state == "terminated" || state == "shutting-down";
}

Json Attributes(const Json& instance) {
  Json tags = UserTags(instance.value("Tags", Json()));
  // EC2's own aws:* tags (the launch template's id and version) are not the spec's.
  for (auto it = tags.begin(); it != tags.end();) {
    it = it.key().rfind("aws:", 0) == 0 ? tags.erase(it) : std::next(it);
  }
  return {{"instance_type", instance.value("InstanceType", "")},
          {"subnet_id", instance.value("SubnetId", "")},
          {"tags", tags}};
}

Json Outputs(const Json& instance) {
  return {{"id", instance.value("InstanceId", "")},
          {"private_ip", instance.value("PrivateIpAddress", "")}};
}

// Every instance of a DescribeInstances answer (they come grouped by reservation).
Result<Json> DescribeInstances(ResourceContext& context, const Json& filters) {
  ASSIGN_OR_RETURN(Json reservations, CallAllPages(context, "ec2", "DescribeInstances",
                                                   {{"Filters", filters}}, "Reservations"));
  Json instances = Json::array();
  for (const Json& reservation : reservations) {
    for (const Json& instance : reservation.value("Instances", Json::array())) {
      instances.push_back(instance);
    }
  }
  return instances;
}

// The instance, or nullopt once it is terminated or no longer listed.
Result<std::optional<Json>> DescribeOne(ResourceContext& context, const std::string& id) {
  ASSIGN_OR_RETURN(Json instances, DescribeInstances(context, {{{"Name", "instance-id"},
                                                                {"Values", {id}}}}));
  if (instances.empty()) return std::optional<Json>();
  return std::optional<Json>(instances[0]);
}

// Polls until the instance is in `wanted` ("running", "stopped"); fails when it ends up
// terminated instead.
Status WaitForState(ResourceContext& context, const std::string& id, const std::string& wanted) {
  return context.Poll("instance " + id + " to be " + wanted, kStateTimeout,
                      [&]() -> Result<bool> {
                        ASSIGN_OR_RETURN(std::optional<Json> instance, DescribeOne(context, id));
                        std::string state = instance ? StateOf(*instance) : "terminated";
                        if (state == wanted) return true;
                        if (state == "terminated") {
                          return FailedPreconditionError(
                              context.address() + ": instance " + id + " terminated: " +
                              (instance ? instance->value("StateReason", Json::object())
                                              .value("Message", "no reason given")
                                        : std::string("no longer listed")));
                        }
                        return false;
                      });
}

class InstanceType : public ResourceType {
 public:
  std::string_view name() const override { return "instance"; }
  std::string_view service() const override { return "ec2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Json ids = Json::array();
    for (const state::ResourceRecord* record : records) ids.push_back(record->id);
    Result<Json> instances =
        DescribeInstances(context, {{{"Name", "instance-id"}, {"Values", ids}}});
    if (!instances.ok()) return std::vector<Result<Json>>(records.size(), instances.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      Result<Json> found =
          NotFoundError(record->address + ": instance " + record->id + " is gone");
      for (const Json& instance : *instances) {
        if (instance.value("InstanceId", "") == record->id && !IsGone(instance)) {
          found = Attributes(instance);
        }
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override {
    Json input = {{"MinCount", 1},
                  {"MaxCount", 1},
                  {"LaunchTemplate",
                   {{"LaunchTemplateId", desired["launch_template_id"]},
                    {"Version", kDefaultVersion}}},
                  {"SubnetId", desired["subnet_id"]},
                  {"ClientToken", token},
                  {"TagSpecifications", TagSpecificationsFor(context, "instance", desired)}};
    if (!desired.value("instance_type", "").empty()) {
      input["InstanceType"] = desired["instance_type"];
    }
    ASSIGN_OR_RETURN(Json output, context.Call("ec2", "RunInstances", input));
    Json instance = output.value("Instances", Json::array()).empty()
                        ? Json::object()
                        : output["Instances"][0];
    if (IsGone(instance)) {
      // The token named an instance terminated since (the engine keeps an address's token):
      // launch again with a token derived from it, the same on every retry.
      input["ClientToken"] = TokenAfter(token, instance.value("InstanceId", ""));
      ASSIGN_OR_RETURN(output, context.Call("ec2", "RunInstances", input));
      instance = output["Instances"][0];
    }
    return Created{instance.value("InstanceId", ""), Outputs(instance), Json::object()};
  }

  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    return WaitForState(context, record.id, "running");
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    if (std::find(changed.begin(), changed.end(), "instance_type") != changed.end()) {
      // EC2 changes the type of a stopped instance only (ModifyInstanceAttribute).
      context.Progress("stopping " + record.id + " to change its instance type");
      RETURN_IF_ERROR(
          context.Call("ec2", "StopInstances", {{"InstanceIds", {record.id}}}).status());
      RETURN_IF_ERROR(WaitForState(context, record.id, "stopped"));
      RETURN_IF_ERROR(context
                          .Call("ec2", "ModifyInstanceAttribute",
                                {{"InstanceId", record.id},
                                 {"InstanceType", {{"Value", desired["instance_type"]}}}})
                          .status());
      RETURN_IF_ERROR(
          context.Call("ec2", "StartInstances", {{"InstanceIds", {record.id}}}).status());
      RETURN_IF_ERROR(WaitForState(context, record.id, "running"));
    }
    if (std::find(changed.begin(), changed.end(), "tags") != changed.end()) {
      ASSIGN_OR_RETURN(Json live, Read(context, record));
      RETURN_IF_ERROR(
          SyncTags(context, record.id, live["tags"], desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    RETURN_IF_ERROR(DeleteIgnoringGone(context, "ec2", "TerminateInstances",
                                       {{"InstanceIds", {record.id}}},
                                       {"InvalidInstanceID.NotFound"}));
    // Its security groups and subnet cannot be deleted while it still has its interface.
    return context.Poll("instance " + record.id + " to terminate", kStateTimeout,
                        [&]() -> Result<bool> {
                          ASSIGN_OR_RETURN(std::optional<Json> instance,
                                           DescribeOne(context, record.id));
                          return !instance || StateOf(*instance) == "terminated";
                        });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json&,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(
        Json instances,
        DescribeInstances(context,
                          {{{"Name", "tag:" + std::string(kAddressTag)},
                            {"Values", {context.address()}}},
                           {{"Name", "instance-state-name"},
                            {"Values", {"pending", "running", "stopping", "stopped"}}}}));
    if (instances.empty()) return std::optional<Found>();
    const Json& instance = instances[0];
    return std::optional<Found>(
        Found{instance.value("InstanceId", ""), Outputs(instance), Attributes(instance)});
  }
};

}  // namespace

const ResourceType& Instance() {
  static const InstanceType* type = new InstanceType();
  return *type;
}

}  // namespace vueops::resources
