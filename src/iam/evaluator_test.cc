// Every step of AWS's policy evaluation logic, one table row per rule (IAM User Guide, "Policy
// evaluation logic", "Cross-account policy evaluation logic", "Permissions boundaries";
// Organizations User Guide, "Service control policies"). Policies are named by their slot:
// identity0, identity1, resource, boundary, session0, scp<level>.<n>.
#include "iam/evaluator.h"

#include <gtest/gtest.h>

#include "iam/policy_testing.h"

namespace vueops::iam {
namespace {

constexpr char kAccount[] = "111122223333";
constexpr char kOtherAccount[] = "444455556666";
constexpr char kAliceArn[] = "arn:aws:iam::111122223333:user/alice";
constexpr char kDevRoleArn[] = "arn:aws:iam::111122223333:role/teams/Dev";
constexpr char kDevSessionArn[] = "arn:aws:sts::111122223333:assumed-role/Dev/alice";
constexpr char kBobArn[] = "arn:aws:iam::444455556666:user/bob";
constexpr char kBucket[] = "arn:aws:s3:::vue-protected/video.mp4";

Principal Alice() { return UserPrincipal(kAliceArn); }
Principal DevSession() { return RoleSessionPrincipal(kDevRoleArn, "alice"); }
Principal Bob() { return UserPrincipal(kBobArn); }

// One statement, in a current-version document.
std::string Doc(std::string statements) { return Document(statements); }
const std::string kAllowGet =
    Doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})");
const std::string kAllowAll = Doc(R"({"Effect": "Allow", "Action": "*", "Resource": "*"})");
const std::string kAllowEc2 = Doc(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})");
const std::string kDenyGet =
    Doc(R"({"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"})");

// A bucket policy whose one Allow names `principal` (a Principal element's JSON).
std::string BucketAllows(const std::string& principal) {
  return Doc(R"({"Effect": "Allow", "Principal": )" + principal +
             R"(, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::vue-protected/*"})");
}

struct EvalCase {
  std::string name{};
  Principal principal = Alice();
  std::string action = "s3:GetObject";
  std::string resource = kBucket;
  std::string resource_account{};  // empty: the principal's
  std::vector<std::pair<std::string, std::string>> context{};
  std::vector<std::vector<std::string>> scp_levels{};
  bool management_account = false;
  std::string resource_policy{};  // empty: none
  PolicyKind resource_kind = PolicyKind::kResource;
  std::vector<std::string> identity{};
  std::string boundary{};  // empty: none
  std::vector<std::string> session{};
  Decision decision = Decision::kAllow;
  EvaluationStep step = EvaluationStep::kIdentityPolicies;
  // "policy[index]" of every statement the decision lists, in order; unchecked when empty.
  std::vector<std::string> statements{};
};

PoliciesInForce Build(const EvalCase& c) {
  PoliciesInForce policies;
  for (size_t level = 0; level < c.scp_levels.size(); ++level) {
    ServiceControlLevel& scps = policies.service_control_policies.emplace_back();
    scps.name = "level" + std::to_string(level);
    for (size_t n = 0; n < c.scp_levels[level].size(); ++n) {
      scps.policies.push_back(MustParse(PolicyKind::kServiceControl,
                                        "scp" + std::to_string(level) + "." + std::to_string(n),
                                        c.scp_levels[level][n]));
    }
  }
  policies.management_account = c.management_account;
  if (!c.resource_policy.empty()) {
    policies.resource_policy = MustParse(c.resource_kind, "resource", c.resource_policy);
  }
  for (size_t i = 0; i < c.identity.size(); ++i) {
    policies.identity_policies.push_back(
        MustParse(PolicyKind::kIdentity, "identity" + std::to_string(i), c.identity[i]));
  }
  if (!c.boundary.empty()) {
    policies.permissions_boundary =
        MustParse(PolicyKind::kPermissionsBoundary, "boundary", c.boundary);
  }
  for (size_t i = 0; i < c.session.size(); ++i) {
    policies.session_policies.push_back(
        MustParse(PolicyKind::kSession, "session" + std::to_string(i), c.session[i]));
  }
  return policies;
}

