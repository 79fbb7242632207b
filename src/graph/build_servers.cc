// The servers pass (notes: "EC2", "EC2 key pairs", "Access notes"): the key pair, the
// servers' instance role and profile, and per server profile (FOH, BOH, FT) a launch template,
// an autoscaling group, its scheduled actions and its CPU target tracking; then the dev
// servers, launched from their profile's template, with their Elastic IPs
// (docs/resources.md, "Servers").
//
//   "MPF uses Launch Templates to define AMI, settings, and the cloud-init startup script in
//   User Data." "All servers are run from autoscale groups." "Dev servers use the same launch
//   templates." "Role assigned to EC2 servers give the server policy rights to access AWS
//   resources. FUTURE SECURE - a broad role is used for servers now, can tighten later."
#include <algorithm>
#include <cctype>

#include "base/file.h"
#include "graph/build.h"

namespace vueops::graph {
namespace {

using resources::Join;
using resources::MakeAddress;
using resources::Reference;

constexpr const char* kPolicyVersion = "2012-10-17";
// The servers' own inline policy (the narrow role), by name.
constexpr const char* kServerPolicyName = "vueops-servers";
// IAM: a role session lasts an hour unless the role allows longer; instance roles are
// refreshed by EC2 long before.
constexpr int kSessionSeconds = 3600;
// The metric the profiles' cpu_target_percent tracks (EC2 Auto Scaling, "Target tracking
// scaling policies": predefined metrics).
constexpr const char* kCpuMetric = "ASGAverageCPUUtilization";
// The notes' broad role ("a broad role is used for servers now"), as AWS managed policies.
constexpr const char* kBroadPolicies[] = {
    "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
    "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    "arn:aws:iam::aws:policy/AmazonSESFullAccess",
    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
    "arn:aws:iam::aws:policy/SecretsManagerReadWrite",
};

std::string LowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string ZoneLetterOf(const std::string& zone) {
  return zone.empty() ? "" : zone.substr(zone.size() - 1);
}

Json Statement(const char* sid, std::vector<std::string> actions, Json resources) {
  return {{"Sid", sid},
          {"Effect", "Allow"},
          {"Action", Json(std::move(actions))},
          {"Resource", std::move(resources)}};
}

class ServersPass {
 public:
  ServersPass(BuildContext& context, const spec::Environment& env)
      : context_(context),
        env_(env),
        servers_(*env.servers),
        account_(context.AccountOf(env.account)) {}

  void Run() {
    KeyPair();
    Role();
    for (const spec::ServerProfile& profile : servers_.profiles) Profile(profile);
    for (const spec::DevServer& server : servers_.dev_servers) DevServer(server);
  }

 private:
  std::string Address(std::string_view type, std::string_view name) const {
    return MakeAddress(env_.name, type, name);
  }

  Json Tags(const std::string& name) const {
    Json tags = Json::object();
    for (const auto& [key, value] : env_.tags) tags[key] = value;
    tags["Name"] = name;
    return tags;
  }

  Json EnvironmentTags() const {
    Json tags = Json::object();
    for (const auto& [key, value] : env_.tags) tags[key] = value;
    return tags;
  }

  resources::DesiredResource& Add(std::string address, std::string_view type, Json attributes,
                                  Location source) {
    resources::DesiredResource& resource = context_.Add(std::move(address), type, account_,
                                                        env_.region, std::move(attributes), source);
    resource.tags = context_.EnvironmentTags(env_);
    return resource;
  }

  // <stack>-<env>-<profile>, in lower case: a name for the launch template, the group and
  // the instances.
  std::string ProfileName(const spec::ServerProfile& profile) const {
    return LowerCase(context_.Name(env_, profile.name));
  }

  void KeyPair() {
    if (servers_.key_pair.empty()) return;
    std::string directory = context_.options().secrets_dir;
    if (directory.empty()) {
      directory = JoinPath(context_.stack().spec_dir, context_.stack().operations.secrets_dir);
    }
    // notes: "Private key must be available in: .secrets/vueocity/*keyname*.pem".
    Add(Address("key_pair", servers_.key_pair), "key_pair",
        {{"name", servers_.key_pair},
         {"key_type", "rsa"},
         {"private_key_path", JoinPath(directory, servers_.key_pair + ".pem")},
         {"tags", Tags(servers_.key_pair)}},
        servers_.At("key_pair"));
  }

