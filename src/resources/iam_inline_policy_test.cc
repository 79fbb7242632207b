// iam_role_policy, iam_group_policy and iam_user_policy (one class, iam_inline_policy.h).
#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

Json AllowPolicy(const std::string& action) {
  return {{"Version", "2012-10-17"},
          {"Statement", {{{"Effect", "Allow"}, {"Action", action}, {"Resource", "*"}}}}};
}

class IamInlinePolicyMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    MakeEc2Role("servers");
    if (HasFatalFailure()) return;
    ASSERT_TRUE(client().Call("iam", "CreateGroup", {{"GroupName", "VueAdmin"}}).ok());
    ASSERT_TRUE(client().Call("iam", "CreateUser", {{"UserName", "ses-smtp"}}).ok());
  }

  static state::ResourceRecord Record(const std::string& address, const std::string& id,
                                      const Json& attributes) {
    state::ResourceRecord record;
    record.address = address;
    record.id = id;
    record.attributes = attributes;
    return record;
  }
};

TEST_F(IamInlinePolicyMotoTest, EachKindRoundTrips) {
  Created role = RoundTrip(
      IamRolePolicy(), "prod.iam_role_policy.servers/vueops-servers",
      {{"role", "servers"}, {"name", "vueops-servers"}, {"policy", AllowPolicy("s3:GetObject")}});
  EXPECT_EQ(role.id, "servers:vueops-servers");
  Created group = RoundTrip(IamGroupPolicy(), "org.iam_group_policy.VueAdmin/vueops-assume-roles",
                            {{"group", "VueAdmin"},
                             {"name", "vueops-assume-roles"},
                             {"policy", AllowPolicy("sts:AssumeRole")}});
  EXPECT_EQ(group.id, "VueAdmin:vueops-assume-roles");
  Created user = RoundTrip(
      IamUserPolicy(), "prod.iam_user_policy.ses-smtp/vueops-ses-send",
      {{"user", "ses-smtp"}, {"name", "vueops-ses-send"}, {"policy", AllowPolicy("ses:Send*")}});
  EXPECT_EQ(user.id, "ses-smtp:vueops-ses-send");
}

TEST_F(IamInlinePolicyMotoTest, TheDocumentUpdatesInPlaceAndAChangeByHandIsReadBack) {
  const std::string address = "prod.iam_role_policy.servers/vueops-servers";
  ResourceContext context = Context(address);
  Json desired = {
      {"role", "servers"}, {"name", "vueops-servers"}, {"policy", AllowPolicy("s3:GetObject")}};
  Result<Created> created = IamRolePolicy().Create(context, desired, "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  state::ResourceRecord record = Record(address, created->id, desired);

  Json changed = desired;
  changed["policy"] = AllowPolicy("s3:PutObject");
  ASSERT_TRUE(IamRolePolicy().Update(context, record, changed, {"policy"}).ok());
  Result<Json> read = IamRolePolicy().Read(context, record);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, changed);

  // Widened in the console.
  ASSERT_TRUE(client()
                  .Call("iam", "PutRolePolicy",
                        {{"RoleName", "servers"},
                         {"PolicyName", "vueops-servers"},
                         {"PolicyDocument", DumpJson(AllowPolicy("*"))}})
                  .ok());
  read = IamRolePolicy().Read(context, record);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["policy"], AllowPolicy("*"));

  // Deleted in the console: gone, so the plan puts it back.
  ASSERT_TRUE(client()
                  .Call("iam", "DeleteRolePolicy",
                        {{"RoleName", "servers"}, {"PolicyName", "vueops-servers"}})
                  .ok());
  EXPECT_EQ(IamRolePolicy().Read(context, record).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(IamRolePolicy().Delete(context, record).ok()) << "deleting what is gone is done";
}

TEST_F(IamInlinePolicyMotoTest, ReadManyAsksOnceForTheWholeAccount) {
  ResourceContext context = Context("org.iam_group_policy.VueAdmin/a");
  std::vector<state::ResourceRecord> records;
  for (const char* name : {"a", "b"}) {
    Json desired = {{"group", "VueAdmin"}, {"name", name}, {"policy", AllowPolicy("s3:*")}};
    Result<Created> created = IamGroupPolicy().Create(context, desired, "t");
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    records.push_back(
        Record(std::string("org.iam_group_policy.VueAdmin/") + name, created->id, desired));
  }
  records.push_back(Record("org.iam_group_policy.VueAdmin/c", "VueAdmin:c", Json::object()));
  records.push_back(Record("org.iam_group_policy.Nobody/a", "Nobody:a", Json::object()));
  records.push_back(Record("org.iam_group_policy.bad", "no-colon", Json::object()));
  std::vector<const state::ResourceRecord*> pointers;
  for (const state::ResourceRecord& record : records) pointers.push_back(&record);
  int before = context.calls();
  std::vector<Result<Json>> results = IamGroupPolicy().ReadMany(context, pointers);
  EXPECT_EQ(context.calls() - before, 1) << "one GetAccountAuthorizationDetails";
  ASSERT_EQ(results.size(), 5u);
  ASSERT_TRUE(results[0].ok() && results[1].ok());
  EXPECT_EQ((*results[1])["name"], "b");
  EXPECT_EQ(results[2].status().code(), StatusCode::kNotFound);
  EXPECT_EQ(results[3].status().code(), StatusCode::kNotFound) << "the group itself is gone";
  EXPECT_EQ(results[4].status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(results[4].status().message().find("vueops state rm"), std::string::npos)
      << results[4].status().ToString();
}

TEST_F(IamInlinePolicyMotoTest, FindAdoptsAPolicyTheOwnerAlreadyHas) {
  // A state written before inline policies were resources of their own: the policy exists,
  // `vueops import --discover` finds it with its document.
  ASSERT_TRUE(client()
                  .Call("iam", "PutUserPolicy",
                        {{"UserName", "ses-smtp"},
                         {"PolicyName", "vueops-ses-send"},
                         {"PolicyDocument", DumpJson(AllowPolicy("ses:SendRawEmail"))}})
                  .ok());
  ResourceContext context = Context("prod.iam_user_policy.ses-smtp/vueops-ses-send");
  Json desired = {{"user", "ses-smtp"}, {"name", "vueops-ses-send"}, {"policy", Json::object()}};
  Result<std::optional<Found>> found = IamUserPolicy().Find(context, desired, "t");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, "ses-smtp:vueops-ses-send");
  EXPECT_EQ((*found)->attributes["policy"], AllowPolicy("ses:SendRawEmail"));
  desired["name"] = "other";
  found = IamUserPolicy().Find(context, desired, "t");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

}  // namespace
}  // namespace vueops::resources
