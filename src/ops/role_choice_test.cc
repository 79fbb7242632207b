// Which role an operator gets in an account: the least privileged their groups grant there.
#include "ops/role_choice.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/file.h"
#include "spec/loader.h"

namespace vueops::ops {
namespace {

using ::testing::HasSubstr;

// The notes' four roles and a user per combination of groups.
constexpr char kSpec[] = R"(vueops: 1
name: acme
region: us-west-2
organization:
  management_account: root
  accounts:
    root: {kind: root, email: root@example.com}
    users: {kind: identity, email: users@example.com}
    prod: {kind: production, email: prod@example.com}
    dev: {kind: sandbox, email: dev@example.com}
access:
  identity_account: users
  permission_sets:
    deploy:
      description: Roll the servers
      managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]
      policy:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Action: autoscaling:StartInstanceRefresh, Resource: "*"}
  roles:
    VueAdmin: {description: Admin, grants: {production: admin, sandboxes: admin}}
    VueProd: {description: Deploy, grants: {production: deploy}}
    VueDev: {description: Dev, grants: {sandboxes: admin, production: read-only}}
    VueRead: {description: Read, grants: {workloads: read-only}}
  users:
    alice: {kind: human, groups: [VueAdmin, VueRead]}
    bob: {kind: human, groups: [VueDev, VueRead]}
    carol: {kind: human, groups: [VueProd, VueRead]}
    dave: {kind: human, groups: [VueAdmin, VueDev]}
    eve: {kind: human, groups: [VueProd]}
environments:
  prod:
    account: prod
    network: {vpc_cidr: 10.0.0.0/16}
)";

class RoleChoiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/vueops_role_choice_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    ASSERT_TRUE(WriteFileAtomic(dir_ + "/stack.yaml", kSpec).ok());
    spec::LoadResult loaded = spec::LoadStack(dir_ + "/stack.yaml");
    ASSERT_TRUE(loaded.ok()) << SummarizeDiagnostics(loaded.diagnostics);
    stack_ = std::move(*loaded.stack);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Result<RoleChoice> Choose(const std::string& user, const std::string& account,
                            const std::string& requested = "") {
    return ChooseRole(stack_, *stack_.organization.FindAccount(account),
                      user.empty() ? nullptr : FindUser(stack_, user), requested);
  }

  std::string dir_;
  spec::Stack stack_;
};

TEST_F(RoleChoiceTest, TheLeastPrivilegedOfTheUsersRolesThere) {
  Result<RoleChoice> alice = Choose("alice", "prod");
  ASSERT_TRUE(alice.ok()) << alice.status().ToString();
  EXPECT_EQ(alice->role, "VueRead");
  EXPECT_EQ(alice->permission_set, "read-only");
  ASSERT_EQ(alice->candidates.size(), 2u);
  EXPECT_EQ(alice->candidates[0].role, "VueAdmin");
  EXPECT_EQ(alice->candidates[0].level, PrivilegeLevel::kAdmin);
  EXPECT_EQ(alice->reason,
            "the least privileged (read-only) of alice's roles in prod (VueAdmin: admin, "
            "VueRead: read-only); name another to use it");

  // Deploy reads and rolls: more than read-only.
  EXPECT_EQ(Choose("carol", "prod")->role, "VueRead");
  // A tie goes to the spec's role order.
  EXPECT_EQ(Choose("bob", "prod")->role, "VueDev");
  EXPECT_EQ(Choose("dave", "dev")->role, "VueAdmin");
}

TEST_F(RoleChoiceTest, OneRoleIsSaidToBeTheOnlyOne) {
  Result<RoleChoice> eve = Choose("eve", "prod");
  ASSERT_TRUE(eve.ok());
  EXPECT_EQ(eve->role, "VueProd");
  EXPECT_EQ(eve->reason, "the only role eve's groups grant in prod");
  EXPECT_EQ(eve->max_session_hours, 1);
  EXPECT_TRUE(eve->require_mfa);
}

TEST_F(RoleChoiceTest, ANamedRoleMustExistThere) {
  Result<RoleChoice> named = Choose("alice", "prod", "VueAdmin");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->role, "VueAdmin");
  EXPECT_EQ(named->reason, "named on the command line");

  EXPECT_THAT(Choose("alice", "prod", "VueAdmn").status().message(),
              HasSubstr("did you mean 'VueAdmin'?"));
  Result<RoleChoice> elsewhere = Choose("alice", "dev", "VueProd");
  EXPECT_EQ(elsewhere.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(elsewhere.status().message(),
              HasSubstr("role VueProd does not exist in dev (its grants make it in: prod)"));
  EXPECT_THAT(Choose("eve", "prod", "VueAdmin")->reason, HasSubstr("eve's groups do not grant it"));
  EXPECT_TRUE(Choose("", "prod", std::string(kOrganizationAccessRole)).ok());
}

TEST_F(RoleChoiceTest, WithoutAUserOrARoleThereIsNoChoice) {
  EXPECT_THAT(Choose("", "prod").status().message(), HasSubstr("name the ROLE"));
  Result<RoleChoice> none = Choose("eve", "dev");
  EXPECT_EQ(none.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(none.status().message(),
              HasSubstr("eve's groups (VueProd) grant no role in dev; roles there: VueAdmin, "
                        "VueDev, VueRead"));
}

TEST(PrivilegeOfTest, AdminReadOnlyAndTheRest) {
  spec::PermissionSet set;
  set.managed_policies = {"arn:aws:iam::aws:policy/AdministratorAccess"};
  EXPECT_EQ(PrivilegeOf(set), PrivilegeLevel::kAdmin);
  set.managed_policies = {"arn:aws:iam::aws:policy/ReadOnlyAccess",
                          "arn:aws:iam::aws:policy/SecurityAudit"};
  EXPECT_EQ(PrivilegeOf(set), PrivilegeLevel::kReadOnly);
  set.policy = spec::PolicyDocument{};
  EXPECT_EQ(PrivilegeOf(set), PrivilegeLevel::kLimited);
  EXPECT_EQ(PrivilegeOf(spec::PermissionSet{}), PrivilegeLevel::kLimited);
}

}  // namespace
}  // namespace vueops::ops
