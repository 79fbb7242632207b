#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

Json AllowPolicy(const std::string& action) {
  return {{"Version", "2012-10-17"},
          {"Statement", {{{"Effect", "Allow"}, {"Action", action}, {"Resource", "*"}}}}};
}

class IamUserMotoTest : public test_support::ResourceMotoTest {
 protected:
  void SetUp() override {
    ResourceMotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const char* group : {"VueAdmin", "VueRead", "VueDev"}) {
      ASSERT_TRUE(client().Call("iam", "CreateGroup", {{"GroupName", group}}).ok());
    }
  }

  Json Desired() {
    return {{"name", "alice"},
            {"groups", {"VueAdmin", "VueRead"}},
            {"inline_policy_names", Json::array()},
            {"managed_policy_arns", Json::array()},
            {"tags", {{"environment", "test"}}}};
  }

  state::ResourceRecord Record(const Created& created, const Json& attributes) {
    state::ResourceRecord record;
    record.address = "org.iam_user.alice";
    record.type = "iam_user";
    record.id = created.id;
    record.attributes = attributes;
    return record;
  }
};

TEST_F(IamUserMotoTest, RoundTrip) {
  Created created = RoundTrip(IamUser(), "org.iam_user.alice", Desired());
  EXPECT_EQ(created.outputs["arn"], "arn:aws:iam::123456789012:user/alice");
}

TEST_F(IamUserMotoTest, GroupsUpdateInPlaceAndDriftReadsBack) {
  ResourceContext context = Context("org.iam_user.alice");
  Result<Created> created = IamUser().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Json changed = Desired();
  changed["groups"] = {"VueDev", "VueRead"};
  changed["tags"] = {{"team", "dev"}};
  // An inline policy put by hand, not one of the user's iam_user_policy resources: drift
  // that the update deletes.
  ASSERT_TRUE(client()
                  .Call("iam", "PutUserPolicy",
                        {{"UserName", "alice"},
                         {"PolicyName", "by-hand"},
                         {"PolicyDocument", DumpJson(AllowPolicy("s3:List*"))}})
                  .ok());
  Result<Json> drifted = IamUser().Read(context, Record(*created, Desired()));
  ASSERT_TRUE(drifted.ok());
  EXPECT_EQ((*drifted)["inline_policy_names"], Json::array({"by-hand"}));
  Status updated = IamUser().Update(context, Record(*created, Desired()), changed,
                                    {"groups", "inline_policy_names", "tags"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  Result<Json> read = IamUser().Read(context, Record(*created, changed));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, changed);

  // Added to a group by hand.
  ASSERT_TRUE(client()
                  .Call("iam", "AddUserToGroup", {{"GroupName", "VueAdmin"}, {"UserName", "alice"}})
                  .ok());
  read = IamUser().Read(context, Record(*created, changed));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["groups"], Json::array({"VueAdmin", "VueDev", "VueRead"}));
}

TEST_F(IamUserMotoTest, DeleteRemovesWhatIamWantsGoneFirst) {
  ResourceContext context = Context("org.iam_user.alice");
  Result<Created> created = IamUser().Create(context, Desired(), "t");
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(client()
                  .Call("iam", "CreateLoginProfile",
                        {{"UserName", "alice"}, {"Password", "a-Long-password-1!"}})
                  .ok());
  ASSERT_TRUE(client().Call("iam", "CreateAccessKey", {{"UserName", "alice"}}).ok());
  Result<Json> device =
      client().Call("iam", "CreateVirtualMFADevice", {{"VirtualMFADeviceName", "alice"}});
  ASSERT_TRUE(device.ok());
  std::string serial = (*device)["VirtualMFADevice"].value("SerialNumber", "");
  ASSERT_TRUE(client()
                  .Call("iam", "EnableMFADevice",
                        {{"UserName", "alice"},
                         {"SerialNumber", serial},
                         {"AuthenticationCode1", "123456"},
                         {"AuthenticationCode2", "654321"}})
                  .ok());
  Status deleted = IamUser().Delete(context, Record(*created, Desired()));
  ASSERT_TRUE(deleted.ok()) << deleted.ToString();
  EXPECT_EQ(IamUser().Read(context, Record(*created, Desired())).status().code(),
            StatusCode::kNotFound);
}

TEST_F(IamUserMotoTest, ReadManyReadsEveryUserAtOnce) {
  ResourceContext context = Context("org.iam_user.alice");
  Json bob = Desired();
  bob["name"] = "bob";
  Result<Created> a = IamUser().Create(context, Desired(), "t");
  Result<Created> b = IamUser().Create(context, bob, "t");
  ASSERT_TRUE(a.ok() && b.ok());
  state::ResourceRecord first = Record(*a, Desired()), second = Record(*b, bob);
  const state::ResourceRecord* records[] = {&first, &second};
  int before = context.calls();
  std::vector<Result<Json>> results = IamUser().ReadMany(context, records);
  EXPECT_EQ(context.calls() - before, 1);
  ASSERT_TRUE(results[0].ok() && results[1].ok());
  EXPECT_EQ((*results[1])["name"], "bob");
}

}  // namespace
}  // namespace vueops::resources
