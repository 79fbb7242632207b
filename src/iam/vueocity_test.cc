// The Vueocity organization as the setup notes describe it ("Accounts and IAM"): IAM users in
// vueusers, groups named after the roles with sts:AssumeRole on role ARNs that carry the
// target account's number, roles in each account trusting vueusers (with MFA), VueOrg trusted
// only from the vueorg root account, and the policies each role has where it exists.
#include <gtest/gtest.h>

#include "iam/evaluator.h"
#include "iam/policy_testing.h"

namespace vueops::iam {
namespace {

constexpr char kVueorg[] = "111111111111";    // management account
constexpr char kVueusers[] = "222222222222";  // IAM users and groups
constexpr char kVueprod[] = "333333333333";
constexpr char kVuedev[] = "444444444444";
constexpr char kVueops[] = "555555555555";

std::string RoleArn(const std::string& account, const std::string& role) {
  return "arn:aws:iam::" + account + ":role/" + role;
}

// A role's trust policy as vueops writes it (graph/build_access.cc): the trusted account's
// root, MFA required when the role says so.
Policy Trust(const std::string& trusted_account, bool require_mfa) {
  std::string condition =
      require_mfa ? R"(, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}})" : "";
  return MustParse(
      PolicyKind::kTrust, "trust",
      Document(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::)" + trusted_account +
               R"(:root"}, "Action": "sts:AssumeRole")" + condition + "}"));
}

// A vueusers group's policy: sts:AssumeRole on exactly its roles' ARNs.
Policy GroupPolicy(const std::string& group, const std::vector<std::string>& role_arns) {
  std::string resources;
  for (const std::string& arn : role_arns) {
    resources += (resources.empty() ? "\"" : ", \"") + arn + "\"";
  }
  return MustParse(PolicyKind::kIdentity, group + "/vueops-assume-roles",
                   Document(R"({"Sid": "AssumeRoles", "Effect": "Allow", "Action": "sts:AssumeRole",
                                "Resource": [)" +
                            resources + "]}"));
}

const char kReadOnly[] = R"({"Sid": "ReadOnly", "Effect": "Allow",
    "Action": ["s3:Get*", "s3:List*", "ec2:Describe*", "rds:Describe*", "cloudwatch:Get*"],
    "Resource": "*"})";
const char kAdmin[] = R"({"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"})";
const char kDeploy[] = R"({"Sid": "Deploy", "Effect": "Allow",
    "Action": ["ec2:*", "autoscaling:*", "elasticloadbalancing:*", "s3:PutObject", "s3:Get*"],
    "Resource": "*"},
    {"Sid": "NoIam", "Effect": "Deny", "Action": "iam:*", "Resource": "*"})";

class VueocityTest : public testing::Test {
 protected:
  Principal User(const std::string& name, const std::string& account = kVueusers) {
    return UserPrincipal("arn:aws:iam::" + account + ":user/" + name);
  }

  // sts:AssumeRole of `role` in `account` by `caller` with `identity` policies.
  Evaluation Assume(const Principal& caller, const std::string& account, const std::string& role,
                    std::vector<Policy> identity, bool mfa, const Policy& trust) {
    Request request = AssumeRoleRequest(caller, RoleArn(account, role));
    request.context.Set("aws:MultiFactorAuthPresent", mfa ? "true" : "false");
    PoliciesInForce policies;
    policies.resource_policy = trust;
    policies.identity_policies = std::move(identity);
    return Evaluate(request, policies);
  }

  // `action` on `resource` by a session of `role` in `account` holding `role_policy`.
  Evaluation Act(const std::string& account, const std::string& role, const char* role_policy,
                 const std::string& action, const std::string& resource,
                 std::vector<ServiceControlLevel> scps = {}, bool management = false) {
    Request request;
    request.principal = RoleSessionPrincipal(RoleArn(account, role), "alice");
    request.action = action;
    request.resource = resource;
    PoliciesInForce policies;
    policies.identity_policies.push_back(
        MustParse(PolicyKind::kIdentity, role + "/permissions", Document(role_policy)));
    policies.service_control_policies = std::move(scps);
    policies.management_account = management;
    return Evaluate(request, policies);
  }