class EvaluatorTest : public testing::TestWithParam<EvalCase> {};

TEST_P(EvaluatorTest, Decides) {
  const EvalCase& c = GetParam();
  Request request;
  request.principal = c.principal;
  request.action = c.action;
  request.resource = c.resource;
  request.resource_account = c.resource_account;
  for (const auto& [key, value] : c.context) request.context.Set(key, value);
  Evaluation evaluation = Evaluate(request, Build(c));
  EXPECT_EQ(DecisionName(evaluation.decision), DecisionName(c.decision)) << evaluation.ToString();
  EXPECT_EQ(EvaluationStepName(evaluation.step), EvaluationStepName(c.step))
      << evaluation.ToString();
  if (!c.statements.empty()) {
    std::vector<std::string> refs;
    for (const StatementRef& ref : evaluation.statements) {
      refs.push_back(ref.policy + "[" + std::to_string(ref.index) + "]");
    }
    EXPECT_EQ(refs, c.statements) << evaluation.ToString();
  }
}

using D = Decision;
using S = EvaluationStep;

const std::string kScpDenyGet = kDenyGet;
const std::string kRegionFence = Doc(R"({"Effect": "Deny", "NotAction": ["iam:*", "sts:*"],
    "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}})");

const EvalCase kCases[] = {
    // 1. Explicit deny, wherever it is.
    {.name = "NoPoliciesIsImplicitDeny", .decision = D::kImplicitDeny},
    {.name = "IdentityAllow", .identity = {kAllowGet}, .statements = {"identity0[0]"}},
    {.name = "DenyInIdentityBeatsAllow",
     .identity = {Doc(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                         {"Sid": "NoGet", "Effect": "Deny", "Action": "s3:GetObject",
                          "Resource": "*"})")},
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny,
     .statements = {"identity0[1]"}},
    {.name = "DenyInOtherIdentityPolicy",
     .identity = {kAllowAll, kDenyGet},
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny,
     .statements = {"identity1[0]"}},
    {.name = "DenyInResourcePolicyBeatsIdentity",
     .resource_policy = Doc(R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*",
                               "Resource": "arn:aws:s3:::vue-protected/*"})"),
     .identity = {kAllowAll},
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny,
     .statements = {"resource[0]"}},
    {.name = "DenyInScp",
     .scp_levels = {{kAllowAll, kScpDenyGet}},
     .identity = {kAllowAll},
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny,
     .statements = {"scp0.1[0]"}},
    {.name = "DenyInBoundary",
     .identity = {kAllowAll},
     .boundary = Doc(R"({"Effect": "Allow", "Action": "*", "Resource": "*"},
                        {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"})"),
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny,
     .statements = {"boundary[1]"}},
    {.name = "DenyInSessionPolicy",
     .principal = DevSession(),
     .identity = {kAllowAll},
     .session = {kDenyGet},
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny},
    {.name = "DenyNotActionSparesListed",
     .action = "iam:GetUser",
     .resource = "arn:aws:iam::111122223333:user/alice",
     .identity = {kAllowAll, Doc(R"({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"})")},
     .statements = {"identity0[0]"}},
    {.name = "DenyNotActionHitsOthers",
     .identity = {kAllowAll, Doc(R"({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"})")},
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny},
    {.name = "DenyWithoutTls",
     .context = {{"aws:SecureTransport", "false"}},
     .resource_policy = Doc(R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": "arn:aws:s3:::vue-protected/*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}})"),
     .identity = {kAllowGet},
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny},
    {.name = "TlsRequestPassesTlsDeny",
     .context = {{"aws:SecureTransport", "true"}},
     .resource_policy = Doc(R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": "arn:aws:s3:::vue-protected/*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}})"),
     .identity = {kAllowGet}},
    {.name = "NotResourceLeavesOneOut",
     .resource = "arn:aws:s3:::vue-secrets/key",
     .identity = {Doc(R"({"Effect": "Allow", "Action": "s3:*",
                         "NotResource": "arn:aws:s3:::vue-secrets/*"})")},
     .decision = D::kImplicitDeny},
    {.name = "NotResourceCoversOthers", .identity = {Doc(R"({"Effect": "Allow", "Action": "s3:*",
                         "NotResource": "arn:aws:s3:::vue-secrets/*"})")}},

    // 2. Service control policies: every level allows, none applies where it must not.
    {.name = "ScpEveryLevelAllows",
     .scp_levels = {{kAllowAll}, {kAllowGet}, {kAllowAll}},
     .identity = {kAllowGet},
     .statements = {"scp0.0[0]", "scp1.0[0]", "scp2.0[0]", "identity0[0]"}},
    {.name = "ScpOneLevelWithoutAllow",
     .scp_levels = {{kAllowAll}, {kAllowEc2}, {kAllowAll}},
     .identity = {kAllowGet},
     .decision = D::kImplicitDeny,
     .step = S::kServiceControlPolicies},
    {.name = "ScpAllowsNeverGrant",
     .scp_levels = {{kAllowAll}},
     .decision = D::kImplicitDeny,
     .step = S::kIdentityPolicies},
    {.name = "ScpNotInManagementAccount",
     .scp_levels = {{kAllowEc2, kScpDenyGet}},
     .management_account = true,
     .identity = {kAllowGet},
     .statements = {"identity0[0]"}},
    {.name = "ScpNotOnServiceLinkedRole",
     .principal =
         [] {
           Principal p = RoleSessionPrincipal(
               "arn:aws:iam::111122223333:role/aws-service-role/rds.amazonaws.com/"
               "AWSServiceRoleForRDS",
               "rds");
           p.service_linked_role = true;
           return p;
         }(),
     .scp_levels = {{kAllowEc2}},
     .identity = {kAllowGet}},
    {.name = "ScpAppliesToMemberRoot",
     .principal = RootPrincipal(kAccount),
     .scp_levels = {{kAllowEc2}},
     .decision = D::kImplicitDeny,
     .step = S::kServiceControlPolicies},
    {.name = "ScpRegionFenceDenies",
     .action = "ec2:RunInstances",
     .resource = "*",
     .context = {{"aws:RequestedRegion", "eu-west-1"}},
     .scp_levels = {{kAllowAll, kRegionFence}},
     .identity = {kAllowAll},
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny,
     .statements = {"scp0.1[0]"}},
    {.name = "ScpRegionFenceAllowsHomeRegion",
     .action = "ec2:RunInstances",
     .resource = "*",
     .context = {{"aws:RequestedRegion", "us-east-1"}},
     .scp_levels = {{kAllowAll, kRegionFence}},
     .identity = {kAllowAll}},
    {.name = "ScpRegionFenceExemptsGlobalServices",
     .action = "iam:ListRoles",
     .resource = "*",
     .context = {{"aws:RequestedRegion", "eu-west-1"}},
     .scp_levels = {{kAllowAll, kRegionFence}},
     .identity = {kAllowAll}},

    // 3. Resource-based policies in the same account.
    {.name = "ResourceNamesUserGrantsAlone",
     .resource_policy = BucketAllows(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})"),
     .step = S::kResourcePolicy,
     .statements = {"resource[0]"}},
    {.name = "ResourceNamesUserPastBoundary",
     .resource_policy = BucketAllows(R"({"AWS": "arn:aws:iam::111122223333:user/alice"})"),
     .boundary = kAllowEc2,
     .step = S::kResourcePolicy},
    {.name = "ResourceNamesRoleWithoutIdentity",
     .principal = DevSession(),
     .resource_policy = BucketAllows(R"({"AWS": "arn:aws:iam::111122223333:role/teams/Dev"})"),
     .step = S::kResourcePolicy,
     .statements = {"resource[0]"}},
    {.name = "ResourceNamesRoleLimitedByBoundary",
     .principal = DevSession(),
     .resource_policy = BucketAllows(R"({"AWS": "arn:aws:iam::111122223333:role/teams/Dev"})"),
     .boundary = kAllowEc2,
     .decision = D::kImplicitDeny,
     .step = S::kPermissionsBoundary},
    {.name = "ResourceNamesRoleLimitedBySessionPolicy",
     .principal = DevSession(),
     .resource_policy = BucketAllows(R"({"AWS": "arn:aws:iam::111122223333:role/teams/Dev"})"),
     .session = {kAllowEc2},
     .decision = D::kImplicitDeny,
     .step = S::kSessionPolicies},
    {.name = "ResourceNamesSessionPastBoundaryAndSession",
     .principal = DevSession(),
     .resource_policy = BucketAllows(std::string(R"({"AWS": ")") + kDevSessionArn + "\"}"),
     .boundary = kAllowEc2,
     .session = {kAllowEc2},
     .step = S::kResourcePolicy},
    {.name = "ResourceNamesAccountNeedsIdentity",
     .resource_policy = BucketAllows(R"({"AWS": "arn:aws:iam::111122223333:root"})"),
     .decision = D::kImplicitDeny,
     .step = S::kIdentityPolicies},
    {.name = "ResourceNamesAccountIdWithIdentity",
     .resource_policy = BucketAllows(R"({"AWS": "111122223333"})"),
     .identity = {kAllowGet},
     .statements = {"resource[0]", "identity0[0]"}},
    {.name = "ResourceStarGrantsAlone",
     .resource_policy = BucketAllows(R"("*")"),
     .step = S::kResourcePolicy},
    {.name = "ResourceForSomeoneElseIdentityStillGrants",
     .resource_policy = BucketAllows(R"({"AWS": "arn:aws:iam::111122223333:user/carol"})"),
     .identity = {kAllowGet},
     .statements = {"identity0[0]"}},
    {.name = "ResourceConditionNotMet",
     .resource_policy = Doc(R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::vue-protected/*",
        "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b"}}})"),
     .decision = D::kImplicitDeny},
    {.name = "ResourceConditionMet",
     .context = {{"aws:SourceVpce", "vpce-1a2b"}},
     .resource_policy = Doc(R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::vue-protected/*",
        "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b"}}})"),
     .step = S::kResourcePolicy},

    // Cross-account: both sides must allow.
    {.name = "CrossAccountBothSides",
     .principal = Bob(),
     .resource_account = kAccount,
     .resource_policy = BucketAllows(R"({"AWS": "arn:aws:iam::444455556666:root"})"),
     .identity = {kAllowGet},
     .statements = {"resource[0]", "identity0[0]"}},
    {.name = "CrossAccountIdentityOnly",
     .principal = Bob(),
     .resource_account = kAccount,
     .identity = {kAllowGet},
     .decision = D::kImplicitDeny,
     .step = S::kResourcePolicy},
    {.name = "CrossAccountResourceOnly",
     .principal = Bob(),
     .resource_account = kAccount,
     .resource_policy = BucketAllows(R"({"AWS": "arn:aws:iam::444455556666:root"})"),
     .decision = D::kImplicitDeny,
     .step = S::kIdentityPolicies},
    {.name = "CrossAccountUserNamedStillNeedsIdentity",
     .principal = Bob(),
     .resource_account = kAccount,
     .resource_policy = BucketAllows(std::string(R"({"AWS": ")") + kBobArn + "\"}"),
     .decision = D::kImplicitDeny,
     .step = S::kIdentityPolicies},
    {.name = "CrossAccountOtherAccountNamed",
     .principal = Bob(),
     .resource_account = kAccount,
     .resource_policy = BucketAllows(R"({"AWS": "arn:aws:iam::999999999999:root"})"),
     .identity = {kAllowGet},
     .decision = D::kImplicitDeny,
     .step = S::kResourcePolicy},
    {.name = "CrossAccountBoundaryLimitsCaller",
     .principal = Bob(),
     .resource_account = kAccount,
     .resource_policy = BucketAllows(R"("*")"),
     .identity = {kAllowGet},
     .boundary = kAllowEc2,
     .decision = D::kImplicitDeny,
     .step = S::kPermissionsBoundary},
    {.name = "CrossAccountCallerScpApplies",
     .principal = Bob(),
     .resource_account = kAccount,
     .scp_levels = {{kAllowEc2}},
     .resource_policy = BucketAllows(R"("*")"),
     .identity = {kAllowGet},
     .decision = D::kImplicitDeny,
     .step = S::kServiceControlPolicies},

    // Callers without an account of their own.
    {.name = "ServiceAllowedWithSourceArn",
     .principal = ServicePrincipal("cloudfront.amazonaws.com"),
     .context = {{"aws:SourceArn", "arn:aws:cloudfront::111122223333:distribution/E1"}},
     .scp_levels = {{kAllowEc2}},
     .resource_policy =
         Doc(R"({"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::vue-protected/*",
        "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/*"}}})"),
     .step = S::kResourcePolicy},
    {.name = "ServiceOtherDistribution",
     .principal = ServicePrincipal("cloudfront.amazonaws.com"),
     .context = {{"aws:SourceArn", "arn:aws:cloudfront::999999999999:distribution/E9"}},
     .resource_policy =
         Doc(R"({"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::vue-protected/*",
        "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/*"}}})"),
     .decision = D::kImplicitDeny,
     .step = S::kResourcePolicy},
    {.name = "AnonymousWithoutPublicPolicy",
     .principal = Principal{PrincipalKind::kAnonymous, "", "", "", false},
     .resource_policy = BucketAllows(R"({"AWS": "111122223333"})"),
     .decision = D::kImplicitDeny,
     .step = S::kResourcePolicy},
    {.name = "AnonymousPublicPolicy",
     .principal = Principal{PrincipalKind::kAnonymous, "", "", "", false},
     .resource_policy = BucketAllows(R"("*")"),
     .step = S::kResourcePolicy},

    // The root user.
    {.name = "RootNeedsNoIdentityPolicy", .principal = RootPrincipal(kAccount)},
    {.name = "RootIsNotLimitedByBoundary",
     .principal = RootPrincipal(kAccount),
     .boundary = kAllowEc2},
    {.name = "RootCrossAccountNeedsResourcePolicy",
     .principal = RootPrincipal(kOtherAccount),
     .resource_account = kAccount,
     .decision = D::kImplicitDeny,
     .step = S::kResourcePolicy},

    // 4.-5. Identity policies and the permissions boundary: their intersection.
    {.name = "BoundaryAllowsToo",
     .identity = {kAllowAll},
     .boundary = kAllowGet,
     .statements = {"identity0[0]", "boundary[0]"}},
    {.name = "BoundaryDoesNotAllow",
     .identity = {kAllowAll},
     .boundary = kAllowEc2,
     .decision = D::kImplicitDeny,
     .step = S::kPermissionsBoundary},
    {.name = "BoundaryAloneGrantsNothing",
     .boundary = kAllowAll,
     .decision = D::kImplicitDeny,
     .step = S::kIdentityPolicies},

    // 6. Session policies.
    {.name = "RoleSessionWithoutSessionPolicy", .principal = DevSession(), .identity = {kAllowGet}},
    {.name = "RoleSessionPolicyAllows",
     .principal = DevSession(),
     .identity = {kAllowAll},
     .session = {kAllowEc2, kAllowGet},
     .statements = {"identity0[0]", "session1[0]"}},
    {.name = "RoleSessionPolicyNarrower",
     .principal = DevSession(),
     .identity = {kAllowAll},
     .session = {kAllowEc2},
     .decision = D::kImplicitDeny,
     .step = S::kSessionPolicies},
    {.name = "SessionPolicyAloneGrantsNothing",
     .principal = DevSession(),
     .session = {kAllowAll},
     .decision = D::kImplicitDeny,
     .step = S::kIdentityPolicies},
    {.name = "FederatedUserNeedsSessionPolicy",
     .principal = FederatedUserPrincipal("arn:aws:sts::111122223333:federated-user/kiosk"),
     .identity = {kAllowAll},
     .decision = D::kImplicitDeny,
     .step = S::kSessionPolicies},
    {.name = "FederatedUserWithSessionPolicy",
     .principal = FederatedUserPrincipal("arn:aws:sts::111122223333:federated-user/kiosk"),
     .identity = {kAllowAll},
     .session = {kAllowGet}},
    {.name = "NonSessionIgnoresSessionPolicies", .identity = {kAllowGet}, .session = {kAllowEc2}},

    // NotPrincipal: a role session is out of a Deny only when its session, role and account
    // are all listed (IAM User Guide, "NotPrincipal").
    {.name = "NotPrincipalListsWholeChain",
     .principal = DevSession(),
     .resource_policy = Doc(std::string(R"({"Effect": "Deny", "NotPrincipal": {"AWS": [")") +
                            kDevSessionArn + R"(", ")" + kDevRoleArn +
                            R"(", "111122223333"]}, "Action": "s3:*", "Resource": "*"})"),
     .identity = {kAllowGet}},
    {.name = "NotPrincipalRoleOnlyStillDenied",
     .principal = DevSession(),
     .resource_policy = Doc(std::string(R"({"Effect": "Deny", "NotPrincipal": {"AWS": ")") +
                            kDevRoleArn + R"("}, "Action": "s3:*", "Resource": "*"})"),
     .identity = {kAllowGet},
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny},
    {.name = "NotPrincipalDeniesOthers",
     .resource_policy = Doc(std::string(R"({"Effect": "Deny", "NotPrincipal": {"AWS": [")") +
                            kDevSessionArn + R"(", ")" + kDevRoleArn +
                            R"(", "111122223333"]}, "Action": "s3:*", "Resource": "*"})"),
     .identity = {kAllowGet},
     .decision = D::kExplicitDeny,
     .step = S::kExplicitDeny},

    // Policy variables in Resource (PMapper's ${aws:username} cases).
    {.name = "UsernameVariableOwnPrefix",
     .resource = "arn:aws:s3:::vue-home/alice/notes.txt",
     .identity = {Doc(R"({"Effect": "Allow", "Action": "s3:GetObject",
                         "Resource": "arn:aws:s3:::vue-home/${aws:username}/*"})")}},
    {.name = "UsernameVariableOtherPrefix",
     .resource = "arn:aws:s3:::vue-home/bob/notes.txt",
     .identity = {Doc(R"({"Effect": "Allow", "Action": "s3:GetObject",
                         "Resource": "arn:aws:s3:::vue-home/${aws:username}/*"})")},
     .decision = D::kImplicitDeny},
    {.name = "UsernameVariableAbsentForRoleSession",
     .principal = DevSession(),
     .resource = "arn:aws:s3:::vue-home/alice/notes.txt",
     .identity = {Doc(R"({"Effect": "Allow", "Action": "s3:GetObject",
                         "Resource": "arn:aws:s3:::vue-home/${aws:username}/*"})")},
     .decision = D::kImplicitDeny},
    {.name = "PrincipalAccountVariable",
     .resource = "arn:aws:s3:::vue-state-111122223333/lock",
     .identity = {Doc(R"({"Effect": "Allow", "Action": "s3:GetObject",
                         "Resource": "arn:aws:s3:::vue-state-${aws:PrincipalAccount}/*"})")}},
};

INSTANTIATE_TEST_SUITE_P(EvaluationLogic, EvaluatorTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<EvalCase>& info) {
                           return info.param.name;
                         });

TEST(EvaluationTest, PrintsTheDecisionAndItsStatements) {
  PoliciesInForce policies;
  policies.identity_policies.push_back(
      MustParse(PolicyKind::kIdentity, "readers",
                Doc(R"({"Sid": "Read", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
             {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::vue-secrets/*"})")));
  Request request;
  request.principal = Alice();
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::vue-secrets/db";
  Evaluation evaluation = Evaluate(request, policies);
  EXPECT_EQ(evaluation.ToString(),
            "ExplicitDeny at explicit deny: a Deny statement applies to s3:GetObject on "
            "arn:aws:s3:::vue-secrets/db, and a Deny overrides every Allow\n"
            "  Deny  identity-based policy \"readers\" Statement[1] (Sid \"NoSecrets\")");
  EXPECT_EQ(DumpJson(evaluation.ToJson()),
            R"({"decision":"ExplicitDeny","step":"explicit deny","reason":"a Deny statement )"
            R"(applies to s3:GetObject on arn:aws:s3:::vue-secrets/db, and a Deny overrides )"
            R"(every Allow","statements":[{"policy":"readers","policy_type":"identity-based )"
            R"(policy","statement":1,"sid":"NoSecrets","effect":"Deny"}]})");
}

}  // namespace
}  // namespace vueops::iam
