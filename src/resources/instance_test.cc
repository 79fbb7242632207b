#include <gtest/gtest.h>

#include "resources/network_moto_test.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class InstanceMotoTest : public NetworkMotoTest {
 protected:
  Json Desired() {
    std::string vpc = MakeVpc();
    return {{"launch_template_id", MakeLaunchTemplate("test-test-foh")},
            {"instance_type", "t3.medium"},
            {"subnet_id", MakeSubnet(vpc, "10.50.0.0/20")},
            {"tags", {{"environment", "test"}, {"Name", "test-test-dev1"}}}};
  }
};

TEST_F(InstanceMotoTest, RoundTrip) {
  Created created = RoundTrip(Instance(), "test.instance.dev1", Desired());
  EXPECT_FALSE(created.outputs.value("private_ip", "").empty());
}

TEST_F(InstanceMotoTest, RetriedLaunchIsTheSameInstanceAndTypeChangesInPlace) {
  ResourceContext context = Context("test.instance.dev1");
  Json desired = Desired();
  Created created = MustCreate(Instance(), context, desired);
  // The same token (a create retried after a crash) launches nothing new.
  Created again = MustCreate(Instance(), context, desired);
  EXPECT_EQ(again.id, created.id);
  state::ResourceRecord record = Record(Instance(), context.address(), created, desired);
  ASSERT_TRUE(Instance().WaitReady(context, record).ok());

  Json changed = desired;
  changed["instance_type"] = "t3.large";
  ASSERT_TRUE(Instance().Update(context, record, changed, {"instance_type"}).ok());
  EXPECT_EQ(MustRead(Instance(), context, record)["instance_type"], "t3.large");

  Must("ec2", "CreateTags",
       {{"Resources", {created.id}}, {"Tags", {{{"Key", "owner"}, {"Value", "bob"}}}}});
  EXPECT_EQ(MustRead(Instance(), context, record)["tags"].value("owner", ""), "bob");
  EXPECT_TRUE(Instance().Delete(context, record).ok());

  // Terminated, its token is spent: a new launch with it makes a new instance.
  Created relaunched = MustCreate(Instance(), context, desired);
  EXPECT_NE(relaunched.id, created.id);
  state::ResourceRecord relaunched_record =
      Record(Instance(), context.address(), relaunched, desired);
  EXPECT_TRUE(Instance().Delete(context, relaunched_record).ok());
}

}  // namespace
}  // namespace vueops::resources