  Policy admin_group_ = GroupPolicy(
      "VueAdmin",
      {RoleArn(kVueprod, "VueAdmin"), RoleArn(kVuedev, "VueAdmin"), RoleArn(kVueops, "VueAdmin")});
  Policy dev_group_ =
      GroupPolicy("VueDev", {RoleArn(kVuedev, "VueDev"), RoleArn(kVueprod, "VueDev")});
  Policy read_group_ = GroupPolicy("VueRead", {"arn:aws:iam::*:role/VueRead"});
};

TEST_F(VueocityTest, AdminAssumesProdAdminWithMfa) {
  Evaluation e =
      Assume(User("alice"), kVueprod, "VueAdmin", {admin_group_}, true, Trust(kVueusers, true));
  EXPECT_EQ(e.decision, Decision::kAllow) << e.ToString();
  ASSERT_EQ(e.statements.size(), 2u);
  EXPECT_EQ(e.statements[0].kind, PolicyKind::kTrust);
  EXPECT_EQ(e.statements[1].policy, "VueAdmin/vueops-assume-roles");
  EXPECT_EQ(e.statements[1].sid, "AssumeRoles");
}

TEST_F(VueocityTest, TrustWithoutMfaDenies) {
  Evaluation e =
      Assume(User("alice"), kVueprod, "VueAdmin", {admin_group_}, false, Trust(kVueusers, true));
  EXPECT_EQ(e.decision, Decision::kImplicitDeny);
  EXPECT_EQ(e.step, EvaluationStep::kResourcePolicy) << e.ToString();
}

TEST_F(VueocityTest, DevGroupCannotAssumeProdAdmin) {
  Evaluation e =
      Assume(User("dana"), kVueprod, "VueAdmin", {dev_group_}, true, Trust(kVueusers, true));
  EXPECT_EQ(e.decision, Decision::kImplicitDeny);
  EXPECT_EQ(e.step, EvaluationStep::kIdentityPolicies) << e.ToString();
}

TEST_F(VueocityTest, RoleArnAccountNumberMatters) {
  Policy dev_only = GroupPolicy("VueDev", {RoleArn(kVuedev, "VueDev")});
  Evaluation e = Assume(User("dana"), kVueprod, "VueDev", {dev_only}, true, Trust(kVueusers, true));
  EXPECT_EQ(e.step, EvaluationStep::kIdentityPolicies) << e.ToString();
  EXPECT_TRUE(
      Assume(User("dana"), kVuedev, "VueDev", {dev_only}, true, Trust(kVueusers, true)).allowed());
}

TEST_F(VueocityTest, ReadGroupWildcardAccountAssumesReadEverywhere) {
  for (const char* account : {kVueprod, kVuedev, kVueops}) {
    EXPECT_TRUE(
        Assume(User("rita"), account, "VueRead", {read_group_}, true, Trust(kVueusers, true))
            .allowed())
        << account;
  }
  EXPECT_FALSE(
      Assume(User("rita"), kVueprod, "VueReader", {read_group_}, true, Trust(kVueusers, true))
          .allowed());
}

TEST_F(VueocityTest, VueOrgIsNotTrustedFromVueusers) {
  Evaluation e = Assume(User("alice"), kVueprod, "VueOrg",
                        {MustParse(PolicyKind::kIdentity, "everything", Document(kAdmin))}, true,
                        Trust(kVueorg, false));
  EXPECT_EQ(e.decision, Decision::kImplicitDeny);
  EXPECT_EQ(e.step, EvaluationStep::kResourcePolicy) << e.ToString();
}

