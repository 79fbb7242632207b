// db_parameter_group: the MySQL settings of the environment's RDS instance (notes: "RDS":
// "Use DB Parameter Groups in the AWS console to make ini settings", "Using InnoDB backend",
// "Can boost max_connections to better match the max number of uWSGI processes").
//
// Attributes:
//   name         string  replace   the group's name (RDS keeps names in lower case)
//   family       string  replace   the engine and major version: "mysql8.0"
//   description  string  replace   (RDS cannot change it)
//   parameters   object  in place  parameter name -> value, as strings: only those the group
//                                  sets (Source "user"); the others keep the family's default
// Tagged at creation; tags are not compared (reading them costs a call per group).
// Outputs: id (the name), arn.
#include <map>
#include <set>

#include "resources/busy_retry.h"
#include "resources/canonical_values.h"
#include "resources/paged_list.h"
#include "resources/tag_changes.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"family", UpdateMode::kReplace},
    {"description", UpdateMode::kReplace},
    {"parameters", UpdateMode::kInPlace},
};

// RDS API reference, ModifyDBParameterGroup and ResetDBParameterGroup: "You can modify up to
// 20 parameters in a single request."
constexpr size_t kParametersPerCall = 20;
// A group stays in use while the instance that used it is being deleted.
constexpr auto kInUseTimeout = std::chrono::minutes(60);

// RDS API reference, Parameter.ApplyMethod: "immediate" is for dynamic parameters only;
// "pending-reboot" is accepted for both dynamic and static ones.
constexpr std::string_view kApplyImmediately = "immediate";
constexpr std::string_view kApplyAtReboot = "pending-reboot";

Json Attributes(const Json& group, const Json& parameters) {
  return {{"name", group.value("DBParameterGroupName", "")},
          {"family", group.value("DBParameterGroupFamily", "")},
          {"description", group.value("Description", "")},
          {"parameters", parameters}};
}

Json Outputs(const Json& group) {
  return {{"id", group.value("DBParameterGroupName", "")},
          {"arn", group.value("DBParameterGroupArn", "")}};
}

// The parameters the group sets, as {name: value}.
Result<Json> UserParameters(ResourceContext& context, const std::string& name) {
  ASSIGN_OR_RETURN(Json parameters,
                   ListAllPages(context, "rds", "DescribeDBParameters",
                                {{"DBParameterGroupName", name}, {"Source", "user"}}, "Parameters",
                                kMarkerPages, {"DBParameterGroupNotFound"}));
  Json values = Json::object();
  for (const Json& parameter : parameters) {
    if (!parameter.contains("ParameterValue")) continue;
    values[parameter.value("ParameterName", "")] = parameter.value("ParameterValue", "");
  }
  return values;
}

// Parameter name -> (value, apply method).
using ParameterSettings = std::map<std::string, std::pair<std::string, std::string_view>>;

// RDS takes every parameter value as a string.
std::string ParameterText(const Json& value) {
  return value.is_string() ? value.get<std::string>() : DumpJson(value);
}

// Sets `values` in chunks of kParametersPerCall.
Status ModifyParameters(ResourceContext& context, const std::string& name,
                        const ParameterSettings& values) {
  Json list = Json::array();
  for (const auto& [parameter, setting] : values) {
    list.push_back({{"ParameterName", parameter},
                    {"ParameterValue", setting.first},
                    {"ApplyMethod", setting.second}});
  }
  for (const Json& chunk : Chunks(list, kParametersPerCall)) {
    RETURN_IF_ERROR(context
                        .Call("rds", "ModifyDBParameterGroup",
                              {{"DBParameterGroupName", name}, {"Parameters", chunk}})
                        .status());
  }
  return Status::Ok();
}

// The parameters of `family` that AWS applies without a reboot (ApplyType "dynamic"), from
// DescribeEngineDefaultParameters (whose Filters are "not currently supported": every page).
Result<std::set<std::string>> DynamicParameters(ResourceContext& context,
                                                const std::string& family) {
  std::set<std::string> dynamic;
  Json request = {{"DBParameterGroupFamily", family}};
  std::string previous;
  while (true) {
    ASSIGN_OR_RETURN(Json page, context.Call("rds", "DescribeEngineDefaultParameters", request));
    const Json& defaults = page["EngineDefaults"];
    for (const Json& parameter : defaults.value("Parameters", Json::array())) {
      if (parameter.value("ApplyType", "") == "dynamic") {
        dynamic.insert(parameter.value("ParameterName", ""));
      }
    }
    std::string marker = defaults.value("Marker", "");
    if (marker.empty() || marker == previous) break;
    previous = marker;
    request["Marker"] = marker;
  }
  return dynamic;
}

