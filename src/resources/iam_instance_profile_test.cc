#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

class IamInstanceProfileMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const char* role : {"vueocity-test-servers", "vueocity-test-broad"}) {
      MakeEc2Role(role);
      if (HasFatalFailure()) return;
    }
  }

  Json Desired() {
    return {{"name", "vueocity-test-servers"},
            {"role", "vueocity-test-servers"},
            {"tags", {{"environment", "test"}}}};
  }

  state::ResourceRecord Record(const Created& created, const Json& attributes) {
    state::ResourceRecord record;
    record.address = "test.iam_instance_profile.servers";
    record.type = "iam_instance_profile";
    record.id = created.id;
    record.attributes = attributes;
    return record;
  }
};

TEST_F(IamInstanceProfileMotoTest, RoundTrip) {
  Created created = RoundTrip(IamInstanceProfile(), "test.iam_instance_profile.servers", Desired());
  EXPECT_EQ(created.outputs["arn"],
            "arn:aws:iam::123456789012:instance-profile/vueocity-test-servers");
}

TEST_F(IamInstanceProfileMotoTest, RoleChangesInPlaceAndDriftReadsBack) {
  ResourceContext context = Context("test.iam_instance_profile.servers");
  Result<Created> created = IamInstanceProfile().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_TRUE(IamInstanceProfile().WaitReady(context, Record(*created, Desired())).ok());
  Json changed = Desired();
  changed["role"] = "vueocity-test-broad";
  changed["tags"] = {{"environment", "test"}, {"team", "ops"}};
  Status updated =
      IamInstanceProfile().Update(context, Record(*created, Desired()), changed, {"role", "tags"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  Result<Json> read = IamInstanceProfile().Read(context, Record(*created, changed));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, changed);

  ASSERT_TRUE(client()
                  .Call("iam", "RemoveRoleFromInstanceProfile",
                        {{"InstanceProfileName", created->id}, {"RoleName", "vueocity-test-broad"}})
                  .ok());
  read = IamInstanceProfile().Read(context, Record(*created, changed));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["role"], "");
}

}  // namespace
}  // namespace vueops::resources