TEST_F(VueocityTest, VueOrgFromTheVueorgAccount) {
  Policy org_admin = GroupPolicy("OrgAdmin", {"arn:aws:iam::*:role/VueOrg"});
  EXPECT_TRUE(Assume(User("founder", kVueorg), kVueprod, "VueOrg", {org_admin}, false,
                     Trust(kVueorg, false))
                  .allowed());
  // The trust only delegates: the vueorg user still needs an identity-based Allow.
  Evaluation e =
      Assume(User("founder", kVueorg), kVueprod, "VueOrg", {}, false, Trust(kVueorg, false));
  EXPECT_EQ(e.step, EvaluationStep::kIdentityPolicies) << e.ToString();
}

TEST_F(VueocityTest, SameAccountTrustOfTheAccountNeedsIdentityPolicy) {
  Evaluation without =
      Assume(User("alice"), kVueusers, "VueUsersAdmin", {}, true, Trust(kVueusers, true));
  EXPECT_EQ(without.step, EvaluationStep::kIdentityPolicies) << without.ToString();
  Policy group = GroupPolicy("Admins", {RoleArn(kVueusers, "VueUsersAdmin")});
  EXPECT_TRUE(
      Assume(User("alice"), kVueusers, "VueUsersAdmin", {group}, true, Trust(kVueusers, true))
          .allowed());
}

TEST_F(VueocityTest, SameAccountTrustNamingTheUserNeedsNothingElse) {
  Policy trust = MustParse(PolicyKind::kTrust, "trust", Document(R"({"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::222222222222:user/alice"}, "Action": "sts:AssumeRole"})"));
  Evaluation e = Assume(User("alice"), kVueusers, "Break-glass", {}, true, trust);
  EXPECT_TRUE(e.allowed()) << e.ToString();
  EXPECT_EQ(e.step, EvaluationStep::kResourcePolicy);
}

TEST_F(VueocityTest, ServerRoleTrustsEc2) {
  Policy trust = MustParse(PolicyKind::kTrust, "servers-trust", Document(R"({"Effect": "Allow",
      "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})"));
  Request request =
      AssumeRoleRequest(ServicePrincipal("ec2.amazonaws.com"), RoleArn(kVueprod, "servers"));
  PoliciesInForce policies;
  policies.resource_policy = trust;
  EXPECT_TRUE(Evaluate(request, policies).allowed());
  request.principal = ServicePrincipal("lambda.amazonaws.com");
  EXPECT_FALSE(Evaluate(request, policies).allowed());
}

TEST_F(VueocityTest, WebIdentityTrustWithAudienceCondition) {
  Policy trust = MustParse(PolicyKind::kTrust, "ci-trust", Document(R"({"Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::555555555555:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                    "StringLike": {"token.actions.githubusercontent.com:sub": "repo:vueocity/*"}}})"));
  Request request;
  request.principal = IdentityProviderPrincipal(
      "arn:aws:iam::555555555555:oidc-provider/token.actions.githubusercontent.com");
  request.action = "sts:AssumeRoleWithWebIdentity";
  request.resource = RoleArn(kVueops, "ci");
  request.context.Set("token.actions.githubusercontent.com:aud", "sts.amazonaws.com");
  request.context.Set("token.actions.githubusercontent.com:sub", "repo:vueocity/mpf:ref:main");
  PoliciesInForce policies;
  policies.resource_policy = trust;
  EXPECT_TRUE(Evaluate(request, policies).allowed());
  request.context.Set("token.actions.githubusercontent.com:sub", "repo:someone/else");
  EXPECT_FALSE(Evaluate(request, policies).allowed());
}

