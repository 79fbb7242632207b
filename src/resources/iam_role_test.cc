#include <gtest/gtest.h>

#include "resource_test_support.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

Json TrustPolicy(const std::string& principal) {
  return {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Effect", "Allow"},
             {"Principal", {{"AWS", principal}}},
             {"Action", "sts:AssumeRole"},
             {"Condition", {{"Bool", {{"aws:MultiFactorAuthPresent", "true"}}}}}}}}};
}

Json AllowPolicy(const std::string& action) {
  return {{"Version", "2012-10-17"},
          {"Statement", {{{"Effect", "Allow"}, {"Action", action}, {"Resource", "*"}}}}};
}

class IamRoleMotoTest : public test_support::ResourceMotoTest {
 protected:
  // moto's server does not load AWS's managed policies (unless MOTO_IAM_LOAD_MANAGED_POLICIES
  // is set), so the tests attach customer managed ones.
  std::string ManagedPolicy(const std::string& name) {
    Result<Json> policy = client().Call(
        "iam", "CreatePolicy",
        {{"PolicyName", name}, {"PolicyDocument", DumpJson(AllowPolicy("s3:List*"))}});
    EXPECT_TRUE(policy.ok()) << policy.status().ToString();
    return policy.ok() ? (*policy)["Policy"].value("Arn", "") : "";
  }

  Json Desired(const std::string& managed_arn) {
    return {{"name", "VueAdmin"},
            {"description", "Full admin access for most accounts"},
            {"assume_role_policy", TrustPolicy("arn:aws:iam::123456789012:root")},
            {"max_session_duration", 7200},
            {"managed_policy_arns", {managed_arn}},
            {"inline_policy_names", Json::array()},
            {"tags", {{"environment", "test"}}}};
  }

  state::ResourceRecord Record(const Created& created, const Json& attributes) {
    state::ResourceRecord record;
    record.address = "org.iam_role.vueprod/VueAdmin";
    record.type = "iam_role";
    record.id = created.id;
    record.outputs = created.outputs;
    record.attributes = attributes;
    return record;
  }
};

TEST_F(IamRoleMotoTest, RoundTrip) {
  std::string arn = ManagedPolicy("admin");
  Created created = RoundTrip(IamRole(), "org.iam_role.vueprod/VueAdmin", Desired(arn));
  EXPECT_EQ(created.id, "VueAdmin");
  EXPECT_EQ(created.outputs["arn"], "arn:aws:iam::123456789012:role/VueAdmin");
}

TEST_F(IamRoleMotoTest, UpdatesInPlaceAndReadsDriftBack) {
  std::string admin = ManagedPolicy("admin");
  std::string read_only = ManagedPolicy("read-only");
  ResourceContext context = Context("org.iam_role.vueprod/VueAdmin");
  Json desired = Desired(admin);
  Result<Created> created = IamRole().Create(context, desired, "token");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_TRUE(IamRole().WaitReady(context, Record(*created, desired)).ok());

  Json changed = desired;
  changed["description"] = "Deploys";
  changed["max_session_duration"] = 3600;
  changed["assume_role_policy"] = TrustPolicy("arn:aws:iam::210987654321:root");
  changed["managed_policy_arns"] = Json::array({read_only});
  changed["inline_policy_names"] = {"read"};
  changed["tags"] = {{"team", "ops"}};
  // What the role's iam_role_policy resource puts.
  ASSERT_TRUE(client()
                  .Call("iam", "PutRolePolicy",
                        {{"RoleName", "VueAdmin"},
                         {"PolicyName", "read"},
                         {"PolicyDocument", DumpJson(AllowPolicy("s3:Get*"))}})
                  .ok());
  Status updated = IamRole().Update(context, Record(*created, desired), changed,
                                    {"description", "max_session_duration", "assume_role_policy",
                                     "managed_policy_arns", "inline_policy_names", "tags"});
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  Result<Json> read = IamRole().Read(context, Record(*created, changed));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(JsonEqualUnordered(*read, changed)) << DumpJson(*read);

  // Drift made by hand: a policy attached and an inline policy added in the console.
  ASSERT_TRUE(client()
                  .Call("iam", "AttachRolePolicy", {{"RoleName", "VueAdmin"}, {"PolicyArn", admin}})
                  .ok());
  ASSERT_TRUE(client()
                  .Call("iam", "PutRolePolicy",
                        {{"RoleName", "VueAdmin"},
                         {"PolicyName", "by-hand"},
                         {"PolicyDocument", DumpJson(AllowPolicy("ec2:*"))}})
                  .ok());
  read = IamRole().Read(context, Record(*created, changed));
  ASSERT_TRUE(read.ok());
  std::vector<std::string> sorted = {admin, read_only};
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ((*read)["managed_policy_arns"], Json(sorted));
  EXPECT_EQ((*read)["inline_policy_names"], Json::array({"by-hand", "read"}));

  // Applying the spec again removes both, and keeps the policy the spec names.
  ASSERT_TRUE(IamRole()
                  .Update(context, Record(*created, changed), changed,
                          {"managed_policy_arns", "inline_policy_names"})
                  .ok());
  read = IamRole().Read(context, Record(*created, changed));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["managed_policy_arns"], Json::array({read_only}));
  EXPECT_EQ((*read)["inline_policy_names"], Json::array({"read"}));
  EXPECT_TRUE(IamRole().Delete(context, Record(*created, changed)).ok());
}

