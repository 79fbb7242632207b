#include "ops/server_inventory.h"

#include <algorithm>
#include <map>

namespace vueops::ops {
namespace {

// DescribeInstances takes at most 1000 ids per call, DescribeAutoScalingGroups 100 names
// (EC2 and EC2 Auto Scaling API References).
constexpr size_t kInstancesPerDescribe = 1000;
constexpr size_t kGroupsPerDescribe = 100;

std::string Text(const Json& object, const char* member) {
  auto found = object.find(member);
  if (found == object.end()) return "";
  if (found->is_string()) return found->get<std::string>();
  if (found->is_number_integer()) return std::to_string(found->get<int64_t>());
  return "";
}

const Json& Member(const Json& object, const char* member) {
  static const Json kNull;
  auto found = object.find(member);
  return found == object.end() ? kNull : *found;
}

// "foh" from arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/foh/0123456789abcdef.
std::string TargetGroupName(const std::string& arn) {
  size_t start = arn.find(":targetgroup/");
  if (start == std::string::npos) return arn;
  start += sizeof(":targetgroup/") - 1;
  size_t end = arn.find('/', start);
  return arn.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

struct GroupMember {
  const ProfileGroup* group = nullptr;
  Json instance;  // the group's Instances[] entry
  std::vector<std::string> target_group_arns;
};

// The launch template an instance came from: the group's Instances[] entry names it, directly
// or inside a mixed instances policy.
void SetLaunchTemplate(const Json& member, ServerInstance& server) {
  const Json& direct = Member(member, "LaunchTemplate");
  if (direct.is_object()) {
    server.launch_template_id = Text(direct, "LaunchTemplateId");
    server.launch_template_version = Text(direct, "Version");
  }
}

}  // namespace

Result<std::vector<ServerInstance>> ListServers(client::AwsClient& client,
                                                const std::vector<ProfileGroup>& groups) {
  std::vector<GroupMember> members;
  std::map<std::string, const ProfileGroup*> by_name;
  for (const ProfileGroup& group : groups) by_name[group.autoscaling_group] = &group;
  std::vector<std::string> names;
  for (const auto& [name, group] : by_name) names.push_back(name);
  for (size_t start = 0; start < names.size(); start += kGroupsPerDescribe) {
    std::vector<std::string> batch(
        names.begin() + start, names.begin() + std::min(names.size(), start + kGroupsPerDescribe));
    ASSIGN_OR_RETURN(Json answer, client.CallAllPages("autoscaling", "DescribeAutoScalingGroups",
                                                      {{"AutoScalingGroupNames", batch}}));
    for (const Json& group : Member(answer, "AutoScalingGroups")) {
      auto known = by_name.find(Text(group, "AutoScalingGroupName"));
      if (known == by_name.end()) continue;
      std::vector<std::string> target_groups;
      for (const Json& arn : Member(group, "TargetGroupARNs")) {
        if (arn.is_string()) target_groups.push_back(arn.get<std::string>());
      }
      for (const Json& instance : Member(group, "Instances")) {
        members.push_back({known->second, instance, target_groups});
      }
    }
  }

  // What EC2 says of each member.
  std::map<std::string, Json> described;
  std::vector<std::string> ids;
  for (const GroupMember& member : members) ids.push_back(Text(member.instance, "InstanceId"));
  for (size_t start = 0; start < ids.size(); start += kInstancesPerDescribe) {
    std::vector<std::string> batch(
        ids.begin() + start, ids.begin() + std::min(ids.size(), start + kInstancesPerDescribe));
    ASSIGN_OR_RETURN(Json answer,
                     client.CallAllPages("ec2", "DescribeInstances", {{"InstanceIds", batch}}));
    for (const Json& reservation : Member(answer, "Reservations")) {
      for (const Json& instance : Member(reservation, "Instances")) {
        described[Text(instance, "InstanceId")] = instance;
      }
    }
  }

  // What each target group says of its targets.
  std::map<std::string, std::map<std::string, TargetHealth>> health;  // group ARN -> id -> health
  for (const GroupMember& member : members) {
    for (const std::string& arn : member.target_group_arns) {
      if (health.count(arn) != 0) continue;
      ASSIGN_OR_RETURN(Json answer,
                       client.Call("elbv2", "DescribeTargetHealth", {{"TargetGroupArn", arn}}));
      std::map<std::string, TargetHealth>& targets = health[arn];
      for (const Json& description : Member(answer, "TargetHealthDescriptions")) {
        const Json& target = Member(description, "TargetHealth");
        targets[Text(Member(description, "Target"), "Id")] = {
            TargetGroupName(arn), Text(target, "State"), Text(target, "Reason")};
      }
    }
  }

  std::vector<ServerInstance> servers;
  for (const GroupMember& member : members) {
    ServerInstance server;
    server.environment = member.group->environment;
    server.profile = member.group->profile;
    server.autoscaling_group = member.group->autoscaling_group;
    server.instance_id = Text(member.instance, "InstanceId");
    server.availability_zone = Text(member.instance, "AvailabilityZone");
    server.group_lifecycle = Text(member.instance, "LifecycleState");
    server.group_health = Text(member.instance, "HealthStatus");
    server.instance_type = Text(member.instance, "InstanceType");
    SetLaunchTemplate(member.instance, server);
    auto found = described.find(server.instance_id);
    if (found == described.end()) continue;  // gone between the two calls
    const Json& instance = found->second;
    server.state = Text(Member(instance, "State"), "Name");
    if (server.state != "pending" && server.state != "running") continue;
    if (server.instance_type.empty()) server.instance_type = Text(instance, "InstanceType");
    std::string lifecycle = Text(instance, "InstanceLifecycle");
    server.lifecycle = lifecycle.empty() ? "on-demand" : lifecycle;
    server.private_ip = Text(instance, "PrivateIpAddress");
    server.public_ip = Text(instance, "PublicIpAddress");
    server.launch_time = Text(instance, "LaunchTime");
    if (server.availability_zone.empty()) {
      server.availability_zone = Text(Member(instance, "Placement"), "AvailabilityZone");
    }
    if (server.launch_template_id.empty()) {
      // EC2 tags an instance with the template it was launched from.
      for (const Json& tag : Member(instance, "Tags")) {
        std::string key = Text(tag, "Key");
        if (key == "aws:ec2launchtemplate:id") server.launch_template_id = Text(tag, "Value");
        if (key == "aws:ec2launchtemplate:version") {
          server.launch_template_version = Text(tag, "Value");
        }
      }
    }
    for (const std::string& arn : member.target_group_arns) {
      auto target = health[arn].find(server.instance_id);
      server.target_health.push_back(target != health[arn].end()
                                         ? target->second
                                         : TargetHealth{TargetGroupName(arn), "unregistered", ""});
    }
    servers.push_back(std::move(server));
  }

  std::map<std::string, size_t> group_order;
  for (size_t i = 0; i < groups.size(); ++i) {
    group_order.emplace(groups[i].environment + "\n" + groups[i].profile, i);
  }
  std::stable_sort(servers.begin(), servers.end(),
                   [&](const ServerInstance& a, const ServerInstance& b) {
                     size_t left = group_order[a.environment + "\n" + a.profile];
                     size_t right = group_order[b.environment + "\n" + b.profile];
                     if (left != right) return left < right;
                     if (a.launch_time != b.launch_time) return a.launch_time < b.launch_time;
                     return a.instance_id < b.instance_id;
                   });
  return servers;
}

Json ServersToJson(const std::vector<ServerInstance>& servers) {
  Json list = Json::array();
  for (const ServerInstance& server : servers) {
    Json health = Json::array();
    for (const TargetHealth& target : server.target_health) {
      Json entry = {{"target_group", target.target_group}, {"state", target.state}};
      if (!target.reason.empty()) entry["reason"] = target.reason;
      health.push_back(std::move(entry));
    }
    list.push_back(
        {{"environment", server.environment},
         {"profile", server.profile},
         {"autoscaling_group", server.autoscaling_group},
         {"instance_id", server.instance_id},
         {"instance_type", server.instance_type},
         {"availability_zone", server.availability_zone},
         {"lifecycle", server.lifecycle},
         {"state", server.state},
         {"group_lifecycle", server.group_lifecycle},
         {"group_health", server.group_health},
         {"private_ip", server.private_ip},
         {"public_ip", server.public_ip.empty() ? Json(nullptr) : Json(server.public_ip)},
         {"launch_template_id", server.launch_template_id},
         {"launch_template_version", server.launch_template_version},
         {"launch_time", server.launch_time},
         {"target_health", std::move(health)}});
  }
  return list;
}

std::string SummarizeHealth(const std::vector<TargetHealth>& health) {
  if (health.empty()) return "-";
  if (health.size() == 1) return health.front().state;
  std::string text;
  for (const TargetHealth& target : health) {
    text += (text.empty() ? "" : ", ") + target.target_group + ": " + target.state;
  }
  return text;
}

}  // namespace vueops::ops
