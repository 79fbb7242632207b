#include <gtest/gtest.h>

#include <map>
#include <set>

#include "graph/build.h"
#include "resources/desired.h"
#include "resources/resource_type.h"
#include "spec/loader.h"

namespace vueops::graph {
namespace {

using resources::DesiredResource;
using resources::Join;
using resources::Reference;

class BuildServersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spec::LoadResult loaded =
        spec::LoadStack(std::string(VUEOPS_SOURCE_DIR) + "/examples/vueocity");
    ASSERT_TRUE(loaded.ok());
    stack_ = std::move(*loaded.stack);
    BuildOptions options;
    options.secrets_dir = "/secrets";
    BuildContext context(stack_, options);
    for (const spec::Environment& env : stack_.environments) BuildServers(context, env);
    Result<std::vector<DesiredResource>> built = context.Finish();
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    for (DesiredResource& resource : *built) resources_[resource.address] = std::move(resource);
  }

  const DesiredResource& At(const std::string& address) {
    static const DesiredResource missing;
    auto it = resources_.find(address);
    EXPECT_NE(it, resources_.end()) << address << " was not built";
    return it == resources_.end() ? missing : it->second;
  }

  std::set<std::string> Addresses(const std::string& env, const std::string& type) {
    std::set<std::string> addresses;
    std::string prefix = env + "." + type + ".";
    for (const auto& [address, resource] : resources_) {
      if (address.rfind(prefix, 0) == 0) addresses.insert(address);
    }
    return addresses;
  }

  spec::Stack stack_;
  std::map<std::string, DesiredResource> resources_;
};

TEST_F(BuildServersTest, KeyPairWritesItsPrivateKeyToTheSecretsFolder) {
  const DesiredResource& key = At("prod.key_pair.vueocity-prod");
  EXPECT_EQ(key.type->name(), "key_pair");
  EXPECT_EQ(key.account, "vueprod");
  EXPECT_EQ(key.attributes["name"], "vueocity-prod");
  EXPECT_EQ(key.attributes["private_key_path"], "/secrets/vueocity-prod.pem");
  EXPECT_EQ(At("dev.key_pair.vueocity-dev").attributes["private_key_path"],
            "/secrets/vueocity-dev.pem");
}

TEST_F(BuildServersTest, NarrowRoleReadsTheEnvironmentsBucketsAndSecrets) {
  const DesiredResource& role = At("prod.iam_role.servers");
  EXPECT_EQ(role.region, "");  // IAM is global
  EXPECT_EQ(role.attributes["name"], "vueocity-prod-servers");
  EXPECT_EQ(role.attributes["assume_role_policy"]["Statement"][0]["Principal"]["Service"],
            "ec2.amazonaws.com");
  EXPECT_EQ(role.attributes["managed_policy_arns"], Json::array());
  EXPECT_EQ(role.attributes["inline_policy_names"], Json::array({"vueops-servers"}));
  const DesiredResource& policy = At("prod.iam_role_policy.servers/vueops-servers");
  EXPECT_EQ(policy.attributes["role"], Reference("prod.iam_role.servers"));
  EXPECT_NE(std::find(At("prod.iam_instance_profile.servers").depends_on.begin(),
                      At("prod.iam_instance_profile.servers").depends_on.end(),
                      "prod.iam_role_policy.servers/vueops-servers"),
            At("prod.iam_instance_profile.servers").depends_on.end())
      << "servers have the role's permissions from their first boot";
  const Json& statements = policy.attributes["policy"]["Statement"];
  ASSERT_TRUE(statements.is_array());
  Json buckets, objects, secrets;
  for (const Json& statement : statements) {
    if (statement["Sid"] == "Buckets") buckets = statement["Resource"];
    if (statement["Sid"] == "Objects") objects = statement["Resource"];
    if (statement["Sid"] == "Secrets") secrets = statement["Resource"];
  }
  // The protected, public and public-protected buckets; not the logs.
  EXPECT_EQ(buckets, (Json::array({Reference("prod.bucket.protected", "arn"),
                                   Reference("prod.bucket.public", "arn"),
                                   Reference("prod.bucket.public_protected", "arn")})));
  EXPECT_EQ(objects[0], Join({Reference("prod.bucket.protected", "arn"), "/*"}));
  EXPECT_EQ(secrets[0], Reference("prod.secret.db-master", "arn"));

  const DesiredResource& profile = At("prod.iam_instance_profile.servers");
  EXPECT_EQ(profile.attributes["name"], "vueocity-prod-servers");
  EXPECT_EQ(profile.attributes["role"], Reference("prod.iam_role.servers", "id"));
}

