#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class LaunchTemplateMotoTest : public NetworkMotoTest {
 protected:
  Json Desired(const std::string& group) {
    return {{"name", "test-test-foh"},
            {"image_id", "ami-12c6146b"},
            {"instance_type", "t3.large"},
            {"key_name", "vueocity-test"},
            {"security_group_ids", {group}},
            {"iam_instance_profile_arn",
             "arn:aws:iam::123456789012:instance-profile/test-test-servers"},
            {"user_data", "#cloud-config\npackages: [nginx]\n"},
            {"imdsv2_required", true},
            {"metadata_hop_limit", 2},
            {"monitoring", true},
            {"root_volume", {{"size_gb", 30}, {"type", "gp3"}, {"encrypted", true}}},
            {"associate_public_ip", false},
            {"instance_tags", {{"environment", "test"}, {"Name", "test-test-foh"}}},
            {"tags", {{"environment", "test"}}}};
  }
};

TEST_F(LaunchTemplateMotoTest, RoundTrip) {
  std::string group = MakeSecurityGroup(MakeVpc(), "servers");
  Created created = RoundTrip(LaunchTemplate(), "test.launch_template.FOH", Desired(group));
  EXPECT_EQ(created.outputs["latest_version"], 1);
}

TEST_F(LaunchTemplateMotoTest, AChangeMakesANewDefaultVersionAndDriftShows) {
  std::string vpc = MakeVpc();
  std::string group = MakeSecurityGroup(vpc, "servers");
  std::string other = MakeSecurityGroup(vpc, "extra");
  ResourceContext context = Context("test.launch_template.FOH");
  Json desired = Desired(group);
  Created created = MustCreate(LaunchTemplate(), context, desired);
  state::ResourceRecord record = Record(LaunchTemplate(), context.address(), created, desired);

  Json changed = desired;
  changed["instance_type"] = "m6i.large";
  changed["security_group_ids"] = {other, group};
  changed["associate_public_ip"] = true;
  ASSERT_TRUE(LaunchTemplate()
                  .Update(context, record, changed,
                          {"instance_type", "security_group_ids", "associate_public_ip"})
                  .ok());
  record.attributes = changed;
  Json read = MustRead(LaunchTemplate(), context, record);
  EXPECT_EQ(read["instance_type"], "m6i.large");
  EXPECT_EQ(read["security_group_ids"], (Json{other, group}));
  EXPECT_EQ(read["associate_public_ip"], true);
  EXPECT_EQ(read["user_data"], desired["user_data"]);

  // A version made and made the default by hand is drift.
  Json version = Must("ec2", "CreateLaunchTemplateVersion",
                      {{"LaunchTemplateId", created.id},
                       {"LaunchTemplateData",
                        {{"ImageId", "ami-12c6146b"}, {"InstanceType", "t3.nano"}}}});
  Must("ec2", "ModifyLaunchTemplate",
       {{"LaunchTemplateId", created.id},
        {"DefaultVersion",
         std::to_string(version["LaunchTemplateVersion"].value("VersionNumber", 0))}});
  read = MustRead(LaunchTemplate(), context, record);
  EXPECT_EQ(read["instance_type"], "t3.nano");
  EXPECT_EQ(read["monitoring"], false);
  EXPECT_TRUE(LaunchTemplate().Delete(context, record).ok());
}

}  // namespace
}  // namespace vueops::resources