TEST_F(VueocityTest, RoleChainingTrustNamesTheCallersRole) {
  Policy trust = MustParse(PolicyKind::kTrust, "deploy-trust", Document(R"({"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::555555555555:role/VueProd"}, "Action": "sts:AssumeRole"})"));
  Principal session = RoleSessionPrincipal(RoleArn(kVueops, "VueProd"), "deploy");
  Request request = AssumeRoleRequest(session, RoleArn(kVueprod, "deploy"));
  PoliciesInForce policies;
  policies.resource_policy = trust;
  policies.identity_policies.push_back(GroupPolicy("VueProd", {RoleArn(kVueprod, "deploy")}));
  EXPECT_TRUE(Evaluate(request, policies).allowed());
  request.principal = RoleSessionPrincipal(RoleArn(kVueops, "VueRead"), "deploy");
  EXPECT_EQ(Evaluate(request, policies).step, EvaluationStep::kResourcePolicy);
}

TEST_F(VueocityTest, DevIsReadOnlyOnProduction) {
  EXPECT_TRUE(
      Act(kVueprod, "VueDev", kReadOnly, "s3:GetObject", "arn:aws:s3:::vue-prod/x").allowed());
  EXPECT_TRUE(Act(kVueprod, "VueDev", kReadOnly, "ec2:DescribeInstances", "*").allowed());
  Evaluation write = Act(kVueprod, "VueDev", kReadOnly, "s3:PutObject", "arn:aws:s3:::vue-prod/x");
  EXPECT_EQ(write.decision, Decision::kImplicitDeny);
  EXPECT_EQ(write.step, EvaluationStep::kIdentityPolicies);
}

TEST_F(VueocityTest, DevIsAdminOnDev) {
  EXPECT_TRUE(Act(kVuedev, "VueDev", kAdmin, "ec2:TerminateInstances",
                  "arn:aws:ec2:us-east-1:444444444444:instance/i-1")
                  .allowed());
}

TEST_F(VueocityTest, ReadCannotWriteAnywhere) {
  EXPECT_FALSE(Act(kVuedev, "VueRead", kReadOnly, "ec2:RunInstances", "*").allowed());
  EXPECT_TRUE(Act(kVuedev, "VueRead", kReadOnly, "rds:DescribeDBInstances", "*").allowed());
}

TEST_F(VueocityTest, ProdDeployerNeverTouchesIam) {
  Evaluation e = Act(kVueprod, "VueProd", kDeploy, "iam:PassRole", RoleArn(kVueprod, "servers"));
  EXPECT_EQ(e.decision, Decision::kExplicitDeny);
  ASSERT_EQ(e.statements.size(), 1u);
  EXPECT_EQ(e.statements[0].sid, "NoIam");
  EXPECT_TRUE(
      Act(kVueprod, "VueProd", kDeploy, "autoscaling:UpdateAutoScalingGroup", "*").allowed());
}

TEST_F(VueocityTest, ScpKeepsMembersInTheOrganization) {
  std::vector<ServiceControlLevel> scps = {
      {"Root", {MustParse(PolicyKind::kServiceControl, "FullAWSAccess", Document(kAdmin))}},
      {"ou:Workloads",
       {MustParse(PolicyKind::kServiceControl, "FullAWSAccess", Document(kAdmin)),
        MustParse(PolicyKind::kServiceControl, "StayInOrg", Document(R"({"Sid": "NoLeaving",
            "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"})"))}},
      {"account:vueprod",
       {MustParse(PolicyKind::kServiceControl, "FullAWSAccess", Document(kAdmin))}}};
  Evaluation e = Act(kVueprod, "VueAdmin", kAdmin, "organizations:LeaveOrganization", "*", scps);
  EXPECT_EQ(e.decision, Decision::kExplicitDeny);
  ASSERT_EQ(e.statements.size(), 1u);
  EXPECT_EQ(e.statements[0].level, "ou:Workloads");
  EXPECT_EQ(e.statements[0].sid, "NoLeaving");
  EXPECT_TRUE(Act(kVueprod, "VueAdmin", kAdmin, "ec2:RunInstances", "*", scps).allowed());
  // The management account is never limited by SCPs.
  EXPECT_TRUE(
      Act(kVueorg, "VueOrg", kAdmin, "organizations:LeaveOrganization", "*", scps, true).allowed());
}

}  // namespace
}  // namespace vueops::iam