TEST_F(BuildServersTest, LaunchTemplatesNameGroupsByIdAndTheProfileByArn) {
  EXPECT_EQ(Addresses("prod", "launch_template"),
            (std::set<std::string>{"prod.launch_template.BOH", "prod.launch_template.FOH",
                                   "prod.launch_template.FT"}));
  const DesiredResource& foh = At("prod.launch_template.FOH");
  EXPECT_EQ(foh.attributes["name"], "vueocity-prod-foh");
  EXPECT_EQ(foh.attributes["image_id"], "ami-0a1b2c3d4e5f67890");
  EXPECT_EQ(foh.attributes["instance_type"], "t3.large");
  EXPECT_EQ(foh.attributes["key_name"], Reference("prod.key_pair.vueocity-prod"));
  EXPECT_EQ(foh.attributes["security_group_ids"],
            (Json::array({Reference("prod.security_group.servers")})));
  EXPECT_EQ(foh.attributes["iam_instance_profile_arn"],
            Reference("prod.iam_instance_profile.servers", "arn"));
  EXPECT_EQ(foh.attributes["imdsv2_required"], true);
  EXPECT_EQ(foh.attributes["metadata_hop_limit"], 2);
  EXPECT_EQ(foh.attributes["monitoring"], true);
  EXPECT_EQ(foh.attributes["root_volume"],
            (Json{{"size_gb", 30}, {"type", "gp3"}, {"encrypted", true}}));
  EXPECT_FALSE(foh.attributes["user_data"].get<std::string>().empty());
}

TEST_F(BuildServersTest, AutoscalingGroupsMixOnDemandAndSpotBehindTheirTargetGroups) {
  const DesiredResource& foh = At("prod.autoscaling_group.FOH");
  EXPECT_EQ(foh.attributes["launch_template_id"], Reference("prod.launch_template.FOH"));
  EXPECT_EQ(foh.attributes["instance_types"], (Json{"t3.large", "t3a.large", "m6i.large"}));
  EXPECT_EQ(foh.attributes["purchase"],
            (Json{{"on_demand_base", 2},
                  {"on_demand_percent_above_base", 50},
                  {"spot_allocation_strategy", "price-capacity-optimized"}}));
  EXPECT_EQ(
      foh.attributes["subnet_ids"],
      (Json::array({Reference("prod.subnet.private-a"), Reference("prod.subnet.private-b")})));
  EXPECT_EQ(foh.attributes["min_size"], 2);
  EXPECT_EQ(foh.attributes["max_size"], 8);
  EXPECT_EQ(foh.attributes["target_group_arns"],
            (Json::array({Reference("prod.target_group.foh", "arn")})));
  EXPECT_EQ(foh.attributes["health_check_type"], "ELB");

  const DesiredResource& policy = At("prod.scaling_policy.FOH");
  EXPECT_EQ(policy.attributes["autoscaling_group_name"], Reference("prod.autoscaling_group.FOH"));
  EXPECT_EQ(policy.attributes["metric"], "ASGAverageCPUUtilization");
  EXPECT_EQ(policy.attributes["target_value"], 60);
  // The sandbox turns the target off for FOH.
  EXPECT_EQ(resources_.count("dev.scaling_policy.FOH"), 0u);
  EXPECT_EQ(At("dev.autoscaling_group.FOH").attributes["purchase"]["on_demand_base"], 0);
}

TEST_F(BuildServersTest, ScheduledActionsOfProductionsFtProfile) {
  EXPECT_EQ(Addresses("prod", "scheduled_action"),
            (std::set<std::string>{"prod.scheduled_action.FT/day-scale-out",
                                   "prod.scheduled_action.FT/night-scale-in"}));
  const DesiredResource& night = At("prod.scheduled_action.FT/night-scale-in");
  EXPECT_EQ(night.attributes["autoscaling_group_name"], Reference("prod.autoscaling_group.FT"));
  EXPECT_EQ(night.attributes["recurrence"], "0 6 * * *");
  EXPECT_EQ(night.attributes["max_size"], 2);
  EXPECT_TRUE(Addresses("dev", "scheduled_action").empty());
}

TEST_F(BuildServersTest, DevServersLaunchFromTheirProfilesTemplateInAPublicSubnet) {
  EXPECT_TRUE(Addresses("prod", "instance").empty());
  const DesiredResource& dev1 = At("dev.instance.dev1");
  EXPECT_EQ(dev1.account, "vuedev");
  EXPECT_EQ(dev1.attributes["launch_template_id"], Reference("dev.launch_template.FOH"));
  EXPECT_EQ(dev1.attributes["instance_type"], "t3.medium");
  EXPECT_EQ(dev1.attributes["subnet_id"], Reference("dev.subnet.public-a"));
  EXPECT_EQ(dev1.attributes["tags"]["Name"], "vueocity-dev-dev1");
  const DesiredResource& address = At("dev.eip_association.dev1");
  EXPECT_EQ(address.attributes["allocation_id"], Reference("dev.elastic_ip.dev1"));
  EXPECT_EQ(address.attributes["instance_id"], Reference("dev.instance.dev1"));
}

}  // namespace
}  // namespace vueops::graph
