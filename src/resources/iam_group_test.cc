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
            {"inline_policies",
             {{"vueops-assume-roles", AssumePolicy("arn:aws:iam::111111111111:role/VueAdmin")}}},
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

TEST_F(IamGroupMotoTest, PoliciesUpdateInPlaceAndDriftReadsBack) {
  ResourceContext context = Context("org.iam_group.VueAdmin");
  Result<Created> created = IamGroup().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Json changed = Desired();
  changed["inline_policies"] = {
      {"vueops-assume-roles", AssumePolicy("arn:aws:iam::222222222222:role/VueAdmin")}};
  ASSERT_TRUE(
      IamGroup().Update(context, Record(*created, Desired()), changed, {"inline_policies"}).ok());
  Result<Json> read = IamGroup().Read(context, Record(*created, changed));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, changed);

  ASSERT_TRUE(client()
                  .Call("iam", "DeleteGroupPolicy",
                        {{"GroupName", "VueAdmin"}, {"PolicyName", "vueops-assume-roles"}})
                  .ok());
  read = IamGroup().Read(context, Record(*created, changed));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["inline_policies"], Json::object());
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