  // The narrow role's permissions: the environment's buckets (the servers upload and serve
  // files: "Uploads occur to buckets from EC2"), its secrets, sending mail through SES, and
  // reading the EC2 and autoscaling metadata and writing metrics, which have no resource-level
  // permissions.
  Json NarrowPolicy() const {
    Json statements = Json::array();
    Json buckets = Json::array();
    Json objects = Json::array();
    for (const spec::Bucket& bucket : env_.buckets) {
      if (bucket.access == spec::BucketAccess::kLogs ||
          bucket.access == spec::BucketAccess::kBackup) {
        continue;
      }
      std::string address = Address("bucket", bucket.key);
      buckets.push_back(Reference(address, "arn"));
      objects.push_back(Join({Reference(address, "arn"), "/*"}));
    }
    if (!buckets.empty()) {
      statements.push_back(
          Statement("Buckets", {"s3:GetBucketLocation", "s3:ListBucket"}, buckets));
      statements.push_back(Statement(
          "Objects", {"s3:DeleteObject", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"},
          objects));
    }
    Json secrets = Json::array();
    for (const spec::Secret& secret : env_.secrets) {
      secrets.push_back(Reference(Address("secret", secret.name), "arn"));
    }
    if (!secrets.empty()) {
      statements.push_back(Statement(
          "Secrets", {"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"}, secrets));
    }
    if (env_.mail) {
      statements.push_back(Statement("Mail", {"ses:SendEmail", "ses:SendRawEmail"}, "*"));
    }
    statements.push_back(Statement(
        "Metadata",
        {"autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
         "ec2:DescribeInstances", "ec2:DescribeTags"},
        "*"));
    statements.push_back(Statement("Metrics", {"cloudwatch:PutMetricData"}, "*"));
    return {{"Version", kPolicyVersion}, {"Statement", statements}};
  }

  void Role() {
    const spec::InstanceRole& role = servers_.instance_role;
    std::vector<std::string> managed = role.managed_policies;
    if (role.broad)
      managed.insert(managed.end(), std::begin(kBroadPolicies), std::end(kBroadPolicies));
    std::sort(managed.begin(), managed.end());
    managed.erase(std::unique(managed.begin(), managed.end()), managed.end());
    Json inline_policies = Json::object();
    if (!role.broad) inline_policies[kServerPolicyName] = NarrowPolicy();
    if (role.policy) inline_policies[context_.Name(env_, "servers")] = role.policy->document;
    Json trust = {{"Version", kPolicyVersion},
                  {"Statement",
                   {{{"Effect", "Allow"},
                     {"Principal", {{"Service", "ec2.amazonaws.com"}}},
                     {"Action", "sts:AssumeRole"}}}}};
    std::string name = context_.Name(env_, "servers");
    context_
        .AddIamEntity(Address("iam_role", "servers"), "iam_role", account_,
                      {{"name", name},
                       {"description", "The " + env_.name + " servers' instance role"},
                       {"assume_role_policy", trust},
                       {"max_session_duration", kSessionSeconds},
                       {"managed_policy_arns", Json(managed)},
                       {"tags", EnvironmentTags()}},
                      inline_policies, role.location)
        .tags = context_.EnvironmentTags(env_);
    resources::DesiredResource& profile =
        Add(Address("iam_instance_profile", "servers"), "iam_instance_profile",
            {{"name", name},
             {"role", Reference(Address("iam_role", "servers"), "id")},
             {"tags", EnvironmentTags()}},
            role.location);
    // Servers launched with the profile have the role's permissions from their first boot.
    for (auto it = inline_policies.begin(); it != inline_policies.end(); ++it) {
      profile.depends_on.push_back(Address("iam_role_policy", "servers/" + it.key()));
    }
  }

  // The subnets the servers live in: the private ones, unless they are placed in the public
  // ones or there are no private ones.
  Json SubnetReferences() const {
    bool public_placement = servers_.placement == "public" || env_.network.private_subnets.empty();
    const std::vector<spec::Subnet>& subnets =
        public_placement ? env_.network.public_subnets : env_.network.private_subnets;
    Json references = Json::array();
    for (const spec::Subnet& subnet : subnets) {
      references.push_back(
          Reference(Address("subnet", (public_placement ? "public-" : "private-") +
                                          ZoneLetterOf(subnet.availability_zone))));
    }
    return references;
  }

  void Profile(const spec::ServerProfile& profile) {
    std::string name = ProfileName(profile);
    std::string template_address = Address("launch_template", profile.name);
    Json groups = Json::array();
    for (const std::string& group : servers_.security_groups) {
      groups.push_back(Reference(Address("security_group", group)));
    }
    Add(template_address, "launch_template",
        {{"name", name},
         {"image_id", profile.ami},
         {"instance_type", profile.instance_types.empty() ? "" : profile.instance_types.front()},
         {"key_name",
          servers_.key_pair.empty() ? Json("") : Reference(Address("key_pair", servers_.key_pair))},
         {"security_group_ids", groups},
         {"iam_instance_profile_arn", Reference(Address("iam_instance_profile", "servers"), "arn")},
         {"user_data", profile.user_data},
         {"imdsv2_required", servers_.imdsv2_required},
         {"metadata_hop_limit", servers_.metadata_hop_limit},
         {"monitoring", servers_.detailed_monitoring},
         {"root_volume",
          {{"size_gb", servers_.root_volume_gb},
           {"type", servers_.root_volume_type},
           {"encrypted", servers_.root_volume_encrypted}}},
         {"associate_public_ip", servers_.associate_public_ip},
         {"instance_tags", Tags(name)},
         {"tags", Tags(name)}},
        profile.location);

    std::string group_address = Address("autoscaling_group", profile.name);
    Json target_groups = Json::array();
    if (!profile.target_group.empty()) {
      target_groups.push_back(Reference(Address("target_group", profile.target_group), "arn"));
    }
    Add(group_address, "autoscaling_group",
        {{"name", name},
         {"launch_template_id", Reference(template_address)},
         {"instance_types", Json(profile.instance_types)},
         {"purchase",
          {{"on_demand_base", profile.purchase.on_demand_base},
           {"on_demand_percent_above_base", profile.purchase.on_demand_percent_above_base},
           {"spot_allocation_strategy", profile.purchase.spot_allocation}}},
         {"subnet_ids", SubnetReferences()},
         {"min_size", profile.capacity.min},
         {"max_size", profile.capacity.max},
         {"desired_capacity", profile.capacity.desired},
         {"target_group_arns", target_groups},
         // Behind a load balancer, a server that fails its target group's health check is
         // replaced; else only a failed instance is.
         {"health_check_type", target_groups.empty() ? "EC2" : "ELB"},
         {"health_check_grace_period", profile.health_check_grace_seconds},
         {"tags", Tags(name)}},
        profile.location);

    for (const spec::ScheduledAction& action : profile.schedule) {
      auto size = [](const std::optional<int>& value) {
        return value ? Json(*value) : Json(nullptr);
      };
      Add(Address("scheduled_action", profile.name + "/" + action.name), "scheduled_action",
          {{"autoscaling_group_name", Reference(group_address)},
           {"name", action.name},
           {"recurrence", action.recurrence},
           {"min_size", size(action.min)},
           {"max_size", size(action.max)},
           {"desired_capacity", size(action.desired)}},
          action.location);
    }
    if (profile.cpu_target_percent) {
      Add(Address("scaling_policy", profile.name), "scaling_policy",
          {{"autoscaling_group_name", Reference(group_address)},
           {"name", name + "-cpu"},
           {"metric", kCpuMetric},
           {"target_value", *profile.cpu_target_percent}},
          profile.At("cpu_target_percent"));
    }
  }

  void DevServer(const spec::DevServer& server) {
    const spec::ServerProfile* profile = servers_.FindProfile(server.profile);
    if (profile == nullptr) return;  // reported by the loader
    // An Elastic IP reaches a server only through the internet gateway: a dev server with one
    // lives in the first public subnet; the others where the fleet lives.
    bool public_subnet = !server.elastic_ip.empty() || servers_.placement == "public" ||
                         env_.network.private_subnets.empty();
    const std::vector<spec::Subnet>& subnets =
        public_subnet ? env_.network.public_subnets : env_.network.private_subnets;
    if (subnets.empty()) return;  // no network: reported by the loader
    std::string subnet =
        (public_subnet ? "public-" : "private-") + ZoneLetterOf(subnets.front().availability_zone);
    std::string instance_address = Address("instance", server.name);
    Add(instance_address, "instance",
        {{"launch_template_id", Reference(Address("launch_template", profile->name))},
         {"instance_type", server.instance_type},
         {"subnet_id", Reference(Address("subnet", subnet))},
         {"tags", Tags(context_.Name(env_, server.name))}},
        server.location);
    if (!server.elastic_ip.empty()) {
      Add(Address("eip_association", server.name), "eip_association",
          {{"allocation_id", Reference(Address("elastic_ip", server.elastic_ip))},
           {"instance_id", Reference(instance_address)}},
          server.At("elastic_ip"));
    }
  }

  BuildContext& context_;
  const spec::Environment& env_;
  const spec::Servers& servers_;
  const std::string account_;
};

}  // namespace

void BuildServers(BuildContext& context, const spec::Environment& env) {
  if (!env.servers) return;
  ServersPass(context, env).Run();
}

}  // namespace vueops::graph
