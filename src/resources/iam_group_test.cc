#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

Json AssumePolicy(const std::string& role_arn) {
  return {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Sid", "AssumeRoles"},
             {"Effect", "Allow"},
             {"Action", "sts:AssumeRole"},
             {"Resource", {role_arn}}}}}};
}

class IamGroupMotoTest : public test_support::ResourceMotoTest {
 protected:
  Json Desired() {
    return {{"name", "VueAdmin"},
            {"inline_policy_names", Json::array()},
            {"managed_policy_arns", Json::array()}};
  }

  state::ResourceRecord Record(const Created& created, const Json& attributes) {
    state::ResourceRecord record;
    record.address = "org.iam_group.VueAdmin";
    record.type = "iam_group";
    record.id = created.id;
    record.attributes = attributes;
    return record;
  }
};

TEST_F(IamGroupMotoTest, RoundTrip) {
  Created created = RoundTrip(IamGroup(), "org.iam_group.VueAdmin", Desired());
  EXPECT_EQ(created.outputs["arn"], "arn:aws:iam::123456789012:group/VueAdmin");
}

TEST_F(IamGroupMotoTest, AnInlinePolicyItDoesNotNameIsDriftTheUpdateDeletes) {
  ResourceContext context = Context("org.iam_group.VueAdmin");
  Result<Created> created = IamGroup().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // The group's iam_group_policy puts vueops-assume-roles; someone adds another by hand.
  for (const char* name : {"vueops-assume-roles", "by-hand"}) {
    ASSERT_TRUE(client()
                    .Call("iam", "PutGroupPolicy",
                          {{"GroupName", "VueAdmin"},
                           {"PolicyName", name},
                           {"PolicyDocument",
                            DumpJson(AssumePolicy("arn:aws:iam::111111111111:role/VueAdmin"))}})
                    .ok());
  }
  Json wanted = Desired();
  wanted["inline_policy_names"] = {"vueops-assume-roles"};
  Result<Json> read = IamGroup().Read(context, Record(*created, wanted));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["inline_policy_names"], Json::array({"by-hand", "vueops-assume-roles"}));

  ASSERT_TRUE(
      IamGroup().Update(context, Record(*created, wanted), wanted, {"inline_policy_names"}).ok());
  read = IamGroup().Read(context, Record(*created, wanted));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, wanted);
}

TEST_F(IamGroupMotoTest, DeleteRemovesMembersFirstAndCreateRefusesAnExistingGroup) {
  ResourceContext context = Context("org.iam_group.VueAdmin");
  Result<Created> created = IamGroup().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(IamGroup().Create(context, Desired(), "t").status().code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(client().Call("iam", "CreateUser", {{"UserName", "alice"}}).ok());
  ASSERT_TRUE(client()
                  .Call("iam", "AddUserToGroup", {{"GroupName", "VueAdmin"}, {"UserName", "alice"}})
                  .ok());
  Status deleted = IamGroup().Delete(context, Record(*created, Desired()));
  ASSERT_TRUE(deleted.ok()) << deleted.ToString();
  EXPECT_EQ(IamGroup().Read(context, Record(*created, Desired())).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace vueops::resources