TEST_F(IamRoleMotoTest, ReadManyReadsEveryRoleAtOnceAndReportsGoneOnes) {
  ResourceContext context = Context("org.iam_role.vueprod/VueAdmin");
  Json first = Desired(ManagedPolicy("admin"));
  Json second = first;
  second["name"] = "VueRead";
  Result<Created> one = IamRole().Create(context, first, "t1");
  Result<Created> two = IamRole().Create(context, second, "t2");
  ASSERT_TRUE(one.ok() && two.ok());
  state::ResourceRecord gone = Record(*one, first);
  gone.id = "NoSuchRole";
  state::ResourceRecord a = Record(*one, first), b = Record(*two, second);
  const state::ResourceRecord* records[] = {&a, &gone, &b};
  int before = context.calls();
  std::vector<Result<Json>> results = IamRole().ReadMany(context, records);
  EXPECT_EQ(context.calls() - before, 2);  // GetAccountAuthorizationDetails and ListRoles
  ASSERT_EQ(results.size(), 3u);
  ASSERT_TRUE(results[0].ok());
  EXPECT_EQ((*results[0])["name"], "VueAdmin");
  EXPECT_EQ(results[1].status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(results[2].ok());
  EXPECT_EQ((*results[2])["name"], "VueRead");
}

TEST_F(IamRoleMotoTest, CreateAdoptsItsOwnRoleButNotAStrangers) {
  ResourceContext context = Context("org.iam_role.vueprod/VueAdmin");
  Json desired = Desired(ManagedPolicy("admin"));
  ASSERT_TRUE(IamRole().Create(context, desired, "t").ok());
  // The same create again (a retry whose first answer was lost) converges on the same role.
  Result<Created> again = IamRole().Create(context, desired, "t");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->id, "VueAdmin");

  ASSERT_TRUE(client()
                  .Call("iam", "CreateRole",
                        {{"RoleName", "Stranger"},
                         {"AssumeRolePolicyDocument", DumpJson(TrustPolicy("*"))}})
                  .ok());
  Json stranger = desired;
  stranger["name"] = "Stranger";
  Result<Created> taken = IamRole().Create(context, stranger, "t");
  EXPECT_EQ(taken.status().code(), StatusCode::kAlreadyExists);
}

TEST(IamRoleTest, CheckUpdateRefusesSessionsIamRefuses) {
  EXPECT_TRUE(IamRole().CheckUpdate("a", Json::object(), {{"max_session_duration", 43200}}).ok());
  EXPECT_EQ(IamRole().CheckUpdate("a", Json::object(), {{"max_session_duration", 46800}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(IamRole().CheckUpdate("a", Json::object(), {{"max_session_duration", 900}}).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vueops::resources
