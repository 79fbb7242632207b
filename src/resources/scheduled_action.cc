// scheduled_action: a recurring change of an autoscaling group's size (notes: "EC2": autoscale
// groups allow "autoscaling, scheduling"), such as scaling FT in at night.
//
// Attributes:
//   autoscaling_group_name  string  replace   the group (a reference to its id)
//   name                    string  replace   the action's name, unique in the group
//   recurrence              string  in place  cron, in UTC
//   min_size, max_size, desired_capacity
//                           number  in place  null leaves that size alone
// Outputs: id ("<group>/<action>").
#include <algorithm>

#include "resources/ec2_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"autoscaling_group_name", UpdateMode::kReplace},
    {"name", UpdateMode::kReplace},
    {"recurrence", UpdateMode::kInPlace},
    {"min_size", UpdateMode::kInPlace},
    {"max_size", UpdateMode::kInPlace},
    {"desired_capacity", UpdateMode::kInPlace},
};

// DescribeScheduledActions: ScheduledActionNames holds "Maximum number of 50 items".
constexpr size_t kMaxNamesPerCall = 50;

std::string IdOf(const std::string& group, const std::string& action) {
  return group + "/" + action;
}

Json SizeOf(const Json& action, const char* member) {
  return action.contains(member) && action[member].is_number() ? action[member] : Json(nullptr);
}

Json Attributes(const Json& action) {
  return {{"autoscaling_group_name", action.value("AutoScalingGroupName", "")},
          {"name", action.value("ScheduledActionName", "")},
          {"recurrence", action.value("Recurrence", "")},
          {"min_size", SizeOf(action, "MinSize")},
          {"max_size", SizeOf(action, "MaxSize")},
          {"desired_capacity", SizeOf(action, "DesiredCapacity")}};
}

// Every action named in `names`, in any group (unknown names are ignored, not errors).
Result<Json> ActionsNamed(ResourceContext& context, const std::vector<std::string>& names) {
  Json actions = Json::array();
  for (size_t start = 0; start < names.size(); start += kMaxNamesPerCall) {
    Json chunk = Json::array();
    for (size_t i = start; i < names.size() && i < start + kMaxNamesPerCall; ++i) {
      chunk.push_back(names[i]);
    }
    ASSIGN_OR_RETURN(Json page, CallAllPages(context, "autoscaling", "DescribeScheduledActions",
                                             {{"ScheduledActionNames", chunk}},
                                             "ScheduledUpdateGroupActions"));
    for (Json& action : page) actions.push_back(std::move(action));
  }
  return actions;
}

Status Put(ResourceContext& context, const Json& desired) {
  Json input = {{"AutoScalingGroupName", desired["autoscaling_group_name"]},
                {"ScheduledActionName", desired["name"]},
                {"Recurrence", desired["recurrence"]}};
  for (const auto& [attribute, member] : {std::pair{"min_size", "MinSize"},
                                          std::pair{"max_size", "MaxSize"},
                                          std::pair{"desired_capacity", "DesiredCapacity"}}) {
    if (desired.contains(attribute) && desired[attribute].is_number()) {
      input[member] = desired[attribute];
    }
  }
  return context.Call("autoscaling", "PutScheduledUpdateGroupAction", input).status();
}

class ScheduledActionType : public ResourceType {
 public:
  std::string_view name() const override { return "scheduled_action"; }
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
      std::string name = record->id.substr(record->id.find('/') + 1);
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    Result<Json> actions = ActionsNamed(context, names);
    if (!actions.ok()) return std::vector<Result<Json>>(records.size(), actions.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      Result<Json> found =
          NotFoundError(record->address + ": scheduled action " + record->id + " is gone");
      for (const Json& action : *actions) {
        if (IdOf(action.value("AutoScalingGroupName", ""),
                 action.value("ScheduledActionName", "")) == record->id) {
          found = Attributes(action);
        }
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  // PutScheduledUpdateGroupAction creates or replaces: a retry is harmless.
  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    RETURN_IF_ERROR(Put(context, desired));
    std::string id =
        IdOf(desired.value("autoscaling_group_name", ""), desired.value("name", ""));
    return Created{id, {{"id", id}}, Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord&, const Json& desired,
                const std::vector<std::string>&) const override {
    return Put(context, desired);
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    size_t slash = record.id.find('/');
    std::string code;
    std::string message;
    Result<Json> deleted = CallForCode(context, "autoscaling", "DeleteScheduledAction",
                                       {{"AutoScalingGroupName", record.id.substr(0, slash)},
                                        {"ScheduledActionName", record.id.substr(slash + 1)}},
                                       &code, &message);
    // Gone already, or with its group.
    if (deleted.ok() || (code == "ValidationError" && message.find("not found") != std::string::npos)) {
      return Status::Ok();
    }
    return deleted.status();
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string id =
        IdOf(desired.value("autoscaling_group_name", ""), desired.value("name", ""));
    ASSIGN_OR_RETURN(Json actions, ActionsNamed(context, {desired.value("name", "")}));
    for (const Json& action : actions) {
      if (IdOf(action.value("AutoScalingGroupName", ""),
               action.value("ScheduledActionName", "")) == id) {
        return std::optional<Found>(Found{id, {{"id", id}}, Attributes(action)});
      }
    }
    return std::optional<Found>();
  }
};

}  // namespace

const ResourceType& ScheduledAction() {
  static const ScheduledActionType* type = new ScheduledActionType();
  return *type;
}

}  // namespace vueops::resources
