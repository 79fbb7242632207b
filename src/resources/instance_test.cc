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

// moto 5 ignores RunInstances' ClientToken (AWS answers a repeated token with the instance it
// launched, EC2 API reference, "Ensuring idempotency"), so a retried launch is not testable
// here. What moto can show is the engine's other guard: after a crash the launched instance is
// found by its vueops:address tag and adopted.
TEST_F(InstanceMotoTest, LaunchedInstanceIsFoundByItsAddressAndTypeChangesInPlace) {
  ResourceContext context = Context("test.instance.dev1");
  Json desired = Desired();
  Created created = MustCreate(Instance(), context, desired);
  Result<std::optional<Found>> found = Instance().Find(context, desired, "token-dev1");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, created.id);
  EXPECT_EQ((*found)->attributes["instance_type"], "t3.medium");
  // Another address's instance is not this one.
  ResourceContext other = Context("test.instance.dev2");
  Result<std::optional<Found>> not_ours = Instance().Find(other, desired, "token-dev2");
  ASSERT_TRUE(not_ours.ok());
  EXPECT_FALSE(not_ours->has_value());
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
  // Terminated, it is gone for Read and for Find.
  EXPECT_EQ(Instance().Read(context, record).status().code(), StatusCode::kNotFound);
  found = Instance().Find(context, desired, "token-dev1");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

}  // namespace
}  // namespace vueops::resources
