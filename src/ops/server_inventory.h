// The running servers of an environment's profiles (notes: "All servers are run from autoscale
// groups"): per instance its autoscaling group, what the load balancer's target groups think
// of it, and where it is, read live through the account's role.
#ifndef VUEOPS_OPS_SERVER_INVENTORY_H_
#define VUEOPS_OPS_SERVER_INVENTORY_H_

#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "client/aws_client.h"

namespace vueops::ops {

// One server profile's autoscaling group, as the spec and the state name it.
struct ProfileGroup {
  std::string environment;        // prod
  std::string profile;            // FOH
  std::string autoscaling_group;  // the group's name (the state's id for it)
};

struct TargetHealth {
  std::string target_group;  // the target group's name (from its ARN)
  std::string state;         // healthy, unhealthy, initial, draining, unused, unavailable
  std::string reason;        // Elb.InitialHealthChecking, Target.FailedHealthChecks, ...
};

struct ServerInstance {
  std::string environment;
  std::string profile;
  std::string autoscaling_group;
  std::string instance_id;
  std::string instance_type;
  std::string availability_zone;
  std::string lifecycle;        // "spot" or "on-demand" (EC2 InstanceLifecycle)
  std::string state;            // EC2: pending, running
  std::string group_lifecycle;  // the group's view: InService, Pending, Terminating, ...
  std::string group_health;     // Healthy, Unhealthy
  std::string private_ip;
  std::string public_ip;  // empty in private subnets
  std::string launch_template_id;
  std::string launch_template_version;
  std::string launch_time;                  // ISO-8601, as EC2 answers it
  std::vector<TargetHealth> target_health;  // one per target group the group registers with
};

// The pending and running instances of each group in `groups` (those EC2 has stopped or is
// terminating are left out), in the order of `groups`, then by launch time and instance id.
// Calls, through `client` (in the groups' account and region): autoscaling
// DescribeAutoScalingGroups, ec2 DescribeInstances, elbv2 DescribeTargetHealth per target
// group. A group that does not exist has no instances.
Result<std::vector<ServerInstance>> ListServers(client::AwsClient& client,
                                                const std::vector<ProfileGroup>& groups);

// The instances' JSON form for --json (member names in snake case, as the other commands).
Json ServersToJson(const std::vector<ServerInstance>& servers);

// "healthy" for one target group, "foh: healthy, boh: draining" for several, "-" for none.
std::string SummarizeHealth(const std::vector<TargetHealth>& health);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_SERVER_INVENTORY_H_