class DbParameterGroupType : public ResourceType {
 public:
  std::string_view name() const override { return "db_parameter_group"; }
  std::string_view service() const override { return "rds"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One listing of the groups (DescribeDBParameterGroups' Filters are "not currently
  // supported"), then the set parameters of each group found.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> groups = ListAllPages(context, "rds", "DescribeDBParameterGroups",
                                       Json::object(), "DBParameterGroups", kMarkerPages);
    if (!groups.ok()) return std::vector<Result<Json>>(records.size(), groups.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      const Json* found = nullptr;
      for (const Json& group : *groups) {
        if (group.value("DBParameterGroupName", "") == record->id) found = &group;
      }
      results.push_back(found == nullptr ? Result<Json>(NotFoundError(
                                               record->address + ": DB parameter group " +
                                               record->id + " is gone"))
                                         : ReadGroup(context, *found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string group_name = desired.value("name", "");
    client::CallInfo info;
    Result<Json> output = context.Call("rds", "CreateDBParameterGroup",
                                       {{"DBParameterGroupName", group_name},
                                        {"DBParameterGroupFamily", desired["family"]},
                                        {"Description", desired["description"]},
                                        {"Tags", context.TagList()}},
                                       &info);
    Json group;
    if (output.ok()) {
      group = (*output)["DBParameterGroup"];
    } else {
      // Our own create, retried after AWS had made the group, finds it taken.
      if (!info.error || info.error->code != "DBParameterGroupAlreadyExists") {
        return output.status();
      }
      ASSIGN_OR_RETURN(std::optional<Json> existing, Describe(context, group_name));
      if (!existing) return output.status();
      ASSIGN_OR_RETURN(bool ours,
                       HasAddressTag(context, "rds", existing->value("DBParameterGroupArn", "")));
      if (!ours) return output.status();
      group = *existing;
    }
    // A new group serves no instance yet: the instance made with it starts with its values,
    // so every parameter can take "pending-reboot", which AWS accepts for all of them.
    ParameterSettings values;
    const Json parameters = desired.value("parameters", Json::object());
    for (const auto& [parameter, value] : parameters.items()) {
      values[parameter] = {ParameterText(value), kApplyAtReboot};
    }
    RETURN_IF_ERROR(ModifyParameters(context, group_name, values));
    return Created{group_name, Outputs(group), Attributes(group, desired["parameters"])};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(Json current, UserParameters(context, record.id));
    const Json wanted = desired.value("parameters", Json::object());
    // Dynamic parameters apply at once; static ones at the instance's next reboot. When the
    // engine's defaults cannot be read, every change waits for the reboot, which AWS accepts
    // for every parameter: the group is right either way, only the timing differs.
    std::set<std::string> dynamic;
    Result<std::set<std::string>> looked_up =
        DynamicParameters(context, desired.value("family", ""));
    if (looked_up.ok()) {
      dynamic = std::move(*looked_up);
    } else {
      context.Progress("cannot read which parameters apply without a reboot (" +
                       looked_up.status().message() +
                       "); the changed parameters take effect at the next reboot");
    }
    auto method = [&](const std::string& parameter) {
      return dynamic.count(parameter) ? kApplyImmediately : kApplyAtReboot;
    };
    ParameterSettings changed;
    for (const auto& [parameter, value] : wanted.items()) {
      if (!current.contains(parameter) || current[parameter] != value) {
        changed[parameter] = {ParameterText(value), method(parameter)};
      }
    }
    RETURN_IF_ERROR(ModifyParameters(context, record.id, changed));
    // A parameter the spec no longer sets goes back to the family's default.
    Json reset = Json::array();
    for (const auto& [parameter, value] : current.items()) {
      if (!wanted.contains(parameter)) {
        reset.push_back({{"ParameterName", parameter}, {"ApplyMethod", method(parameter)}});
      }
    }
    for (const Json& chunk : Chunks(reset, kParametersPerCall)) {
      RETURN_IF_ERROR(context
                          .Call("rds", "ResetDBParameterGroup",
                                {{"DBParameterGroupName", record.id}, {"Parameters", chunk}})
                          .status());
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return CallUntilAccepted(context, "rds", "DeleteDBParameterGroup",
                             {{"DBParameterGroupName", record.id}}, {"DBParameterGroupNotFound"},
                             {"InvalidDBParameterGroupState"},
                             "the DB instance using the parameter group to be deleted",
                             kInUseTimeout);
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string group_name = desired.value("name", "");
    ASSIGN_OR_RETURN(std::optional<Json> group, Describe(context, group_name));
    if (!group) return std::optional<Found>();
    ASSIGN_OR_RETURN(Json parameters, UserParameters(context, group_name));
    return std::optional<Found>(
        Found{group_name, Outputs(*group), Attributes(*group, parameters)});
  }

 private:
  static Result<Json> ReadGroup(ResourceContext& context, const Json& group) {
    ASSIGN_OR_RETURN(Json parameters,
                     UserParameters(context, group.value("DBParameterGroupName", "")));
    return Attributes(group, parameters);
  }

  // The group named `name`, or nullopt when there is none.
  static Result<std::optional<Json>> Describe(ResourceContext& context, const std::string& name) {
    Result<Json> output =
        context.CallOrNotFound("rds", "DescribeDBParameterGroups",
                               {{"DBParameterGroupName", name}}, {"DBParameterGroupNotFound"});
    if (!output.ok()) {
      if (output.status().code() == StatusCode::kNotFound) return std::optional<Json>();
      return output.status();
    }
    const Json& groups = (*output)["DBParameterGroups"];
    if (!groups.is_array() || groups.empty()) return std::optional<Json>();
    return std::optional<Json>(groups[0]);
  }
};

}  // namespace

const ResourceType& DbParameterGroup() {
  static const DbParameterGroupType* type = new DbParameterGroupType();
  return *type;
}

}  // namespace vueops::resources
